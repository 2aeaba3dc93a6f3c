// The multi-page catalogue under /mpa/: plain HTML documents, one module script, a mock API.
// demo/server.mjs mounts it: `answerMpa(url, response, latency)` answers a path under /mpa/
// and returns undefined for any other.
//
//   /mpa/                        the catalogue (index.html)
//   /mpa/products/:id            a product page: product.html with the id filled in, rendered
//                                once per product at start, as a static-site generator would
//   /mpa/app.js                  app.ts and the library, bundled by esbuild at the first request (and its map)
//   /mpa/api/products[/:id[/reviews]]  the mock API (?latency=ms, ?fail=1)
//
// Caching, as a multi-page site would set it: pages, scripts and API answers may be kept for a
// short while (`private, max-age`), so a `<link rel="prefetch">` of a document is used by the
// navigation (Speculation Rules need no such header), the next page does not download the
// script again, and an API request still in flight when the user clicks is joined by the next
// page's request through the HTTP cache instead of being sent again.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { products, reviewsOf } from '../data.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const SITE_CACHE = 'private, max-age=60';
const API_CACHE = 'private, max-age=10';

/** Files served as they are: path -> [file, content type]. */
const files = {
  '/mpa/mpa.css': [here('./mpa.css'), 'text/css; charset=utf-8'],
  '/mpa/await-data.css': [here('../../src/await-data/await-data.css'), 'text/css; charset=utf-8'],
};

let pages;
/** Every page of the site, by path: built once, the first time one is asked for. */
function renderPages() {
  pages ??= (async () => {
    const catalogue = await readFile(here('./index.html'), 'utf8');
    const template = await readFile(here('./product.html'), 'utf8');
    const count = products.length;
    const entries = products.map((item, i) => {
      const fill = { id: item.id, previous: products[(i + count - 1) % count].id, next: products[(i + 1) % count].id };
      return [`/mpa/products/${item.id}`, template.replace(/\{\{(\w+)\}\}/g, (_, name) => fill[name])];
    });
    return new Map([['/mpa/', catalogue], ...entries]);
  })();
  return pages;
}

let scripts;
/** app.ts and the library in one module, and its source map: built at the first request. */
function bundle() {
  scripts ??= build({
    entryPoints: [here('./app.ts')],
    outfile: here('./app.js'), // names the files in memory; nothing is written
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    write: false,
    logLevel: 'warning',
  }).then(({ outputFiles }) => new Map(outputFiles.map((file) => [`/mpa/${file.path.split('/').pop()}`, file.text])));
  return scripts;
}

function api(pathname) {
  const parts = pathname.split('/').filter(Boolean); // ['mpa', 'api', 'products', id?, 'reviews'?]
  if (parts[2] !== 'products') return undefined;
  if (parts.length === 3) return products.map(({ id, name, price, hue }) => ({ id, name, price, hue }));
  const item = products.find((p) => p.id === parts[3]);
  if (!item || parts.length > 5) return undefined;
  if (parts.length === 4) return item;
  return parts[4] === 'reviews' ? reviewsOf(item.id) : undefined;
}

async function answerApi(url, response, defaultLatency) {
  const latency = Number(url.searchParams.get('latency') ?? defaultLatency) || 0;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(latency, 30_000))));
  const body = url.searchParams.has('fail') ? undefined : api(url.pathname);
  const status = url.searchParams.has('fail') ? 500 : 404;
  response.writeHead(body ? 200 : status, {
    'content-type': 'application/json',
    'cache-control': body ? API_CACHE : 'no-store',
  });
  response.end(JSON.stringify(body ?? { error: status === 500 ? 'the mock API was told to fail' : 'not found' }));
}

/** Every file of the site may be kept for a minute; the API's answers for 10 s. */
function send(response, body, type) {
  response.writeHead(200, { 'content-type': type, 'cache-control': SITE_CACHE });
  response.end(body);
}

/**
 * Answers a request for a path under /mpa/; `undefined` for any other path.
 * @param {URL} url
 * @param {import('node:http').ServerResponse} response
 * @param {number} latency the API's default latency in ms
 * @returns {Promise<void> | undefined} rejects with `code: 'ENOENT'` for a path it does not know
 */
export function answerMpa(url, response, latency) {
  const { pathname } = url;
  if (pathname === '/mpa') {
    response.writeHead(301, { location: '/mpa/' });
    response.end();
    return Promise.resolve();
  }
  if (!pathname.startsWith('/mpa/')) return undefined;
  if (pathname.startsWith('/mpa/api/')) return answerApi(url, response, latency);
  if (pathname === '/mpa/app.js' || pathname === '/mpa/app.js.map') {
    const type = pathname.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8';
    return bundle().then((built) => send(response, built.get(pathname), type));
  }
  if (files[pathname]) {
    const [file, type] = files[pathname];
    return readFile(file).then((body) => send(response, body, type));
  }
  return renderPages().then((all) => {
    const page = all.get(pathname);
    if (page === undefined) throw Object.assign(new Error('no such page'), { code: 'ENOENT' });
    send(response, page, 'text/html; charset=utf-8');
  });
}

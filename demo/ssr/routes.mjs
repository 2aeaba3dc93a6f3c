// The server-rendered catalogue under /ssr/: plain HTML rendered per request by
// prefetch-elements/server, streamed, under `Content-Security-Policy: script-src 'self'`.
// demo/server.mjs mounts it: `answerSsr(url, response, latency)` answers a path under /ssr/ and
// returns undefined for any other.
//
//   /ssr/                 the catalogue (13 products; number 13 carries hostile strings)
//   /ssr/products/:id     product.html for one product: the product awaited (in the first
//                         bytes), its reviews started at once and streamed into the same response
//     ?render=all         for comparison (npm run bench:ssr): the page sent only once all its
//                         data is there, as a server that does not stream would
//     ?render=client      for comparison: the template as it is, the browser fetches the data
//   /ssr/app.js           app.ts and the library, bundled by esbuild at the first request
//   /ssr/ssr.css          the panel's styles
//
// The data comes from the mock catalogue in this process, with the API's latency (300 ms by
// default; the reviews 1.2 s), through module-level queries used with one cache per request.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildLibrary, loadServerModules } from './build.mjs';
import { catalogue, reviewsFor } from './catalogue.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const REVIEWS_LATENCY = 1200;
const HTML = 'text/html; charset=utf-8';
/** No inline script anywhere on these pages; only this origin's scripts run. */
const CSP = "script-src 'self'";

/** Waits `ms`, or rejects once the fetch is aborted (the client went away). */
const wait = (ms, signal) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

let server;
/** The server entry, the template and the module-level queries: made once, at the first request. */
function setUp(latency) {
  server ??= (async () => {
    const { server: ssr, cache } = await loadServerModules();
    const product = cache.query(async function (id) {
      await wait(latency, this.signal);
      const found = catalogue.get(id);
      if (!found) throw new Error(`no product ${id} in the catalogue`);
      return found;
    }, 'product');
    const reviews = cache.query(async function (id) {
      await wait(REVIEWS_LATENCY, this.signal);
      if (!catalogue.has(id)) throw new Error(`no product ${id} in the catalogue`);
      return reviewsFor(id);
    }, 'reviews');
    const template = await readFile(here('./product.html'), 'utf8');
    return { ssr, QueryCache: cache.QueryCache, product, reviews, template };
  })();
  return server;
}

let client;
/** app.ts with the library, minified: built at the first request. */
const clientScript = () => (client ??= buildLibrary({ entry: here('./app.ts'), minify: true }));

/** The product page's HTML for one id: every value escaped for where it goes. */
function fillTemplate(template, id, escapeHtml) {
  const ids = [...catalogue.keys()];
  const at = Math.max(0, ids.indexOf(id));
  const fill = {
    id: escapeHtml(id),
    args: escapeHtml(JSON.stringify([id])),
    previous: encodeURIComponent(ids[(at + ids.length - 1) % ids.length]),
    next: encodeURIComponent(ids[(at + 1) % ids.length]),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_, name) => fill[name]);
}

async function answerProduct(id, render, response, latency) {
  const { ssr, QueryCache, product, reviews, template } = await setUp(latency);
  const html = fillTemplate(template, id, ssr.escapeHtml);
  const headers = { 'content-type': HTML, 'content-security-policy': CSP, 'cache-control': 'no-store' };
  if (render === 'client') {
    response.writeHead(200, headers);
    response.end(html);
    return;
  }
  const cache = new QueryCache(); // this request's data, and no other's
  const reviewsRead = reviews.in(cache)(id); // started now, streamed when it comes
  reviewsRead.catch(() => {}); // a failure is sent to the page as the error it is
  const found = await product
    .in(cache)(id)
    .then(
      () => true,
      () => false, // sent as the error it is: the element shows its error slot
    );
  if (render === 'all') await reviewsRead.catch(() => {});
  response.writeHead(found ? 200 : 404, headers);
  await ssr.pipeToNodeResponse(ssr.renderToStream(html, cache), response);
}

async function answerCatalogue(response) {
  const { ssr } = await setUp(0);
  const items = [...catalogue.values()]
    .map((item) => `<li><a href="/ssr/products/${encodeURIComponent(item.id)}">${ssr.escapeHtml(item.name)}</a></li>`)
    .join('');
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>Server-rendered · prefetch-elements demo</title>
<link rel="icon" href="data:," /><link rel="stylesheet" href="/style.css" /><link rel="stylesheet" href="/ssr/ssr.css" /></head>
<body><div class="page ssr"><header class="site-head"><a class="brand" href="/">prefetch-elements <span>server-rendered demo</span></a></header>
<main class="intro"><h1>Server-rendered products</h1>
<p>Each product page is rendered by <code>prefetch-elements/server</code>: the product is in the first bytes, the reviews
stream into the same response 1.2 s later, and the page runs no inline script. Product 13 carries hostile strings in its
name, description and reviews: they show as text.</p><ul class="catalogue-list">${items}</ul></main></div></body></html>`;
  response.writeHead(200, { 'content-type': HTML, 'content-security-policy': CSP, 'cache-control': 'no-store' });
  response.end(page);
}

/**
 * Answers a request for a path under /ssr/; `undefined` for any other path.
 * @param {URL} url
 * @param {import('node:http').ServerResponse} response
 * @param {number} latency the product's latency in ms
 * @returns {Promise<void> | undefined} rejects with `code: 'ENOENT'` for a path it does not know
 */
export function answerSsr(url, response, latency) {
  const { pathname } = url;
  if (pathname === '/ssr') {
    response.writeHead(301, { location: '/ssr/' });
    response.end();
    return Promise.resolve();
  }
  if (!pathname.startsWith('/ssr/')) return undefined;
  if (pathname === '/ssr/') return answerCatalogue(response);
  const product = pathname.match(/^\/ssr\/products\/([^/]+)$/);
  if (product) return answerProduct(decodeURIComponent(product[1]), url.searchParams.get('render'), response, latency);
  if (pathname === '/ssr/app.js') {
    return clientScript().then((script) => {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
      response.end(script);
    });
  }
  if (pathname === '/ssr/ssr.css') {
    return readFile(here('./ssr.css')).then((css) => {
      response.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' });
      response.end(css);
    });
  }
  return Promise.reject(Object.assign(new Error('no such page'), { code: 'ENOENT' }));
}

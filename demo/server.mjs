// The demo's server: builds the demo with esbuild, serves it, and serves a mock JSON API.
// `npm start` runs it on http://localhost:8080 (PORT changes the port). No other set-up.
//
// Pages: /react/... and /vue/... get the React 19 and Vue 3 pages, every other extension-less
// path the plain-HTML single-page app (each page routes on the client).
//
// Mock API: GET /api/products, /api/products/:id, /api/products/:id/reviews.
//   ?latency=ms  how long the answer takes (default 300, or the LATENCY environment variable)
//   ?fail=1      answer 500 instead
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { products, reviewsOf } from './data.mjs';
import { answerMpa } from './mpa/routes.mjs'; // the multi-page catalogue under /mpa/
import { answerSsr } from './ssr/routes.mjs'; // the server-rendered, streamed catalogue under /ssr/

const root = fileURLToPath(new URL('.', import.meta.url));
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
/** The HTML shell of each page, by the first segment of the path. */
const shells = { react: 'react.html', vue: 'vue.html' };

/** Bundles the three pages' scripts into demo/dist/ (production builds of lit, React and Vue). */
export async function buildDemo() {
  await build({
    entryPoints: ['app.ts', 'react.tsx', 'vue.ts'].map((name) => join(root, name)),
    outdir: join(root, 'dist'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    sourcemap: true,
    jsx: 'automatic',
    // The full build of Vue: the Vue page's templates are compiled in the browser.
    alias: { vue: 'vue/dist/vue.esm-bundler.js' },
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    logLevel: 'warning',
  });
}

function api(url) {
  const parts = url.pathname.split('/').filter(Boolean); // ['api', 'products', id?, 'reviews'?]
  if (parts[1] !== 'products') return undefined;
  if (parts.length === 2) return products.map(({ id, name, price, hue }) => ({ id, name, price, hue }));
  const product = products.find((p) => p.id === parts[2]);
  if (!product) return undefined;
  if (parts.length === 3) return product;
  if (parts[3] === 'reviews' && parts.length === 4) return reviewsOf(product.id);
  return undefined;
}

async function answerApi(url, response, defaultLatency) {
  const latency = Number(url.searchParams.get('latency') ?? defaultLatency) || 0;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(latency, 30_000))));
  const fail = url.searchParams.get('fail');
  const body = fail ? undefined : api(url);
  let status = body === undefined ? 404 : 200;
  if (fail) status = 500;
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body ?? { error: status === 500 ? 'the mock API was told to fail' : 'not found' }));
}

async function answerFile(url, response) {
  const path = normalize(decodeURIComponent(url.pathname));
  const shell = shells[path.split('/')[1]] ?? 'index.html';
  const file = join(root, extname(path) ? path : shell); // every other path is a page's route
  if (!file.startsWith(root) || file.split(sep).includes('..'))
    throw Object.assign(new Error('outside'), { code: 'ENOENT' });
  const body = await readFile(file);
  response.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
  });
  response.end(body);
}

/**
 * Serves the demo and the mock API (build it first with `buildDemo()`).
 * @param {{port?: number, host?: string, latency?: number}} [options] `port` 0 picks a free one;
 *   `latency` is the API's default latency in ms.
 * @returns {Promise<import('node:http').Server>}
 */
export function startServer({
  port = Number(process.env.PORT || 8080),
  host = '127.0.0.1',
  latency = Number(process.env.LATENCY ?? 300),
} = {}) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const answer =
      answerMpa(url, response, latency) ??
      answerSsr(url, response, latency) ??
      (url.pathname.startsWith('/api/') ? answerApi(url, response, latency) : answerFile(url, response));
    answer.catch((error) => {
      const missing = error?.code === 'ENOENT' || error?.code === 'EISDIR';
      response.writeHead(missing ? 404 : 500, { 'content-type': 'text/plain' });
      response.end(missing ? 'not found' : String(error));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDemo();
  const server = await startServer();
  console.log(`prefetch-elements demo: http://localhost:${server.address().port}/ (React: /react, Vue: /vue)`);
}

// The demo's server: builds the demo with esbuild, serves it, and serves a mock JSON API.
// `npm start` runs it on http://localhost:8080 (PORT changes the port). No other set-up.
//
// Mock API: GET /api/products, /api/products/:id, /api/products/:id/reviews.
//   ?latency=ms  how long the answer takes (default 300, or the LATENCY environment variable)
//   ?fail=1      answer 500 instead
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { products, reviewsOf } from './data.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.env.PORT || 8080);
const defaultLatency = Number(process.env.LATENCY ?? 300);
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

export async function buildDemo() {
  await build({
    entryPoints: [join(root, 'app.ts')],
    outdir: join(root, 'dist'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'warning',
  });
}

function api(url) {
  const parts = url.pathname.split('/').filter(Boolean); // ['api', 'products', id?, 'reviews'?]
  if (parts[1] !== 'products') return undefined;
  if (parts.length === 2) return products.map(({ id, name, price }) => ({ id, name, price }));
  const product = products.find((p) => p.id === parts[2]);
  if (!product) return undefined;
  if (parts.length === 3) return product;
  if (parts[3] === 'reviews' && parts.length === 4) return reviewsOf(product.id);
  return undefined;
}

async function answerApi(url, response) {
  const latency = Number(url.searchParams.get('latency') ?? defaultLatency);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(latency, 30_000))));
  const body = url.searchParams.get('fail') ? undefined : api(url);
  const status = url.searchParams.get('fail') ? 500 : body === undefined ? 404 : 200;
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body ?? { error: status === 500 ? 'the mock API was told to fail' : 'not found' }));
}

async function answerFile(url, response) {
  const path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(root, extname(path) ? path : 'index.html'); // every route is the single-page app
  try {
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  }
}

export function startServer(listenPort = port) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const answer = url.pathname.startsWith('/api/') ? answerApi : answerFile;
    answer(url, response).catch((error) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  return new Promise((resolve) => server.listen(listenPort, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDemo();
  const server = await startServer();
  console.log(`prefetch-elements demo: http://localhost:${server.address().port}/`);
}

// A small server-rendered site for the streaming tests (streaming.test.mjs): one product page
// rendered by prefetch-elements/server, the library and an app script, and a JSON API that the
// page must never need. Every request, logged error and unhandled rejection is recorded.
//
//   /page/:id          the product (awaited, in the first bytes) and its reviews (streamed)
//   /hostile           a product whose every text is hostile, and an entry with hostile args
//   /lib.js, /app.js   the library (src/index.ts bundled) and the page's queries
//   /api/...           what the client's queries would fetch (counted: the tests expect none)
//
// What a test changes for the next page: `site.settings` (reset by `site.reset()`), and
// `site.gate(id)`, which holds product `id`'s reviews until the test opens it.
import { createServer } from 'node:http';
import { buildLibrary, loadServerModules } from '../../demo/ssr/build.mjs';

const { server: ssr, cache: caching } = await loadServerModules();
const { query, QueryCache } = caching;
const { renderToStream, pipeToNodeResponse, escapeHtml } = ssr;

/** Everything a value can carry that could end an element or the document, or pollute a prototype. */
export const HOSTILE_TEXT =
  '</script><script>window.__pwned = 1</script><!-- "quoted" \'single\' & <b>bold</b> > ' +
  '\u2028line\u2029para <img src=x onerror="window.__pwned = 2"> </streamed-data></await-data> ]]> \r\nend';
/** A value with `__proto__` and `constructor` keys of its own, as JSON from an API has them. */
export const hostileValue = () =>
  JSON.parse(
    JSON.stringify({ name: HOSTILE_TEXT, description: `«${HOSTILE_TEXT}»`, reviews: [{ text: HOSTILE_TEXT }] }).replace(
      /^\{/,
      '{"__proto__":{"polluted":"by __proto__"},"constructor":{"prototype":{"polluted":"by constructor"}},',
    ),
  );
export const HOSTILE_ARGS = [HOSTILE_TEXT, JSON.parse('{"__proto__":{"polluted":"by args"},"k":"</script>"}')];

const catalogue = new Map([
  ['1', { id: '1', name: 'Desk lamp', description: 'A lamp for a desk.' }],
  ['2', { id: '2', name: 'Oak table', description: 'A table of oak.' }],
]);

function createGate() {
  let open;
  const promise = new Promise((resolve) => (open = resolve));
  return { promise, open };
}

/** Waits `ms`, or rejects with the signal's reason once it aborts. */
const wait = (ms, signal) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

const DEFAULTS = {
  /** The page's Content-Security-Policy header, if any. */
  csp: "script-src 'self'",
  /** The render's nonce option; the page's scripts carry it too. */
  nonce: undefined,
  /** Ms before /lib.js and /app.js are answered. */
  libraryDelay: 0,
  appDelay: 0,
  timeout: 5_000,
  exposeErrors: false,
  /** Whether JavaScript reaches the page at all (a page with no script tags). */
  scripts: true,
  /** Whether the page has a part whose fetch never settles. */
  never: false,
  /** Whether the connection is cut once the shell is sent (the late parts never arrive). */
  cut: false,
};

/**
 * Starts the site on a free port of 127.0.0.1.
 * @returns {Promise<{url: string, settings: typeof DEFAULTS, requests: string[], logged: Array<{key: string, digest: string, message: string}>,
 *   aborted: string[], unhandled: unknown[], gate(id: string): {open(): void}, reset(): void, close(): Promise<void>}>}
 */
export async function startSite() {
  const library = await buildLibrary();
  const gates = new Map();
  const site = {
    url: '',
    settings: { ...DEFAULTS },
    /** Requests for the API: the client fetching what the server sent. */
    requests: [],
    /** What the render's onError heard. */
    logged: [],
    /** Server fetches whose AbortSignal fired, by key. */
    aborted: [],
    unhandled: [],
    gate(id) {
      const gate = createGate();
      gates.set(id, gate);
      return gate;
    },
    reset() {
      site.settings = { ...DEFAULTS };
      site.requests.length = 0;
      site.logged.length = 0;
      site.aborted.length = 0;
      gates.clear();
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
  const onUnhandled = (reason) => site.unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);

  // The server's queries: module-level, registered in the shared cache, used per request with .in(cache).
  defineServerQueries(site, gates);

  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const send = (status, type, body, delay = 0) =>
      setTimeout(() => {
        response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        response.end(body);
      }, delay);
    if (url.pathname === '/lib.js') return send(200, 'text/javascript', library, site.settings.libraryDelay);
    if (url.pathname === '/app.js') return send(200, 'text/javascript', APP, site.settings.appDelay);
    if (url.pathname.startsWith('/api/')) {
      site.requests.push(url.pathname);
      const answer = url.pathname.startsWith('/api/reviews/') ? [{ text: 'from the API' }] : { name: 'from the API' };
      return send(200, 'application/json', JSON.stringify(answer));
    }
    const page = url.pathname.match(/^\/page\/([^/]+)$/);
    if (page) return void renderProduct(site, decodeURIComponent(page[1]), request, response);
    if (url.pathname === '/hostile') return void renderHostile(site, response);
    return send(404, 'text/plain', 'not found');
  });
  server.on('close', () => process.off('unhandledRejection', onUnhandled));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.url = `http://127.0.0.1:${server.address().port}`;
  return site;
}

let defined = false;
function defineServerQueries(site, gates) {
  if (defined) return;
  defined = true;
  query(async function (id) {
    await wait(20, this.signal);
    const product = catalogue.get(id);
    if (!product) throw new Error(`no product ${id} (connection postgres://admin:hunter2@db)`);
    return product;
  }, 'product');
  query(async function (id) {
    this.signal.addEventListener('abort', () => site.aborted.push(`reviews ${id}`));
    await (gates.get(id)?.promise ?? wait(50, this.signal));
    if (this.signal.aborted) throw this.signal.reason;
    return [{ author: 'Ada', text: `Reviews of ${catalogue.get(id)?.name}` }];
  }, 'reviews');
  query(async function (id) {
    this.signal.addEventListener('abort', () => site.aborted.push(`never ${id ?? ''}`.trim()));
    return new Promise(() => {}); // never settles
  }, 'never');
  query(async () => hostileValue(), 'hostile');
  query(async (...args) => ({ args }), 'echo');
}

/** The page's scripts, with the nonce if the page has one. */
function scripts({ nonce, scripts: wanted }) {
  if (!wanted) return '';
  const n = nonce ? ` nonce="${nonce}"` : '';
  return `<script type="module" async src="/lib.js"${n}></script><script type="module" async src="/app.js"${n}></script>`;
}

/** A part whose fetch never settles (for the timeout). */
const NEVER = `<await-data id="never" query="never">
    <p slot="fallback" id="never-fallback">Waiting…</p>
    <p slot="error" id="never-error">Gave up.</p>
    <p data-field="text"></p>
  </await-data>`;

function productPage(id, settings) {
  const args = escapeHtml(JSON.stringify([id]));
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Product ${escapeHtml(id)}</title><link rel="icon" href="data:,">${scripts(settings)}</head>
<body>
<main>
  <await-data id="product" query="product" args="${args}">
    <p slot="fallback" id="product-fallback">Loading the product…</p>
    <p slot="error" id="product-error">Could not load the product.</p>
    <h1 id="product-name" data-field="name"></h1>
    <p id="product-description" data-field="description">(description)</p>
  </await-data>
  <section>
    <h2>Reviews</h2>
    <await-data id="reviews" query="reviews" args="${args}">
      <p slot="fallback" id="reviews-fallback">Loading reviews…</p>
      <p slot="error" id="reviews-error">Could not load the reviews.</p>
      <p id="reviews-first" data-field="0.text"></p>
    </await-data>
  </section>
  ${settings.never ? NEVER : ''}
</main>
<footer id="footer">The end</footer>
</body>
</html>`;
}

async function renderProduct(site, id, request, response) {
  const { settings } = site;
  const cache = new QueryCache(); // one per request
  // The product in the first bytes; a product that fails is sent as an error, not thrown.
  await caching.defaultCache
    .get('product')
    .in(cache)(id)
    .catch(() => {});
  const page = productPage(id, settings);
  const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
  if (settings.csp) headers['content-security-policy'] = cspFor(settings);
  response.writeHead(200, headers);
  const body = renderToStream(page, cache, {
    timeout: settings.timeout,
    exposeErrors: settings.exposeErrors,
    nonce: settings.nonce,
    onError: (error, info) => site.logged.push({ ...info, message: String(error?.message ?? error) }),
  });
  if (settings.cut) {
    // The shell, then the connection drops, as a proxy or a crash would cut it.
    const reader = body.getReader();
    response.write((await reader.read()).value);
    setTimeout(() => response.socket.destroy(), 100);
    return;
  }
  await pipeToNodeResponse(body, response);
}

function cspFor({ csp, nonce }) {
  return nonce ? `script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'` : csp;
}

async function renderHostile(site, response) {
  const cache = new QueryCache();
  const hostile = caching.defaultCache.get('hostile').in(cache);
  await hostile();
  const args = escapeHtml(JSON.stringify(HOSTILE_ARGS));
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile</title>${scripts(site.settings)}</head>
<body>
  <await-data id="hostile" query="hostile">
    <p slot="fallback">Loading…</p>
    <h1 id="hostile-name" data-field="name"></h1>
    <p id="hostile-description" data-field="description"></p>
    <p id="hostile-review" data-field="reviews.0.text"></p>
    <p id="hostile-proto" data-field="__proto__.polluted"></p>
  </await-data>
  <await-data id="echo" query="echo" args="${args}">
    <p slot="fallback" id="echo-fallback">Loading…</p>
    <p id="echo-first" data-field="args.0"></p>
  </await-data>
</body></html>`;
  // No Content-Security-Policy here: if anything broke out of its attribute or text, it would run.
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  await pipeToNodeResponse(renderToStream(page, cache), response);
}

/** The page's queries: what the client would fetch if it did not have the server's entries. */
const APP = `
import { query } from '/lib.js';
const getJSON = (path) => async function (...args) {
  const response = await fetch(path + '/' + encodeURIComponent(JSON.stringify(args)), { signal: this.signal });
  return response.json();
};
for (const name of ['product', 'reviews', 'never', 'hostile', 'echo']) query(getJSON('/api/' + name), name);
window.__appRan = true;
`;

// A small multi-page site for test/mpa/navigation.test.mjs: a catalogue and two item pages,
// each loading the library with one module script, and a JSON API. Every request is recorded.
//
//   /RUN/a        the catalogue: <prefetch-link document="prefetch"> around links to b and c
//   /RUN/b, /c    an item page: <await-data query="item" args='["b"]'>, and a link back to a
//   /api/item/:id {"name": "Item b", "fetch": n}, after 100 ms; n counts the fetches of that item
//
// RUN is any path segment: a test uses its own, so that no test finds another's documents in
// the browser's HTTP cache (documents may be cached for a minute, which is what lets a
// `<link rel="prefetch">` serve the navigation).
import { createServer } from 'node:http';

const page = (title, body, attributes = '') => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="data:," />
    <style>
      a { display: block; padding: 40px; margin: 20px; background: #eee; width: 200px; }
    </style>
    <script type="module" src="/page.js" blocking="render"></script>
  </head>
  <body ${attributes}>
    ${body}
    <p id="inline-ran"></p>
    <script>document.getElementById('inline-ran').textContent = 'ran';</script>
  </body>
</html>`;

const item = (id) =>
  page(
    `Item ${id}`,
    `<await-data query="item" args='["${id}"]'>
      <p slot="fallback">Loading…</p>
      <h1 data-field="name"></h1>
    </await-data>
    <a id="to-a" href="a">Catalogue</a>`,
    // Item b goes stale quickly, for the back/forward cache test.
    id === 'b' ? 'data-stale-time="500"' : '',
  );

const pages = {
  a: page(
    'Catalogue',
    '<h1>Catalogue</h1><prefetch-link document="prefetch"><a id="to-b" href="b">B</a><a id="to-c" href="c">C</a></prefetch-link>',
  ),
  b: item('b'),
  c: item('c'),
};

/** The page script: one persisted query and the route preload. */
const script = `
import { query, registerPreload, sessionPersister } from '/lib.js';

const staleTime = Number(document.body.dataset.staleTime) || undefined;
const item = query(
  async function (id) {
    const response = await fetch('/api/item/' + id, { signal: this.signal });
    return response.json();
  },
  'item',
  { persist: sessionPersister({ version: 'test' }), staleTime },
);
registerPreload('/:run/:id', ({ params }) => item.prefetch([params.id]));
document.querySelector('await-data')?.addEventListener('fulfilled', (event) => {
  document.querySelector('h1').dataset.fetch = String(event.detail.value.fetch);
});
`;

/**
 * Starts the site on a free port of 127.0.0.1.
 * @param {string} library the library as one ES module
 * @returns {Promise<{url: string, requests: Array<{path: string, purpose: string}>, csp: boolean, close(): void}>}
 *   `requests` lists every request (with its `Sec-Purpose` header, `prefetch` for a prefetch);
 *   set `csp` to answer documents with `Content-Security-Policy: script-src 'self'`.
 */
export async function startSite(library) {
  const fetches = new Map();
  const site = { url: '', requests: [], csp: false, close: () => server.close() };
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    const purpose = request.headers['sec-purpose'] ?? request.headers['x-moz'] ?? '';
    site.requests.push({ path: pathname, purpose });
    const send = (status, type, body, headers = {}) => {
      response.writeHead(status, { 'content-type': type, ...headers });
      response.end(body);
    };
    if (pathname === '/lib.js') return send(200, 'text/javascript', library, { 'cache-control': 'max-age=600' });
    if (pathname === '/page.js') return send(200, 'text/javascript', script, { 'cache-control': 'max-age=600' });
    const api = pathname.match(/^\/api\/item\/(\w+)$/);
    if (api) {
      const fetch = (fetches.get(api[1]) ?? 0) + 1;
      fetches.set(api[1], fetch);
      const body = JSON.stringify({ name: `Item ${api[1]}`, fetch });
      setTimeout(() => send(200, 'application/json', body, { 'cache-control': 'no-store' }), 100);
      return undefined;
    }
    const html = pages[pathname.split('/')[2]];
    if (!html || pathname.split('/').length !== 3) return send(404, 'text/plain', 'not found');
    const csp = site.csp ? { 'content-security-policy': "script-src 'self'" } : {};
    return send(200, 'text/html; charset=utf-8', html, { 'cache-control': 'private, max-age=60', ...csp });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.url = `http://127.0.0.1:${server.address().port}`;
  return site;
}

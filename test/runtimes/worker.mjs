// One server-rendered page, written once for every runtime: a Worker-style `fetch` handler that
// answers with `renderToStream`'s body. The runtime runner (run-in-runtime.mjs) hands it the
// package's exports; the workerd bundle (worker-entry.mjs) hands it the sources'.

/** The page: one part in the first bytes, one that streams in later, hostile text in both. */
export const PAGE = `<!doctype html><html><head><title>runtimes</title></head><body>
<await-data query="product" args='["7"]'><p slot="fallback">Loading</p><h1 data-field="name"></h1></await-data>
<await-data query="reviews" args='["7"]'><p slot="fallback">Loading reviews</p><p data-field="0.text"></p></await-data>
</body></html>`;

/** How long the reviews take on the server: long enough that they arrive in a later chunk. */
export const REVIEWS_MS = 150;

/**
 * A handler with its queries defined once at module level, as a server's are, and used against a
 * cache of each request's own (`q.in(cache)`): the product awaited (in the shell), the reviews
 * started by the HTML and streamed.
 */
export function createWorker({ query, QueryCache, renderToStream }) {
  const product = query(async (id) => ({ id, name: `Lamp ${id} </script><img src=x onerror=alert(1)>` }), 'product');
  const reviews = query(
    (id) =>
      new Promise((resolve) => setTimeout(() => resolve([{ id, text: 'Bright </await-data> & "warm"' }]), REVIEWS_MS)),
    'reviews',
  );
  void reviews; // registered by name: the HTML starts it on the server
  return {
    async fetch(request) {
      const cache = new QueryCache();
      await product.in(cache)('7');
      const body = renderToStream(PAGE, cache, { signal: request.signal });
      return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    },
  };
}

/** Reads a response body to its end: how many chunks it came in, and its text. */
export async function readBody(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let chunks = 0;
  let html = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { chunks, html: html + decoder.decode() };
    chunks += 1;
    html += decoder.decode(value, { stream: true });
  }
}

/**
 * prefetch-elements/server: a page's HTML and one request's data in, a streamed response body
 * out. No DOM and no lit; Web streams, so it runs in Node, Deno, Bun and workers (it reads HTML
 * with `parse5-html-rewriting-stream`, which needs `node:stream`: built in to Node, Deno and Bun,
 * and to Cloudflare Workers with `nodejs_compat`).
 *
 * @example
 * ```ts
 * import { QueryCache } from 'prefetch-elements/cache';
 * import { renderToStream } from 'prefetch-elements/server';
 *
 * const cache = new QueryCache();          // one per request
 * await product.in(cache)(id);              // in the first bytes
 * reviews.in(cache).prefetch([id]);         // streamed in later
 * return new Response(renderToStream(html, cache, { signal: request.signal }), {
 *   headers: { 'content-type': 'text/html; charset=utf-8' },
 * });
 * ```
 */
export { renderToStream, type RenderOptions } from './render.js';
export { pipeToNodeResponse, type NodeResponseLike } from './node.js';
export { escapeHtml } from './markup.js';
export { PartTimeoutError, type PartErrorInfo } from './parts.js';
export type { HtmlSource } from './source.js';

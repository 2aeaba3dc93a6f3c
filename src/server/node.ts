// The small adapter for Node's `http` (and `http2` compatibility) responses: no import of Node
// modules, only the response's own methods, so the server entry still imports anywhere.

/**
 * What {@link pipeToNodeResponse} uses of a Node `http.ServerResponse` (or any writable that
 * looks like one).
 */
export interface NodeResponseLike {
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  destroy(error?: Error): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  removeListener(event: 'drain' | 'close', listener: () => void): unknown;
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
  statusCode: number;
}

/** Resolves once the response can take more (`drain`) or is gone (`close`). */
function drained(response: NodeResponseLike): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.removeListener('drain', done);
      response.removeListener('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}

/**
 * Sends a body stream (from `renderToStream`) as a Node response, chunk by chunk as it comes,
 * at the pace the client reads it. When the client goes away first, the body is cancelled, which
 * aborts the render's remaining fetches. Write the status and headers first; a body that fails
 * before anything was sent answers 500, after that the connection is closed. Never rejects.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { pipeToNodeResponse, renderToStream } from 'prefetch-elements/server';
 *
 * createServer(async (request, response) => {
 *   const cache = new QueryCache();
 *   await product.in(cache)('42');
 *   response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
 *   await pipeToNodeResponse(renderToStream(html, cache), response);
 * }).listen(8080);
 * ```
 */
export async function pipeToNodeResponse(body: ReadableStream<Uint8Array>, response: NodeResponseLike): Promise<void> {
  const reader = body.getReader();
  // 'close' before the end: the client went away.
  const onClose = () => {
    if (!response.writableEnded) reader.cancel(new Error('the client went away')).catch(() => {});
  };
  response.once('close', onClose);
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (response.destroyed) break;
      if (!response.write(read.value)) await drained(response);
    }
    if (!response.destroyed) response.end();
  } catch (error) {
    if (response.headersSent) {
      response.destroy(error as Error);
    } else {
      response.statusCode = 500;
      response.end();
    }
    console.error('prefetch-elements/server: the response body failed:', error);
  } finally {
    response.removeListener('close', onClose);
  }
}

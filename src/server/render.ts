// One streamed response: the shell as soon as the HTML passes, each late part as it settles, then
// the tail. The body is a Web ReadableStream, so it runs wherever Web streams do.
import type { QueryCache } from '../cache/query-cache.js';
import { Parts, type PartErrorInfo, type TakeMarkup } from './parts.js';
import { ShellRewriter } from './rewrite.js';
import { TextSource, type HtmlSource } from './source.js';

/** Options of {@link renderToStream}. */
export interface RenderOptions {
  /** Ms a part may take, from the moment the HTML names it, before it is sent as a rejection. Default 5 000. */
  timeout?: number;
  /** Aborts the render (the request's signal): the remaining fetches are aborted and the stream ends. */
  signal?: AbortSignal;
  /** Put on every `<style>` the render writes, for a `style-src` policy with nonces. */
  nonce?: string;
  /** Send a failed part's own error message and name to the page. Default false: a generic message and a digest. */
  exposeErrors?: boolean;
  /** Hears each part that fails, with the digest the page receives. Default: `console.error`. */
  onError?: (error: unknown, info: PartErrorInfo) => void;
  /**
   * Keep the cache's entries once the body has ended. Default false: the render clears the
   * request's cache then (`cache.clear()`, which also aborts any fetch still in flight), so
   * nothing of the request outlives its response; otherwise its collection timer would hold it
   * in memory for its `gcTime` (5 minutes by default).
   */
  keepCache?: boolean;
}

const DEFAULT_TIMEOUT = 5_000;

function logError(error: unknown, { key, digest }: PartErrorInfo): void {
  console.error(`prefetch-elements/server: ${key} failed (digest ${digest}):`, error);
}

/** What is wrong with the arguments of `renderToStream`, if anything is. */
function problemWith(html: unknown, cache: unknown, { timeout }: RenderOptions): string | undefined {
  const isSource =
    typeof html === 'string' ||
    typeof (html as ReadableStream | undefined)?.getReader === 'function' ||
    typeof (html as AsyncIterable<unknown> | undefined)?.[Symbol.asyncIterator] === 'function';
  if (!isSource) return `html must be a string, a ReadableStream or an async iterable, got ${typeof html}`;
  // Its methods, not its class: a QueryCache from another copy of the library is one too.
  if (typeof (cache as QueryCache | undefined)?.get !== 'function')
    return 'cache must be a QueryCache (one per request)';
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout >= 0)) {
    return `timeout must be a number of ms, 0 or more, got ${String(timeout)}`;
  }
  return undefined;
}

/** An abort reason that says what happened when none was given. */
const abortReason = (reason: unknown) =>
  reason ?? Object.assign(new Error('prefetch-elements/server: the render was aborted'), { name: 'AbortError' });

/**
 * The render behind one response body: it reads the HTML, writes the shell at the pace the body
 * is read, each part that settles later, and the tail once all have settled.
 */
class StreamingRender {
  readonly #parts: Parts;
  readonly #shell: ShellRewriter;
  readonly #source: TextSource;
  readonly #encoder = new TextEncoder();
  readonly #signal: AbortSignal | undefined;
  /** The request's cache, cleared once the body has ended; undefined with `keepCache`. */
  readonly #cacheToClear: QueryCache | undefined;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  /** Late parts settle before the shell is out: they wait here, in the order they settled. */
  #waiting: TakeMarkup[] | undefined = [];
  /** Resolves the wait for the reader to want more (backpressure). */
  #wanted: (() => void) | undefined;
  #finished = false;

  constructor(html: HtmlSource, cache: QueryCache, options: RenderOptions) {
    this.#source = new TextSource(html);
    this.#parts = new Parts(
      cache,
      {
        timeout: options.timeout ?? DEFAULT_TIMEOUT,
        exposeErrors: options.exposeErrors ?? false,
        onError: options.onError ?? logError,
      },
      (late) => this.#late(late),
    );
    this.#shell = new ShellRewriter({ meet: (name, args) => this.#parts.meet(name, args), nonce: options.nonce });
    this.#signal = options.signal;
    this.#cacheToClear = options.keepCache ? undefined : cache;
  }

  /** Starts the render into the stream's controller; it never rejects. */
  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.#controller = controller;
    if (this.#signal?.aborted) {
      this.abort(this.#signal.reason);
      return;
    }
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
    this.#run().catch((error: unknown) => this.#fail(error));
  }

  /** The reader wants more. */
  pulled(): void {
    this.#wanted?.();
    this.#wanted = undefined;
  }

  /** The reader went away (or the signal aborted): every remaining fetch is aborted, and the stream ends. */
  abort(reason: unknown): void {
    if (this.#finished) return;
    this.#finish();
    this.#source.cancel();
    this.#parts.abort(abortReason(reason));
    try {
      this.#controller.close();
    } catch {
      // cancelled by its reader: already closed
    }
  }

  readonly #onAbort = () => this.abort(this.#signal?.reason);

  async #run(): Promise<void> {
    for (let html = await this.#source.next(); html !== undefined; html = await this.#source.next()) {
      if (this.#finished) return;
      this.#write(this.#shell.write(html));
      await this.#demand();
    }
    this.#write(await this.#shell.end());
    // The shell is out: the parts that settled meanwhile follow it, then each as it settles.
    const waiting = this.#waiting ?? [];
    this.#waiting = undefined;
    this.#write(waiting.map((take) => take()).join(''));
    await this.#parts.whenSettled();
    this.#write(this.#shell.tail);
    if (this.#finished) return;
    this.#finish();
    this.#controller.close();
  }

  /** Waits until the reader wants more, so a slow reader holds the HTML back rather than buffering it. */
  #demand(): Promise<void> {
    if (this.#finished || (this.#controller.desiredSize ?? 1) > 0) return Promise.resolve();
    return new Promise((resolve) => (this.#wanted = resolve));
  }

  #late(take: TakeMarkup): void {
    if (this.#waiting) this.#waiting.push(take);
    else this.#write(take());
  }

  #write(html: string): void {
    if (html && !this.#finished) this.#controller.enqueue(this.#encoder.encode(html));
  }

  /** The HTML could not be read or rewritten: the stream errors (a response not started can still say 500). */
  #fail(error: unknown): void {
    if (this.#finished) return;
    this.#finish();
    this.#source.cancel();
    this.#parts.abort(error);
    this.#controller.error(error);
  }

  #finish(): void {
    this.#finished = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.pulled(); // a run waiting for demand goes on, and stops
    const cache = this.#cacheToClear;
    // A task later: by then the entries of aborted parts have taken their rejections. Removed
    // before, an entry whose fetch then settles would arm the cache's collection timer again.
    if (cache) setTimeout(() => cache.clear(), 0);
  }
}

/**
 * Renders a page's HTML with the data of one request, as a stream. Each `<await-data query args>`
 * in the HTML is sent showing its content (its `data-field`s filled, as escaped text) if the
 * request's cache has its entry, else its fallback, with the entry started here; its value
 * follows later in the same response as inert data, before `</body>`. Before the library's
 * module has loaded, Declarative Shadow DOM shows only the region the status names; the page
 * needs no inline script (`Content-Security-Policy: script-src 'self'` works), and the library
 * fetches none of the entries sent. Queries are found in `cache`, or made there from the
 * module-level query of that name (`query.in(cache)`). The stream always ends: each part settles,
 * fails, or times out.
 *
 * @example
 * ```ts
 * import { QueryCache } from 'prefetch-elements/cache';
 * import { renderToStream } from 'prefetch-elements/server';
 *
 * export async function handle(request: Request, id: string): Promise<Response> {
 *   const cache = new QueryCache(); // one per request
 *   await product.in(cache)(id); // awaited: in the first bytes
 *   reviews.in(cache).prefetch([id]); // started: streams in later
 *   const body = renderToStream(pageHtml, cache, { signal: request.signal });
 *   return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } });
 * }
 * ```
 */
export function renderToStream(
  html: HtmlSource,
  cache: QueryCache,
  options: RenderOptions = {},
): ReadableStream<Uint8Array> {
  const problem = problemWith(html, cache, options);
  if (problem) throw new TypeError(`prefetch-elements/server: renderToStream(): ${problem}`);
  const render = new StreamingRender(html, cache, options);
  return new ReadableStream<Uint8Array>({
    start: (controller) => render.start(controller),
    pull: () => render.pulled(),
    cancel: (reason) => render.abort(reason),
  });
}

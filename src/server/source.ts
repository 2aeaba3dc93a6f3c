// The page's HTML as text, chunk by chunk, from whatever the server has it as.

/** The page's HTML: all of it, or a stream of it (text or UTF-8 bytes), as a Web stream or any async iterable (a Node stream). */
export type HtmlSource = string | ReadableStream<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** All of the HTML, as a source of one chunk. */
async function* whole(html: string): AsyncIterable<string> {
  yield html;
}

/**
 * Reads an {@link HtmlSource} as text, one chunk per `next()` (`undefined` at the end). Bytes are
 * decoded as UTF-8, a character split between two chunks included. `cancel()` stops the source.
 *
 * @example
 * ```ts
 * const source = new TextSource(response.body!);
 * for (let text = await source.next(); text !== undefined; text = await source.next()) rewrite(text);
 * ```
 */
export class TextSource {
  readonly #next: () => Promise<IteratorResult<string | Uint8Array>>;
  readonly #cancel: () => unknown;
  readonly #decoder = new TextDecoder();
  #done = false;

  constructor(source: HtmlSource) {
    if (typeof source === 'string') source = whole(source);
    if (typeof (source as ReadableStream).getReader === 'function') {
      const reader = (source as ReadableStream<string | Uint8Array>).getReader();
      this.#next = () => reader.read() as Promise<IteratorResult<string | Uint8Array>>;
      this.#cancel = () => reader.cancel().catch(() => {});
    } else {
      const iterator = (source as AsyncIterable<string | Uint8Array>)[Symbol.asyncIterator]();
      this.#next = () => iterator.next();
      this.#cancel = () => iterator.return?.()?.catch(() => {});
    }
  }

  /** The next chunk of text, or `undefined` once the source has ended. */
  async next(): Promise<string | undefined> {
    while (!this.#done) {
      const { done, value } = await this.#next();
      if (done) {
        this.#done = true;
        return this.#decoder.decode() || undefined; // a character left incomplete at the very end
      }
      const text = typeof value === 'string' ? value : this.#decoder.decode(value, { stream: true });
      if (text) return text;
    }
    return undefined;
  }

  /** Stops reading: the source is cancelled (a stream) or returned (an iterator). */
  cancel(): void {
    if (this.#done) return;
    this.#done = true;
    this.#cancel();
  }
}

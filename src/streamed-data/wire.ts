// What a server writes and the page reads back: the inert element that carries one query entry
// (its name and args, and its value, its error, or the news that it is on its way). The server
// entry and the client share these names, so the two sides cannot drift apart.
import type { Status } from '../cache/defer.js';

/**
 * The tag of the element that carries one streamed entry. Its attributes arrive whole with its
 * start tag, and its upgrade runs as the parser meets it, so the page needs no script of its own.
 */
export const STREAMED_DATA_TAG = 'streamed-data';

/**
 * One entry as the server sends it. `pending` announces a value that follows later in the same
 * response; `fulfilled` carries it; `rejected` carries a redacted error.
 *
 * @example
 * ```ts
 * const part: StreamedPart = { query: 'product', args: ['42'], status: 'fulfilled', value: { name: 'Widget' }, age: 12 };
 * ```
 */
export interface StreamedPart {
  /** The query's name (`<await-data query>`). */
  query: string;
  /** The query's args. */
  args: unknown[];
  status: Status;
  /** The value, when fulfilled. */
  value?: unknown;
  /** How old (ms) the value was when the server wrote it: the page dates it from its own clock. */
  age?: number;
  /** The error, when rejected: a message, and the digest the server logged it under. */
  error?: StreamedError;
  /** When pending: the ms within which the server sends the value or an error (its per-part timeout). */
  timeout?: number;
}

/** A rejection as the server sends it: the message is generic unless the server sends its own. */
export interface StreamedError {
  message: string;
  /** `TimeoutError` for a part that did not settle in time; the error's own name if the server sends messages. */
  name?: string;
  /** The id the server logged the error under. */
  digest?: string;
}

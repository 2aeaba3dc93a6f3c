// The entries one render shows: each <await-data> the HTML names is a part, found in the
// request's cache (or made there from a module-level query), started if nothing started it,
// timed out, and sent once: with the shell if it had settled by then, else later in the stream.
import { canonicalJSON } from '../cache/hash-key.js';
import { defaultCache, type AnyQuery, type QueryCache } from '../cache/query-cache.js';
import type { Status } from '../cache/defer.js';
import type { StreamedError } from '../streamed-data/wire.js';
import { streamedData } from './markup.js';

/** What a server logs for a part that failed. */
export interface PartErrorInfo {
  /** The entry's key (`product["42"]`). */
  key: string;
  /** The id the page receives instead of the message, to find this log line by. */
  digest: string;
}

/** The options of the parts of one render (see `RenderOptions`). */
export interface PartOptions {
  timeout: number;
  exposeErrors: boolean;
  onError: (error: unknown, info: PartErrorInfo) => void;
}

/** How a part settled: its value as JSON, or the error the page is sent. */
type Outcome = { status: 'fulfilled'; json: string; updatedAt: number } | { status: 'rejected'; error: StreamedError };

/** One entry of the page. */
interface Part {
  readonly query: AnyQuery;
  readonly args: unknown[];
  readonly key: string;
  outcome?: Outcome;
  /** The value, for `data-field` text in the shell. */
  value?: unknown;
  /** Whether the page has been told the value is coming, and whether it has it. */
  announced: boolean;
  sent: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

/** What the renderer writes for one `<await-data>`: its status, the element to put before it, and its value. */
export interface MetPart {
  status: Status;
  before: string;
  /** Present when fulfilled: the value the `data-field`s show. */
  fill?: { value: unknown };
}

/** A part the HTML names but the server cannot show (unknown query, bad args): the page deals with it. */
const LEFT_TO_THE_PAGE: MetPart = { status: 'pending', before: '' };

/** A short random id for an error, the same in the log and in the page. */
function createDigest(): string {
  return [...crypto.getRandomValues(new Uint8Array(5))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The error a part that did not settle in time rejects with. */
export class PartTimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Markup that is written once: the first call returns it, any later one (the part was sent
 * before an element met after it settled) an empty string.
 */
export type TakeMarkup = () => string;

/**
 * The parts of one render. `meet()` is called for each `<await-data>` in document order;
 * `onSettled` hears each part that settles after it was met pending, once, with the function that
 * takes its markup (an element met meanwhile may have taken it already, to put it before itself).
 *
 * @example
 * ```ts
 * const parts = new Parts(cache, { timeout: 5_000, exposeErrors: false, onError: console.error }, (take) => write(take()));
 * parts.meet('reviews', '["42"]'); // { status: 'pending', before: '<streamed-data … status="pending" hidden>…' }
 * await parts.whenSettled();
 * ```
 */
export class Parts {
  readonly #cache: QueryCache;
  readonly #options: PartOptions;
  readonly #onSettled: (take: TakeMarkup) => void;
  readonly #parts = new Map<string, Part>();
  /** Started and not settled yet. */
  readonly #pending = new Set<Part>();
  #whenSettled: Array<() => void> = [];
  #aborted = false;

  constructor(cache: QueryCache, options: PartOptions, onSettled: (take: TakeMarkup) => void) {
    this.#cache = cache;
    this.#options = options;
    this.#onSettled = onSettled;
  }

  /** The part an `<await-data query args>` names, started if needed, and what to write for it. */
  meet(name: string | undefined, argsText: string | undefined): MetPart {
    const part = this.#partFor(name, argsText);
    if (!part) return LEFT_TO_THE_PAGE;
    if (!part.outcome && !this.#pending.has(part)) this.#begin(part);
    let before = '';
    if (part.outcome) {
      before = this.#take(part);
    } else if (!part.announced) {
      part.announced = true;
      const { timeout } = this.#options;
      before = streamedData({ query: part.query.name, args: part.args, status: 'pending', timeout });
    }
    const status = part.outcome?.status ?? 'pending';
    return { status, before, fill: status === 'fulfilled' ? { value: part.value } : undefined };
  }

  /** Resolves once no part is pending (at once if none is). */
  whenSettled(): Promise<void> {
    if (this.#pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#whenSettled.push(resolve));
  }

  /**
   * Stops every part still pending (the client went away): its entry takes a rejection, which
   * aborts the fetch in flight (its fetcher's `AbortSignal`). Nothing more is sent or logged.
   */
  abort(reason: unknown): void {
    this.#aborted = true;
    for (const part of this.#pending) {
      clearTimeout(part.timer);
      part.query.set(part.args, Promise.reject(reason));
    }
    this.#pending.clear();
    this.#release();
  }

  /** The part for this name and args: the one met before, or a new one. `undefined` if the server cannot show it. */
  #partFor(name: string | undefined, argsText: string | undefined): Part | undefined {
    if (!name) return undefined;
    const query = this.#cache.get(name) ?? defaultCache.get(name)?.in(this.#cache);
    if (!query) return undefined;
    let args: unknown[];
    let key: string;
    try {
      const parsed: unknown = argsText === undefined ? [] : JSON.parse(argsText);
      args = Array.isArray(parsed) ? parsed : [parsed]; // as <await-data> reads them
      key = query.key(...args);
    } catch {
      return undefined; // the element reports bad args in the page
    }
    let part = this.#parts.get(key);
    if (!part) {
      part = { query, args, key, announced: false, sent: false };
      this.#parts.set(key, part);
    }
    return part;
  }

  /** Takes a settled entry as it is, or starts it (joining a fetch in flight) with a timeout. */
  #begin(part: Part): void {
    const snapshot = part.query.peek(...part.args);
    if (snapshot?.status === 'fulfilled') {
      this.#fulfil(part, snapshot.value, snapshot.updatedAt);
      return;
    }
    if (snapshot?.status === 'rejected' && !snapshot.fetching) {
      this.#reject(part, snapshot.error);
      return;
    }
    this.#pending.add(part);
    part.timer = setTimeout(() => this.#timeOut(part), this.#options.timeout);
    let read: Promise<unknown>;
    try {
      read = part.query(...part.args);
    } catch (error) {
      read = Promise.reject(error);
    }
    read
      .then(
        (value) => this.#settlePending(part, () => this.#fulfil(part, value, part.query.peek(...part.args)?.updatedAt)),
        (error: unknown) => this.#settlePending(part, () => this.#reject(part, error)),
      )
      // Nothing above should throw; if it ever does, it is reported, never an unhandled rejection.
      .catch((bug: unknown) => console.error(bug));
  }

  /** Settles a pending part once (a timeout or an abort may have come first), and sends it. */
  #settlePending(part: Part, settle: () => void): void {
    if (!this.#pending.delete(part)) return;
    clearTimeout(part.timer);
    settle();
    this.#onSettled(() => this.#take(part));
    if (this.#pending.size === 0) this.#release();
  }

  /** A part that did not settle in time rejects, and its entry too, which aborts its fetch. */
  #timeOut(part: Part): void {
    const error = new PartTimeoutError(`${part.key} did not settle within ${this.#options.timeout} ms on the server`);
    part.query.set(part.args, Promise.reject(error));
    this.#settlePending(part, () => this.#reject(part, error));
  }

  #fulfil(part: Part, value: unknown, updatedAt: number | undefined): void {
    try {
      part.outcome = {
        status: 'fulfilled',
        json: canonicalJSON(part.query.name, value),
        updatedAt: updatedAt || Date.now(),
      };
      part.value = value;
    } catch (error) {
      this.#reject(part, error); // not JSON-like: the page could not read it back
    }
  }

  /** Logs the error under a digest, and keeps what the page is sent: the digest, and the message only if allowed. */
  #reject(part: Part, error: unknown): void {
    const digest = createDigest();
    if (!this.#aborted) this.#report(error, { key: part.key, digest });
    const isOurs = error instanceof PartTimeoutError;
    const sent: StreamedError = { message: 'The server could not load this part.', digest };
    if (isOurs || this.#options.exposeErrors) {
      sent.name = (error as Error)?.name ?? 'Error';
      sent.message = error instanceof Error ? error.message : String(error);
    }
    part.outcome = { status: 'rejected', error: sent };
  }

  /** Tells the server's `onError`; one that throws is logged, and the render goes on. */
  #report(error: unknown, info: PartErrorInfo): void {
    try {
      this.#options.onError(error, info);
    } catch (failure) {
      console.error(failure);
    }
  }

  /** The part's value or error as markup, the first time it is asked for; empty after. */
  #take(part: Part): string {
    if (part.sent) return '';
    part.sent = true;
    return this.#markup(part);
  }

  #markup(part: Part): string {
    const { outcome } = part;
    const base = { query: part.query.name, args: part.args };
    if (outcome?.status === 'fulfilled') {
      const age = Math.max(0, Date.now() - outcome.updatedAt);
      return streamedData({ ...base, status: 'fulfilled', json: outcome.json, age });
    }
    return streamedData({
      ...base,
      status: 'rejected',
      error: outcome?.status === 'rejected' ? outcome.error : undefined,
    });
  }

  #release(): void {
    for (const resolve of this.#whenSettled) resolve();
    this.#whenSettled = [];
  }
}

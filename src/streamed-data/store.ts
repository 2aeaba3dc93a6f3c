// The page's record of the entries a server streamed with it, and how they reach the query cache:
// a value is put in at once; an entry that is still on its way becomes the fetch in flight, which
// every reader joins and the later value settles. So nothing the server sends is fetched again.
import { hashKey } from '../cache/hash-key.js';
import { readArgs } from '../shared/args.js';
import { pageWide } from '../cache/page-wide.js';
import { defaultCache, type AnyQuery, type QueryCache } from '../cache/query-cache.js';
import type { Status } from '../cache/defer.js';
import type { StreamedError, StreamedPart } from './wire.js';

/** A promise and the functions that settle it. */
interface Arrival {
  promise: Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** What the page holds of one entry the server sent or announced. */
interface HeldPart {
  readonly query: string;
  readonly args: unknown[];
  status: Status;
  value?: unknown;
  /** When the value was fetched, on this page's clock (a `Date.now()` time). */
  updatedAt?: number;
  error?: Error;
  /** While the value is on its way: the promise the cache holds as its fetch in flight. */
  readonly arrival: Arrival;
  /** Whether the cache has been given this entry (its query may be registered later). */
  primed: boolean;
  /** Gives up on an announced value that is overdue. */
  overdue?: ReturnType<typeof setTimeout>;
  /** What the server sends for it, for elements whose query is not registered (made on first need). */
  sent?: Promise<unknown>;
}

/**
 * How long past the server's own timeout an announced value may still arrive (the network is
 * slow, the page is big) before the page fetches it itself. A value that comes later still
 * replaces what the page fetched.
 */
const GRACE_MS = 2_000;

/** The state of one entry, as `<await-data>` reads it before its query is registered. */
export interface StreamedSnapshot {
  status: Status;
  value?: unknown;
  error?: unknown;
}

function createArrival(): Arrival {
  const arrival = {} as Arrival;
  arrival.promise = new Promise((resolve, reject) => Object.assign(arrival, { resolve, reject }));
  // Until the cache adopts it (its query may never be registered), a rejection is nobody's error.
  arrival.promise.catch(() => {});
  return arrival;
}

/**
 * Rejects a task later. The cache never keeps a rejection (the next reader fetches again), so an
 * `<await-data>` that upgrades in the same task as the server's error (the module ran after the
 * whole page had arrived) must join the fetch before it fails: it then shows the error instead of
 * fetching. Its retry button fetches.
 */
function rejectLater(arrival: Arrival, error: Error): void {
  setTimeout(() => arrival.reject(error), 0);
}

/** What the server sends for a held entry: its value or its error; a give-up settles nothing. */
function sentBy(held: HeldPart): Promise<unknown> {
  const sent = new Promise((resolve, reject) => {
    held.arrival.promise.then(resolve, (error: unknown) => {
      if (held.status === 'rejected') reject(error);
    });
  });
  sent.catch(() => {}); // the element that asked may be gone by then
  return sent;
}

/** The server's error as an `Error`: only the fields the server sends, copied one by one. */
function toError(sent: StreamedError | undefined): Error {
  const error = new Error(String(sent?.message ?? 'The server could not load this part.'));
  if (typeof sent?.name === 'string') error.name = sent.name;
  if (typeof sent?.digest === 'string') {
    Object.defineProperty(error, 'digest', { value: sent.digest, enumerable: true });
  }
  return error;
}

/** Args as `<await-data args>` gives them (JSON text or an array); `undefined` for anything unreadable. */
function argsOf(args: unknown): unknown[] | undefined {
  try {
    return readArgs(args);
  } catch {
    return undefined; // the element reports bad JSON itself
  }
}

/**
 * The entries a server sent with the page, by key. Each one is handed to its query in the shared
 * `defaultCache` as soon as that query is registered (at once if it is already).
 *
 * @example
 * ```ts
 * streamedParts.receive({ query: 'reviews', args: ['42'], status: 'pending' }); // readers wait, no fetch
 * streamedParts.receive({ query: 'reviews', args: ['42'], status: 'fulfilled', value: [], age: 3 });
 * ```
 */
export class StreamedParts {
  /** The entries not handed to their query yet, or handed over while still on their way. */
  readonly #parts = new Map<string, HeldPart>();
  /** The keys whose value or error the cache has: a repeat of one changes nothing. */
  readonly #handedOver = new Set<string>();

  /** Takes one entry in: an announcement, a value or an error. A repeated one changes nothing. */
  receive(part: StreamedPart): void {
    const key = hashKey(part.query, part.args);
    if (this.#handedOver.has(key)) return;
    const known = this.#parts.get(key);
    if (known) {
      this.#settle(key, known, part);
      return;
    }
    const held: HeldPart = {
      query: part.query,
      args: part.args,
      status: 'pending',
      arrival: createArrival(),
      primed: false,
    };
    this.#parts.set(key, held);
    this.#settle(key, held, part);
    this.#prime(key, held);
    // A response cut short leaves Chromium's document loading for ever (no DOMContentLoaded):
    // the server's timeout says when the value is overdue.
    if (held.status === 'pending' && part.timeout !== undefined) {
      held.overdue = setTimeout(() => this.#giveUp(key, held), Math.max(0, part.timeout) + GRACE_MS);
    }
  }

  /**
   * Before `<await-data>` reads a query: hands it the server's entry for these args now, if it
   * has not had it yet. A query registered in the same task as the element upgraded (the app's
   * module evaluated right after the library's) would otherwise be read before `whenDefined()`
   * lets this record hand it over, and fetch.
   */
  beforeRead(query: AnyQuery, args: unknown[]): void {
    const found = this.#find(query.name, args);
    if (found && !found.held.primed && defaultCache.get(query.name) === query) {
      this.#primeQuery(found.key, query, found.held);
    }
  }

  /**
   * The entry as the server sent it, for an `<await-data>` whose query is not registered yet: it
   * goes on showing what the server rendered instead of falling back. Only for the shared cache.
   */
  snapshot(cache: QueryCache, name: string, args: unknown): StreamedSnapshot | undefined {
    return this.read(cache, name, args)?.snapshot;
  }

  /**
   * The entry as the server sent it (see {@link snapshot}) and, while the server is still sending
   * it, the promise of what it sends: its value or its error, so the element shows it without its
   * query. That promise never settles if nothing arrives: the element then waits for its query,
   * which fetches the entry once registered.
   */
  read(
    cache: QueryCache,
    name: string,
    args: unknown,
  ): { snapshot: StreamedSnapshot; promise?: Promise<unknown> } | undefined {
    const held = cache === defaultCache ? this.#find(name, argsOf(args))?.held : undefined;
    if (!held) return undefined;
    const snapshot = { status: held.status, value: held.value, error: held.error };
    if (held.status !== 'pending') return { snapshot };
    held.sent ??= sentBy(held);
    return { snapshot, promise: held.sent };
  }

  /**
   * The document has been parsed: an entry still announced will never arrive (the response was
   * cut short). The page fetches it itself.
   */
  endOfDocument(): void {
    for (const [key, held] of this.#parts) {
      if (held.status === 'pending') this.#giveUp(key, held);
    }
  }

  /**
   * Gives up on an announced value: it is forgotten, and its query's entry fetches it now. Whoever
   * was waiting for the server's value (an element, or a script that awaited the query) gets the
   * fetched one: the fetch supersedes the arrival they joined.
   */
  #giveUp(key: string, held: HeldPart): void {
    if (this.#parts.get(key) !== held || held.status !== 'pending') return;
    this.#parts.delete(key);
    clearTimeout(held.overdue);
    const query = held.primed ? defaultCache.get(held.query) : undefined;
    if (query) {
      query.invalidate(...held.args); // the arrival no longer counts as a fetch to join
      query.prefetch(held.args); // fetched at once, subscribed to or not
    }
    held.arrival.reject(new Error(`prefetch-elements: ${key} never arrived from the server`));
  }

  /** The entry for a query name and args, and its key, if the server sent one not handed over yet. */
  #find(name: string, args: unknown[] | undefined): { key: string; held: HeldPart } | undefined {
    if (this.#parts.size === 0 || !args) return undefined; // a page no server streamed: nothing to look up
    let key: string;
    try {
      key = hashKey(name, args);
    } catch {
      return undefined; // args no key can hold; the element reports them
    }
    const held = this.#parts.get(key);
    return held && { key, held };
  }

  /**
   * Records a value or an error for an entry still pending (an announcement, or a repeat, changes
   * nothing) and settles its arrival. Once the cache has it, this record lets it go.
   */
  #settle(key: string, held: HeldPart, part: StreamedPart): void {
    if (held.status !== 'pending' || part.status === 'pending') return;
    clearTimeout(held.overdue);
    if (part.status === 'fulfilled') {
      held.status = 'fulfilled';
      held.value = part.value;
      held.updatedAt = Date.now() - Math.max(0, Number(part.age) || 0);
      held.arrival.resolve(part.value);
    } else {
      held.status = 'rejected';
      held.error = toError(part.error);
      rejectLater(held.arrival, held.error);
    }
    if (held.primed) this.#letGo(key);
  }

  /** Hands the entry to its query, now or once the query is registered. */
  #prime(key: string, held: HeldPart): void {
    const query = defaultCache.get(held.query);
    if (query) {
      this.#primeQuery(key, query, held);
      return;
    }
    void defaultCache.whenDefined(held.query).then((registered) => {
      if (this.#parts.get(key) === held && !held.primed) this.#primeQuery(key, registered, held);
    });
  }

  /** Gives the entry to its query; a settled one is then the cache's alone. */
  #primeQuery(key: string, query: AnyQuery, held: HeldPart): void {
    held.primed = true;
    if (held.status === 'fulfilled') {
      query.set(held.args, held.value, { updatedAt: held.updatedAt });
    } else {
      // On its way, or failed and about to reject: readers join this instead of fetching.
      query.set(held.args, held.arrival.promise);
    }
    if (held.status !== 'pending') this.#letGo(key);
  }

  /** The cache has the entry's value or error: this record keeps only its key. */
  #letGo(key: string): void {
    this.#parts.delete(key);
    this.#handedOver.add(key);
  }
}

/** The one record of the page, shared by every copy of the library loaded in it. */
export const streamedParts: StreamedParts = pageWide('streamedParts', () => new StreamedParts());

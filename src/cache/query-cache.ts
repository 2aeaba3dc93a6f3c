import type { CacheOptions, Query } from './types.js';
import type { Entry, QueryRecord } from './entry.js';
import type { Persister } from './persist.js';
import { pageWide } from './page-wide.js';

/** Every entry of one query. */
export const entriesOf = (record: QueryRecord): Entry[] => [...record.entries.values(), ...record.hashed.values()];

/** Whether a query has any entry. */
const hasEntries = (record: QueryRecord): boolean => record.entries.size + record.hashed.size > 0;

/** A query of any args and value, as a cache hands it out by name. */
export type AnyQuery = Query<any[], unknown>;

/** The longest delay `setTimeout` takes; a longer one overflows and fires at once. */
const MAX_DELAY = 2_147_483_647;

/**
 * Holds the entries of every query registered with it, collects the unused ones, and sets the
 * default timings. Use the shared `defaultCache` in a page; make one per test or per server
 * request to keep their data apart.
 *
 * @example
 * ```ts
 * const cache = new QueryCache({ staleTime: 5_000 });
 * const user = query(fetchUser, 'user', { cache });
 * cache.get('user') === user; // true: plain HTML names queries
 * cache.clear();              // a logout: drops what nobody shows, refetches what is on screen
 * ```
 */
export class QueryCache {
  /** Default time (ms) a value is fresh. */
  readonly staleTime: number;
  /** Default time (ms) an unused entry is kept. */
  readonly gcTime: number;
  /** Where the queries of this cache hand their entries on to the next page, by default. */
  readonly persist: Persister | undefined;
  readonly #queries = new Map<string, QueryRecord>();
  /**
   * Queries replaced by a later one of the same name (a second bundle, a module reloaded) while
   * they still have entries: those are cleared and collected like any others.
   */
  readonly #replaced = new Set<QueryRecord>();
  /** Who `whenDefined()` a name before a query of that name was registered. */
  readonly #waiting = new Map<string, Set<(query: AnyQuery) => void>>();
  #gcTimer: ReturnType<typeof setTimeout> | undefined;
  /** When `#gcTimer` fires (a `Date.now()` time); Infinity when it is not set. */
  #gcAt = Infinity;

  constructor({ staleTime = 30_000, gcTime = 300_000, persist }: CacheOptions = {}) {
    this.staleTime = staleTime;
    this.gcTime = gcTime;
    this.persist = persist || undefined;
  }

  /**
   * The query registered under this name, if any.
   *
   * @example
   * ```ts
   * defaultCache.get('product')?.prefetch(['42']);
   * ```
   */
  get(name: string): AnyQuery | undefined {
    return this.#queries.get(name)?.query as AnyQuery | undefined;
  }

  /**
   * Resolves with the query of this name once one is registered (at once if it is already), as
   * `customElements.whenDefined()` does for a tag: markup may name a query that a script loaded
   * later registers. With a `signal`, aborting it stops the wait: the promise rejects with the
   * signal's reason and the cache holds nothing more for it.
   *
   * @example
   * ```ts
   * const product = await defaultCache.whenDefined('product');
   * const stop = new AbortController();
   * defaultCache.whenDefined('reviews', { signal: stop.signal }).then(show, () => {}); // stop.abort() ends it
   * ```
   */
  whenDefined(name: string, { signal }: { signal?: AbortSignal } = {}): Promise<AnyQuery> {
    return new Promise((resolve, reject) => {
      const query = this.get(name);
      if (query) {
        resolve(query);
        return;
      }
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const waiters = this.#waiting.get(name) ?? new Set();
      this.#waiting.set(name, waiters);
      waiters.add(resolve);
      signal?.addEventListener(
        'abort',
        () => {
          waiters.delete(resolve);
          if (waiters.size === 0 && this.#waiting.get(name) === waiters) this.#waiting.delete(name);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /**
   * @internal Files a query under its name. A later query of the same name (a module
   * reloaded in development, a second bundle) takes the name; the entries of the one it
   * replaces stay until they are cleared or collected, as any others.
   */
  register(record: QueryRecord): void {
    const replaced = this.#queries.get(record.name);
    this.#queries.set(record.name, record);
    if (replaced && replaced !== record && hasEntries(replaced)) this.#replaced.add(replaced);
    for (const resolve of this.#waiting.get(record.name) ?? []) resolve(record.query as AnyQuery);
    this.#waiting.delete(record.name);
  }

  /**
   * @internal `record` has entries: if a later query took its name, they are still swept by
   * `clear()` and `collect()`.
   */
  track(record: QueryRecord): void {
    if (this.#queries.get(record.name) !== record) this.#replaced.add(record);
  }

  /**
   * Drops every entry that nobody subscribes to, aborting its fetch. An entry that something
   * subscribes to (an element on screen) is reset instead: its value is forgotten, it fetches
   * again, and its subscribers hear both. Queries stay registered.
   *
   * @example
   * ```ts
   * signOut.addEventListener('click', () => defaultCache.clear());
   * ```
   */
  clear(): void {
    for (const record of this.#records()) {
      for (const entry of entriesOf(record)) {
        if (entry.hasListeners()) entry.reset();
        else entry.remove();
      }
    }
    this.collect();
  }

  /**
   * @internal Makes sure a collection runs at `at` (a `Date.now()` time). One timer serves the
   * whole cache, not one per entry: it fires at the earliest deadline and sweeps.
   */
  scheduleGc(at: number): void {
    if (at >= this.#gcAt) return;
    clearTimeout(this.#gcTimer);
    this.#gcAt = at;
    // The timer holds the cache weakly: a cache nobody holds any more (a server request's, once
    // the response is sent) is not kept alive until its next collection.
    const cache = new WeakRef(this);
    this.#gcTimer = setTimeout(() => cache.deref()?.collect(), Math.min(MAX_DELAY, at - Date.now()));
    // On a server, a pending collection must not keep the process alive.
    (this.#gcTimer as { unref?: () => void }).unref?.();
  }

  /** @internal Removes the entries that are due and arms the timer for the next. */
  collect(): void {
    clearTimeout(this.#gcTimer);
    this.#gcAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const record of this.#records()) {
      for (const entry of entriesOf(record)) {
        const due = entry.dueAt();
        if (due <= now) entry.remove();
        else next = Math.min(next, due);
      }
      // A replaced query with no entry left is forgotten (a new entry of it tracks it again).
      if (!hasEntries(record)) this.#replaced.delete(record);
    }
    this.scheduleGc(next); // Infinity: nothing left to collect, no timer
  }

  /** Every query whose entries this cache sweeps: the registered ones and the replaced ones. */
  #records(): QueryRecord[] {
    return [...this.#queries.values(), ...this.#replaced];
  }
}

/** The cache every query uses unless given another; one per page, whatever copies of the library it loads. */
export const defaultCache: QueryCache = pageWide('defaultCache', () => new QueryCache());

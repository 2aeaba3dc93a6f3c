import type { CacheOptions } from './types.js';
import type { Entry, QueryRecord } from './entry.js';

/** Every entry of one query. */
export const entriesOf = (record: QueryRecord): Entry[] => [...record.entries.values(), ...record.hashed.values()];

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
 * cache.clear();              // drops every entry and aborts every fetch
 * ```
 */
export class QueryCache {
  /** Default time (ms) a value is fresh. */
  readonly staleTime: number;
  /** Default time (ms) an unused entry is kept. */
  readonly gcTime: number;
  readonly #queries = new Map<string, QueryRecord>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;

  constructor({ staleTime = 30_000, gcTime = 300_000 }: CacheOptions = {}) {
    this.staleTime = staleTime;
    this.gcTime = gcTime;
  }

  /**
   * The query registered under this name, if any.
   *
   * @example
   * ```ts
   * defaultCache.get('product')?.prefetch(['42']);
   * ```
   */
  get(name: string): unknown {
    return this.#queries.get(name)?.query;
  }

  /**
   * @internal Files a query under its name. A later query of the same name (a module
   * reloaded in development) replaces it; the old one's entries go with it.
   */
  register(record: QueryRecord): void {
    this.#queries.set(record.name, record);
  }

  /**
   * Removes every entry and aborts every fetch in flight. Queries stay registered.
   *
   * @example
   * ```ts
   * afterEach(() => cache.clear());
   * ```
   */
  clear(): void {
    this.#sweep(true);
  }

  /**
   * @internal Makes sure a collection runs at `at` (a `Date.now()` time). One timer serves the
   * whole cache, not one per entry: it fires at the earliest deadline and sweeps. Delays are
   * clamped to 2^31-1 ms, past which `setTimeout` overflows and fires at once.
   */
  scheduleGc(at: number): void {
    if (at >= this.#timerAt) return;
    clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => this.#sweep(), Math.min(2_147_483_647, at - Date.now()));
    // On a server, a pending collection must not keep the process alive.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /** Removes the entries that are due (with `all`, every entry) and arms the timer for the next. */
  #sweep(all?: boolean): void {
    clearTimeout(this.#timer);
    this.#timerAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const record of this.#queries.values()) {
      for (const entry of entriesOf(record)) {
        const due = all ? 0 : entry.dueAt();
        if (due <= now) entry.remove();
        else if (due < next) next = due;
      }
    }
    this.scheduleGc(next); // Infinity: nothing left to collect, no timer
  }
}

/** The cache every query uses unless given another. */
export const defaultCache = new QueryCache();

import type { Status } from './defer.js';
import type { QueryCache } from './query-cache.js';
import type { Persister } from './persist.js';

/** A synchronous look at one cache entry. */
export interface QuerySnapshot<T> {
  /** `pending` until the first fetch settles; a refetch keeps `fulfilled` while it runs. */
  status: Status;
  /** The last successful value, if there is one (kept while a refetch runs or fails). */
  value?: T;
  /** The reason of the last fetch, when it failed. */
  error?: unknown;
  /** When the last successful fetch settled (`Date.now()` time), 0 if none did. */
  updatedAt: number;
  /** True while a fetch for this entry is in flight. */
  fetching: boolean;
}

/**
 * What a fetcher receives as `this`. Write the fetcher as a `function` (not an arrow) to read it,
 * so the arguments stay exactly the query's own arguments.
 */
export interface QueryContext {
  /** Aborted when the fetch is no longer wanted: superseded by a newer fetch, or its entry removed. */
  signal: AbortSignal;
}

/** The function a query runs; `this` carries the abort signal. */
export type Fetcher<A extends unknown[], T> = (this: QueryContext, ...args: A) => T | PromiseLike<T>;

/** Timing options, per query or as a cache's defaults. */
export interface CacheOptions {
  /** How long (ms) a successful value is served without refetching. Default 30 000. */
  staleTime?: number;
  /** How long (ms) after its last use an entry with no subscriber is collected. Default 300 000. */
  gcTime?: number;
  /**
   * Hands the entries on to the tab's next pages (`sessionPersister()`); `false` (a query's
   * option) keeps one query of a persisting cache in memory only. Default: none.
   */
  persist?: Persister | false;
}

/** Options of `query()`. */
export interface QueryOptions extends CacheOptions {
  /** The cache that holds the entries. Default: the shared `defaultCache`. */
  cache?: QueryCache;
}

/** Options of `q.prefetch()`. */
export interface PrefetchOptions {
  /** Fetch only if the last success is older than this many ms (or there is none). */
  ifOlderThan?: number;
  /** Fetch even if a fresh value is cached (still joins a fetch already in flight). */
  force?: boolean;
}

/** Options of `q.set()`. */
export interface SetOptions {
  /** When the value was fetched (a `Date.now()` time; default now): `staleTime` counts from it. */
  updatedAt?: number;
}

/** Options of `q.subscribe()`. */
export interface SubscribeOptions {
  /** Also call the listener when `fetching` changes (to show that a value is being refreshed). */
  fetching?: boolean;
}

/** A listener of one entry. */
export type Listener<T> = (snapshot: QuerySnapshot<T>) => void;

/**
 * A cached, deduplicated async function: call it like the fetcher it wraps.
 *
 * @example
 * ```ts
 * const product = query(async (id: string) => (await fetch(`/api/products/${id}`)).json(), 'product');
 * await product('42');               // fetches
 * await product('42');               // the cached value, no request
 * product.prefetch(['43']);          // warms the cache, never throws
 * product.invalidate('42');          // stale now: refetches when something subscribes
 * ```
 */
export interface Query<A extends unknown[], T> {
  /** The fresh cached value, the in-flight fetch for the same args, or a new fetch. */
  (...args: A): Promise<T>;
  /** The query's name, unique in its cache (`<await-data query="product">`). */
  readonly name: string;
  /**
   * The same query (same fetcher, name and options) in another cache: a server uses its
   * module-level queries against a cache of its own per request, without redefining them. Made
   * on first use and registered in that cache under the same name; the same twin thereafter.
   * @example
   * ```ts
   * const cache = new QueryCache(); // one per request
   * const widget = await product.in(cache)('42'); // cached in this request's cache only
   * ```
   */
  in(cache: QueryCache): Query<A, T>;
  /** The stable key of these args: the name plus canonical JSON of the args. */
  key(...args: A): string;
  /** Warms the cache for these args. Never throws, never leaves an unhandled rejection. */
  prefetch(args: A, options?: PrefetchOptions): void;
  /** The entry for these args as it is now, or `undefined` if there is none. */
  peek(...args: A): QuerySnapshot<T> | undefined;
  /**
   * Puts a value into an entry from outside, as a server's stream or the previous page hands it
   * over: a value is fulfilled at once (dated `updatedAt`), a promise becomes the fetch in flight
   * that readers join instead of fetching. Subscribers hear it.
   * @example
   * ```ts
   * product.set(['42'], { id: '42', name: 'Widget' }, { updatedAt: savedAt });
   * product.set(['43'], streamed.get('product["43"]')); // a promise: no fetch while it is on its way
   * ```
   */
  set(args: A, value: T | PromiseLike<T>, options?: SetOptions): void;
  /** Marks one entry (or, with no args, every entry of this query) stale. */
  invalidate(...args: A | []): void;
  /** Listens to one entry; returns the function that stops listening. */
  subscribe(args: A, listener: Listener<T>, options?: SubscribeOptions): () => void;
}

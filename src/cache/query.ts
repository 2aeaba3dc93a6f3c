import { Entry, type QueryRecord } from './entry.js';
import { hashKey } from './hash-key.js';
import { defaultCache, entriesOf, type QueryCache } from './query-cache.js';
import type { Fetcher, Listener, PrefetchOptions, Query, QueryOptions, SetOptions, SubscribeOptions } from './types.js';

/** Args that are one of these (or none) index the entry as they are, with no key to hash. */
const isPrimitive = (value: unknown) =>
  typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value) || value === null;

/** Trailing `undefined` args are not args: `q('a', undefined)` is `q('a')`, and `q(undefined)` is `q()`. */
function trimArgs(args: readonly unknown[]): readonly unknown[] {
  let length = args.length;
  while (length > 0 && args[length - 1] === undefined) length--;
  return length === args.length ? args : args.slice(0, length);
}

/** Where the entry for these args lives: its map and its key in that map. */
function slotOf(record: QueryRecord, rawArgs: readonly unknown[]) {
  const args = trimArgs(rawArgs);
  const isHashed = args.length > 1 || (args.length === 1 && !isPrimitive(args[0]));
  // No args at all is the key `undefined`, which no primitive arg can be.
  const key = isHashed ? hashKey(record.name, args) : args[0];
  return { map: isHashed ? record.hashed : record.entries, key, args: isHashed ? args : undefined };
}

/** The entry for these args, if there is one. */
function findEntry(record: QueryRecord, args: readonly unknown[]): Entry | undefined {
  const { map, key } = slotOf(record, args);
  return map.get(key);
}

/** The entry for these args, created if there is none. */
function entryFor(record: QueryRecord, rawArgs: readonly unknown[]): Entry {
  const { map, key, args } = slotOf(record, rawArgs);
  let entry = map.get(key);
  if (!entry) {
    entry = new Entry(record, args, key);
    map.set(key, entry);
    record.cache.track(record);
  }
  return entry;
}

/**
 * Wraps an async function in a cached, deduplicated query, filed under `name` in its cache.
 * Equal args share one entry and one fetch; a value is reused while fresh (`staleTime`) and
 * collected when unused (`gcTime`). The fetcher's `this` carries an `AbortSignal`.
 *
 * @example
 * ```ts
 * const product = query(async function (id: string) {
 *   const response = await fetch(`/api/products/${id}`, { signal: this.signal });
 *   if (!response.ok) throw new Error(`product ${id}: HTTP ${response.status}`);
 *   return (await response.json()) as Product;
 * }, 'product');
 *
 * registerPreload('/products/:id', ({ params }) => product.prefetch([params.id]));
 * ```
 */
export function query<A extends unknown[], T>(
  fetcher: Fetcher<A, T>,
  name: string,
  options: QueryOptions = {},
): Query<A, Awaited<T>> {
  if (typeof fetcher !== 'function' || typeof name !== 'string' || !name) {
    throw new TypeError(
      `prefetch-elements: query(fetcher, name) needs a function and a name, got ${typeof fetcher} and ${JSON.stringify(name)}`,
    );
  }
  const cache = options.cache ?? defaultCache;
  const record: QueryRecord = {
    name,
    fetcher: fetcher as Fetcher<any[], unknown>,
    staleTime: options.staleTime ?? cache.staleTime,
    gcTime: options.gcTime ?? cache.gcTime,
    cache,
    entries: new Map(),
    hashed: new Map(),
    // A query's own choice (`false` opts out), else its cache's.
    persister: (options.persist ?? cache.persist) || undefined,
  };
  // A function defined under a computed key takes that key as its `name`: `q.name` is the query's.
  const named = { [name]: (...args: A) => entryFor(record, args).read() }[name]!;
  /** This query's twin in each other cache it was asked for. */
  const twins = new WeakMap<QueryCache, Query<A, Awaited<T>>>();
  const members = {
    in(other: QueryCache) {
      if (other === cache) return result;
      let twin = twins.get(other);
      if (!twin) {
        // Timing options carry over; persisting is the other cache's choice, so that two caches
        // of one page never write the same storage keys.
        twin = query(fetcher, name, { ...options, persist: undefined, cache: other });
        twins.set(other, twin);
      }
      return twin;
    },
    key: (...args: A) => hashKey(name, trimArgs(args)),
    peek: (...args: A) => findEntry(record, args)?.peek(),
    subscribe: (args: A, listener: Listener<Awaited<T>>, subscribeOptions?: SubscribeOptions) =>
      entryFor(record, args).subscribe(listener, subscribeOptions?.fetching),
    set(args: A, value: unknown, setOptions: SetOptions = {}) {
      entryFor(record, args).set(value, setOptions.updatedAt ?? Date.now());
    },
    invalidate(...args: A | []) {
      const entries = args.length > 0 ? [findEntry(record, args)] : entriesOf(record);
      for (const entry of entries) entry?.invalidate();
    },
    prefetch(args: A, prefetchOptions: PrefetchOptions = {}) {
      try {
        entryFor(record, args).prefetch(prefetchOptions);
      } catch (error) {
        // Bad args are a programmer's mistake: say so, but a prefetch never breaks the page.
        console.error(error);
      }
    },
  };
  const result = Object.assign(named, members) as unknown as Query<A, Awaited<T>>;
  record.query = result;
  cache.register(record);
  record.persister?.attach(record); // takes in what the previous page handed on
  return result;
}

import { Entry, type QueryRecord } from './entry.js';
import { hashKey } from './hash-key.js';
import { defaultCache, entriesOf } from './query-cache.js';
import type { Fetcher, Listener, PrefetchOptions, Query, QueryOptions, SubscribeOptions } from './types.js';

const isPrimitive = (value: unknown) =>
  typeof value === 'string' || Number.isFinite(value) || value == null || typeof value === 'boolean';

/** Trailing `undefined` args are not args: `q('a', undefined)` is `q('a')`. */
function trim(args: readonly unknown[]): readonly unknown[] {
  while (args.length > 1 && args[args.length - 1] === undefined) args = args.slice(0, -1);
  return args;
}

function lookup(record: QueryRecord, rawArgs: readonly unknown[], create?: boolean): Entry | undefined {
  const args = trim(rawArgs);
  const isHashed = args.length > 1 || !isPrimitive(args[0]);
  const slot = isHashed ? hashKey(record.name, args) : args[0];
  const map = isHashed ? record.hashed : record.entries;
  let entry = map.get(slot);
  if (!entry && create) map.set(slot, (entry = new Entry(record, isHashed ? args : undefined, slot, map)));
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
  if (typeof fetcher !== 'function' || !name) {
    throw new TypeError(`prefetch-elements: query(fetcher, name): got ${typeof fetcher}, "${name}"`);
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
  };
  // A function defined under a computed key takes that key as its `name`: `q.name` is the query's.
  const q = Object.assign({ [name]: (...args: A) => lookup(record, args, true)!.read() }[name]!, {
    key: (...args: A) => hashKey(name, trim(args)),
    peek: (...args: A) => lookup(record, args)?.peek(),
    subscribe: (args: A, listener: Listener<Awaited<T>>, opts?: SubscribeOptions) =>
      lookup(record, args, true)!.subscribe(listener, opts?.fetching),
    invalidate: (...args: A | []) =>
      (args.length ? [lookup(record, args)] : entriesOf(record)).forEach((entry) => entry?.invalidate()),
    prefetch(args: A, opts: PrefetchOptions = {}) {
      try {
        lookup(record, args, true)!.prefetch(opts);
      } catch (error) {
        // Bad args are a programmer's mistake: say so, but a prefetch never breaks the page.
        console.error(error);
      }
    },
  });
  record.query = q;
  cache.register(record);
  return q as unknown as Query<A, Awaited<T>>;
}

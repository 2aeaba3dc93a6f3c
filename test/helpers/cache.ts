// The per-suite cache set-up: a query in a cache of its own whose fetches the test settles.
import { query, QueryCache, type CacheOptions, type Query } from '../../src/cache/index.js';
import { controlledFetcher } from './deferred.js';

let count = 0;

/**
 * A query in its own cache whose fetches the test settles one by one
 * (`fetches[i].resolve(value)`). `active()` counts the subscriptions open on it now.
 *
 * @example
 * ```ts
 * const { q, fetches } = controlledQuery<string>();
 * const read = q('a');
 * fetches[0].resolve('A');
 * expect(await read).to.equal('A');
 * ```
 */
export function controlledQuery<T = unknown>(options: CacheOptions = {}) {
  const cache = new QueryCache(options);
  const { fetcher, calls: fetches } = controlledFetcher<T>();
  const name = `q${++count}`;
  const q = query(fetcher, name, { cache }) as Query<unknown[], T>;
  let active = 0;
  const subscribe = q.subscribe;
  q.subscribe = (...args: Parameters<typeof subscribe>) => {
    const unsubscribe = subscribe(...args);
    active++;
    return () => {
      active--;
      unsubscribe();
    };
  };
  return { q, cache, name, fetches, active: () => active };
}

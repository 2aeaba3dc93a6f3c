// The per-suite cache set-up: a query in a cache of its own whose fetches the test settles.
import { query, QueryCache, type CacheOptions, type Query } from '../../src/cache/index.js';
import type { SinonFakeTimers } from 'sinon';
import { controlledFetcher } from './deferred.js';
import { fakeClock } from './timers.js';

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
  return { q, cache, name, fetches, active: countSubscriptions(q) };
}

/** Counts the subscriptions open on a query from now on: the returned function says how many. */
export function countSubscriptions(q: Query<unknown[], unknown>): () => number {
  let open = 0;
  const subscribe = q.subscribe;
  q.subscribe = (...args: Parameters<typeof subscribe>) => {
    const unsubscribe = subscribe(...args);
    open++;
    return () => {
      open--;
      unsubscribe();
    };
  };
  return () => open;
}

/**
 * The set-up most cache suites share: a fresh `QueryCache` and a fake clock (`setTimeout`,
 * `clearTimeout` and `Date`) for each test, cleared and restored after it. Call it inside a
 * `describe`; read `suite.cache` and `suite.clock` inside the tests.
 *
 * @example
 * ```ts
 * describe('gc', () => {
 *   const suite = cacheSuite();
 *   it('collects', () => { query(fetcher, 'q', { cache: suite.cache }); suite.clock.tick(1); });
 * });
 * ```
 */
export function cacheSuite(options: CacheOptions = {}) {
  const suite = {} as { cache: QueryCache; clock: SinonFakeTimers };
  beforeEach(() => {
    suite.cache = new QueryCache(options);
    suite.clock = fakeClock();
  });
  afterEach(() => {
    suite.cache.clear();
    suite.clock.restore();
  });
  return suite;
}

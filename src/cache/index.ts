/**
 * The framework-neutral query cache: no lit, no element code, no DOM access at import.
 * Runs in browsers, in Node (for the server) and inside any framework.
 *
 * @example
 * ```ts
 * import { query, defer, QueryCache } from 'prefetch-elements/cache';
 * ```
 */
export { query } from './query.js';
export { QueryCache, defaultCache } from './query-cache.js';
export { defer, isThenable, type Deferred, type Status } from './defer.js';
export { hashKey } from './hash-key.js';
export { sessionPersister, type Persister, type PersistOptions, type StorageLike } from './persist.js';
export type {
  CacheOptions,
  Fetcher,
  Listener,
  PrefetchOptions,
  Query,
  QueryContext,
  QueryOptions,
  QuerySnapshot,
  SetOptions,
  SubscribeOptions,
} from './types.js';

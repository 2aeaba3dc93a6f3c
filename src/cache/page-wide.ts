/**
 * One value per page (or per process), shared by every copy of this library loaded there: two
 * bundles that each include prefetch-elements, the usual micro-frontend case, then share one
 * default cache and one preload registry, so a query one bundle registers is found by the other
 * bundle's elements. The key carries a protocol version: copies that could not understand each
 * other's objects keep their own.
 *
 * @example
 * ```ts
 * export const defaultCache = pageWide('defaultCache', () => new QueryCache());
 * ```
 */
export function pageWide<T>(name: string, create: () => T): T {
  const store = globalThis as Record<symbol, T | undefined>;
  const key = Symbol.for(`prefetch-elements/v1/${name}`);
  store[key] ??= create();
  return store[key];
}

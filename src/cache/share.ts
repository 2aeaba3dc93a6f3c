/**
 * Deep equality for structural sharing: a refetch that returns data deep-equal to what is cached
 * keeps the cached object, so identity checks (`===`, React's `memo`, lit's `hasChanged`) see no
 * change and subscribers are not woken. Arrays and plain objects compare by content, anything else
 * (class instances, dates, maps) by identity.
 */
export function isDeepEqual(a: any, b: any): boolean {
  if (Object.is(a, b)) return true;
  const proto = a && Object.getPrototypeOf(a);
  if (!b || Object.getPrototypeOf(b) !== proto || !(proto === Object.prototype || proto === Array.prototype))
    return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && isDeepEqual(a[key], b[key]));
}

/**
 * Canonical keys for query arguments.
 *
 * Args are JSON-like: strings, finite numbers, booleans, `null`, arrays and plain objects.
 * Object keys are sorted recursively and `undefined` properties dropped, so `{a: 1, b: 2}` and
 * `{b: 2, a: 1, c: undefined}` name the same entry. Anything else is a `TypeError` that names
 * the query and the path to the bad value, instead of the silent collisions of
 * `JSON.stringify` (which turns a `Map` into `{}` and throws on a `bigint`).
 */
function encode(value: any, name: string, path: string, stack: unknown[]): string {
  const type = typeof value;
  if (type === 'string') return JSON.stringify(value);
  if (value == null) return 'null';
  if (type === 'boolean' || Number.isFinite(value)) return '' + value;
  const proto = type === 'object' && Object.getPrototypeOf(value);
  const isArray = proto === Array.prototype;
  const what =
    !isArray && proto !== Object.prototype && proto !== null
      ? type === 'number'
        ? '' + value
        : 'a ' + (type === 'object' ? value.constructor?.name : type)
      : stack.includes(value) && 'a cycle';
  if (what) throw new TypeError(`prefetch-elements: query "${name}": args${path} is ${what}, which is not JSON-like`);
  stack.push(value);
  const out = isArray
    ? '[' + value.map((item: unknown, i: number) => encode(item, name, `${path}[${i}]`, stack)) + ']'
    : '{' +
      Object.keys(value)
        .sort()
        .filter((key) => value[key] !== undefined)
        .map((key) => JSON.stringify(key) + ':' + encode(value[key], name, path + '.' + key, stack)) +
      '}';
  stack.pop();
  return out;
}

/**
 * The stable key of one query entry: the query's name followed by its canonical args.
 *
 * @example
 * ```ts
 * hashKey('search', [{ q: 'lamp', page: 1 }]); // 'search[{"page":1,"q":"lamp"}]'
 * hashKey('search', [{ page: 1, q: 'lamp', sort: undefined }]); // the same key
 * hashKey('search', [new Map()]); // TypeError: query "search": args[0] is a Map, which is not JSON-like
 * ```
 */
export function hashKey(name: string, args: readonly unknown[]): string {
  return name + encode(args, name, '', []);
}

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
  if (value === null || value === undefined) return 'null';
  if (type === 'boolean' || Number.isFinite(value)) return String(value);
  const problem = whatIsWrong(value, stack);
  if (problem) throw new TypeError(`prefetch-elements: query "${name}": ${path} is ${problem}, which is not JSON-like`);
  stack.push(value);
  const out = Array.isArray(value)
    ? '[' + value.map((item: unknown, i: number) => encode(item, name, `${path}[${i}]`, stack)).join(',') + ']'
    : '{' +
      Object.keys(value)
        .sort()
        .filter((key) => value[key] !== undefined)
        .map((key) => JSON.stringify(key) + ':' + encode(value[key], name, path + '.' + key, stack))
        .join(',') +
      '}';
  stack.pop();
  return out;
}

/** Why a value that is not a string, a finite number, a boolean or null cannot be part of a key, if it cannot. */
function whatIsWrong(value: any, stack: unknown[]): string | undefined {
  const type = typeof value;
  if (type === 'number') return String(value); // NaN, Infinity
  if (type !== 'object') return `a ${type}`; // a function, symbol or bigint
  const proto = Object.getPrototypeOf(value);
  if (proto !== Array.prototype && proto !== Object.prototype && proto !== null) return `a ${value.constructor?.name}`;
  if (stack.includes(value)) return 'a cycle';
  return undefined;
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
  return name + encode(args, name, 'args', []);
}

/**
 * The canonical JSON of one of a query's values (object keys sorted, `undefined` properties
 * dropped), or a `TypeError` naming the query and the path to what is not JSON-like.
 *
 * @example
 * ```ts
 * canonicalJSON('product', { b: 2, a: 1 }); // '{"a":1,"b":2}'
 * canonicalJSON('product', { when: new Date() }); // TypeError: query "product": value.when is a Date, which is not JSON-like
 * ```
 */
export function canonicalJSON(name: string, value: unknown): string {
  // Inside an array `undefined` is `null`, as in JSON.stringify; a value that is `undefined` has no JSON.
  if (value === undefined)
    throw new TypeError(`prefetch-elements: query "${name}": value is undefined, which is not JSON-like`);
  return encode(value, name, 'value', []);
}

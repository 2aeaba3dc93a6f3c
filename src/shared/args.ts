// How an `<await-data>`'s `args` are read, the same in the element, in the page's record of what
// a server streamed, and on the server: no DOM, no lit.

/** An error about an `<await-data>`'s input, named so the page's author can find it. */
export const inputError = (problem: string): Error => new Error('<await-data>: ' + problem);

/**
 * The query's arguments as an array: a string is JSON, and one value that is not an array is
 * the only argument (`'"42"'` is `['42']`). None (a removed attribute, `null`) is no args.
 * Throws {@link inputError} for bad JSON.
 *
 * @example
 * ```ts
 * readArgs('["42", {"full": true}]'); // ['42', { full: true }]
 * readArgs('"42"');                   // ['42']
 * readArgs(null);                     // []
 * ```
 */
export function readArgs(args: unknown): unknown[] {
  if (args === undefined || args === null) return [];
  let parsed = args;
  if (typeof args === 'string') {
    try {
      parsed = JSON.parse(args);
    } catch (error) {
      throw inputError('args is not valid JSON: ' + (error as Error).message);
    }
  }
  return Array.isArray(parsed) ? parsed : [parsed];
}

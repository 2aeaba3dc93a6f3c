/**
 * Route params by name; `*` wildcards are numbered from `"0"`, as in `URLPattern`. An optional
 * param that did not match is `undefined` (typed as present, as routers do, for convenience).
 * @example
 * ```ts
 * // '/docs/:lang/*' on '/docs/en/guide/intro' gives { lang: 'en', '0': 'guide/intro' }
 * registerPreload('/docs/:lang/*', ({ params }) => page.prefetch([params.lang, params[0]]));
 * ```
 */
export type RouteParams = Record<string, string>;

/** Tests a URL's pathname; returns its params, or `null` (`undefined` from `URLPattern`) when it does not match. */
export type PathMatcher = (pathname: string) => RouteParams | null | undefined;

// URLPattern is not in TypeScript's DOM lib yet: the little of it we use.
type NativePattern = { exec(input: { pathname: string }): { pathname: { groups: RouteParams } } | null };
type NativeCtor = new (init: { pathname: string }) => NativePattern;

/**
 * Compiles a pathname pattern in URLPattern syntax. Uses the browser's `URLPattern` where it
 * exists (looked up when called, so a test can take it away) and {@link fallbackMatcher}
 * elsewhere. Throws a `TypeError` that names a pattern that does not compile.
 */
export function pathMatcher(pattern: string): PathMatcher {
  const Native = (globalThis as { URLPattern?: NativeCtor }).URLPattern;
  try {
    if (!Native) return fallbackMatcher(pattern);
    const native = new Native({ pathname: pattern });
    return (pathname) => native.exec({ pathname })?.pathname.groups;
  } catch {
    throw TypeError(`prefetch-elements: invalid route pattern "${pattern}"`);
  }
}

/**
 * Our matcher where `URLPattern` is missing, for the syntax routes use: `:name` is one
 * segment, `:name?` an optional one (with its leading `/`), `*` anything, `{…}` a group and
 * `{…}?` an optional group. Regexp groups such as `:id(\d+)` are not supported.
 *
 * @example
 * ```ts
 * fallbackMatcher('/docs{/:lang}?/*')('/docs/en/intro'); // { lang: 'en', '0': 'intro' }
 * ```
 */
export function fallbackMatcher(pattern: string): PathMatcher {
  const names: Array<string | number> = [];
  let wildcards = 0;
  // Every other character that is not a word character is escaped (`\-` and `\%` are identity
  // escapes too), except `/`, and `?`: after a param or a group it is the same modifier in a RegExp.
  const source = pattern.replace(/(\/?):(\w+)|[^\w/?]/g, (token, slash: string, name: string) => {
    if (name) {
      names.push(name);
      return `(?:${slash}([^/]+))`;
    }
    if (token === '*') {
      names.push(wildcards++);
      return '(.*)';
    }
    if (token === '{') return '(?:';
    if (token === '}') return ')';
    return '\\' + token;
  });
  const regexp = RegExp(`^${source}$`);
  return (pathname) => {
    const match = regexp.exec(pathname);
    return match && Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]));
  };
}

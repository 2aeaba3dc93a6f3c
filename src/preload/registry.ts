import { pathMatcher, type PathMatcher, type RouteParams } from './pattern.js';

/**
 * What started a preload: a user's intent (`hover`, `focus`, `touch`), a speculative trigger
 * (`viewport`, `render`, `idle`), or a direct call (`manual`).
 * @example
 * ```ts
 * registerPreload('/search', ({ intent }) => intent != 'viewport' && results.prefetch([]));
 * ```
 */
export type PreloadIntent = 'hover' | 'focus' | 'touch' | 'viewport' | 'render' | 'idle' | 'manual';

/**
 * What a preload function receives.
 * @example
 * ```ts
 * registerPreload('/products/:id', ({ params, url }) => product.prefetch([params.id, url.searchParams.get('color')]));
 * ```
 */
export interface PreloadContext {
  /** The pattern's named groups (`:id`) and numbered wildcards (`*` is `"0"`). */
  params: RouteParams;
  /** The absolute, same-origin URL being preloaded. */
  url: URL;
  intent: PreloadIntent;
}

/**
 * Warms whatever the route needs, typically `someQuery.prefetch([...])`. May return a promise;
 * a throw or a rejection is reported (`prefetcherror`, `console.error`), never thrown.
 * @example
 * ```ts
 * const preloadUser: PreloadFunction = ({ params }) => Promise.all([user.prefetch([params.id]), posts.prefetch([params.id])]);
 * ```
 */
export type PreloadFunction = (context: PreloadContext) => unknown;

/**
 * Options of {@link registerPreload}.
 * @example
 * ```ts
 * registerPreload('/live/:id', ({ params }) => scores.prefetch([params.id], { force: true }), { staleTime: 5_000 });
 * ```
 */
export interface PreloadOptions {
  /** Ms during which a preload does not run again for the same href. Default 30 000. */
  staleTime?: number;
}

/** A registration; `started` says when each href (without its hash) last started. */
type Route = [match: PathMatcher, preload: PreloadFunction, staleTime: number, started: Map<string, number>];

const routes = new Set<Route>();
// An element's own `preload` function is a route of its own that matches every path, kept
// exactly as long as the function.
const own = new WeakMap<PreloadFunction, Route>();

/**
 * Registers the preload for a route pattern in URLPattern pathname syntax (`/products/:id`,
 * `/docs/*`, `/blog{/:year}?`). Every registered pattern that matches an href runs, so layout
 * and page data can each register their own. Throws a `TypeError` for a pattern that does not
 * compile.
 *
 * @returns a function that unregisters it.
 * @example
 * ```ts
 * const product = query((id: string) => fetchJSON(`/api/products/${id}`), 'product');
 * const unregister = registerPreload('/products/:id', ({ params }) => product.prefetch([params.id]));
 * ```
 */
export function registerPreload(pattern: string, preload: PreloadFunction, options: PreloadOptions = {}): () => void {
  const route: Route = [pathMatcher(pattern), preload, options.staleTime ?? 30_000, new Map()];
  routes.add(route);
  return () => routes.delete(route);
}

/**
 * Runs the registered preloads for an href now, as a router or a script would ahead of a
 * navigation it knows about. Never throws: an href of another origin, or one that is not a
 * URL, returns `false`; a failing preload is logged with `console.error`.
 *
 * @returns `true` when a registered pattern matched (even if its last run was still fresh).
 * @example
 * ```ts
 * search.addEventListener('input', () => preloadRoute(`/search?q=${encodeURIComponent(search.value)}`));
 * ```
 */
export const preloadRoute = (href: string | URL, intent: PreloadIntent = 'manual'): boolean =>
  runPreload(href, intent) !== undefined;

/**
 * @internal For `<prefetch-link>`. Runs the preloads due for an href (`preload`, if given,
 * replaces the registry), announcing them on `target` with `prefetchstart` (cancelable),
 * `prefetcherror` and `prefetchend`. Returns `undefined` when the href is not a same-origin
 * URL or no pattern matched, `0` when nothing was due, `false` when the start was cancelled,
 * and otherwise a promise that resolves (never rejects) once the runs settled.
 */
export function runPreload(
  href: string | URL,
  intent: PreloadIntent,
  preload?: PreloadFunction,
  target?: EventTarget,
): Promise<unknown> | false | 0 | undefined {
  let url: URL;
  try {
    url = new URL(href, document.baseURI);
  } catch {
    return; // not a URL, or no document (a server)
  }
  if (url.origin != location.origin) return;
  const key = url.href.split('#')[0]!;
  const now = Date.now();
  const detail = { href: url.href, intent };
  // Stays undefined when no pattern matches. async: a throw becomes a rejection.
  let due: Array<() => Promise<unknown>> | undefined;
  for (const [match, fn, staleTime, started] of preload
    ? [own.get(preload) ?? own.set(preload, [() => ({}), preload, 30_000, new Map()]).get(preload)!]
    : routes) {
    const params = match(url.pathname);
    if (!params) continue;
    due ??= [];
    // What is left after the stale runs are forgotten is fresh.
    for (const [k, t] of started) if (now - t >= staleTime) started.delete(k);
    if (started.has(key)) continue;
    // Counts from the start, whatever the outcome: an intent is not a reason to retry.
    due.push(async () => (started.set(key, now), fn({ params, url, intent })));
  }
  // The events of PrefetchLinkEventMap; true unless a listener called preventDefault().
  const emit = (type: string, eventDetail: object = detail): boolean =>
    !target ||
    target.dispatchEvent(
      new CustomEvent(type, { detail: eventDetail, bubbles: true, composed: true, cancelable: type != 'prefetchend' }),
    );
  return (
    due?.length &&
    emit('prefetchstart') &&
    Promise.all(due.map((run) => run()))
      .catch(
        (error) =>
          emit('prefetcherror', { ...detail, error }) &&
          console.error(`prefetch-elements: preload of "${url.href}" failed`, error),
      )
      .then(() => emit('prefetchend'))
  );
}

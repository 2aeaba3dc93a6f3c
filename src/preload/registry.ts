import { pageWide } from '../cache/page-wide.js';
import { pathMatcher, type PathMatcher, type RouteParams } from './pattern.js';

/**
 * What started a preload: a user's intent (`hover`, `focus`, `touch`), a speculative trigger
 * (`viewport`, `render`, `idle`), or a direct call (`manual`).
 * @example
 * ```ts
 * registerPreload('/search', ({ intent }) => {
 *   if (intent !== 'viewport') results.prefetch([]);
 * });
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
 * const preloadUser: PreloadFunction = ({ params }) => {
 *   user.prefetch([params.id]);
 *   posts.prefetch([params.id]);
 * };
 * ```
 */
export type PreloadFunction = (context: PreloadContext) => unknown;

/**
 * Options of {@link registerPreload}.
 * @example
 * ```ts
 * // The preload itself is costly (it renders a chart off screen): at most once a minute per URL.
 * registerPreload('/reports/:id', ({ params }) => warmChart(params.id), { staleTime: 60_000 });
 * ```
 */
export interface PreloadOptions {
  /**
   * Ms during which the preload does not run again for the same URL (without its hash).
   * Default 0: every intent runs it, and the query cache decides what is fresh (`q.prefetch`
   * skips a fresh entry and joins one in flight). Set it only for a preload that is costly in
   * itself: two freshness windows that disagree are how a stale query escapes a second hover.
   */
  staleTime?: number;
}

/** One registration. */
interface Route {
  matches: PathMatcher;
  preload: PreloadFunction;
  staleTime: number;
  /** When the preload last started for each URL (without its hash), if `staleTime` is set. */
  lastStarted: Map<string, number>;
}

/** One preload that is due: call it to run it (it records its start, and never throws). */
export type PreloadRun = () => Promise<unknown>;

// Page-wide: two copies of the library on one page share one registry.
const routes = pageWide('routes', () => new Set<Route>());

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
  const route: Route = {
    matches: pathMatcher(pattern),
    preload,
    staleTime: options.staleTime ?? 0,
    lastStarted: new Map(),
  };
  routes.add(route);
  return () => routes.delete(route);
}

/**
 * Runs the registered preloads for an href now, as a router or a script would ahead of a
 * navigation it knows about. Never throws: an href of another origin, or one that is not a
 * URL, returns `false`; a failing preload is logged with `console.error`.
 *
 * @returns `true` when a registered pattern matched (even if its `staleTime` kept it from running).
 * @example
 * ```ts
 * search.addEventListener('input', () => preloadRoute(`/search?q=${encodeURIComponent(search.value)}`));
 * ```
 */
export function preloadRoute(href: string | URL, intent: PreloadIntent = 'manual'): boolean {
  const url = sameOriginUrl(href);
  const due = url && duePreloads(url, intent);
  if (!due) return false;
  for (const run of due.runs) {
    run().catch((error: unknown) => reportFailure(url, error));
  }
  return true;
}

/**
 * The absolute URL of an href if it is on this page's origin; `undefined` for another origin,
 * for what is not a URL, and where there is no page (a server).
 */
export function sameOriginUrl(href: string | URL): URL | undefined {
  if (typeof document === 'undefined') return undefined;
  try {
    const url = new URL(href, document.baseURI);
    return url.origin === location.origin ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The registered preloads due for a URL: `undefined` when no pattern matches it, else the runs
 * whose `staleTime` has passed (none, when every match ran for this URL recently).
 */
export function duePreloads(url: URL, intent: PreloadIntent): { runs: PreloadRun[] } | undefined {
  let due: { runs: PreloadRun[] } | undefined;
  const page = url.href.split('#')[0]!;
  const now = Date.now();
  for (const route of routes) {
    const params = route.matches(url.pathname);
    if (!params) continue;
    due ??= { runs: [] };
    if (!isDue(route, page, now)) continue;
    due.runs.push(async () => {
      // Counts from the start, whatever the outcome: an intent is not a reason to retry.
      if (route.staleTime > 0) route.lastStarted.set(page, now);
      return route.preload({ params, url, intent });
    });
  }
  return due;
}

/** Whether a route's preload may run for a page now; forgets the starts that are no longer recent. */
function isDue(route: Route, page: string, now: number): boolean {
  for (const [startedPage, startedAt] of route.lastStarted) {
    if (now - startedAt >= route.staleTime) route.lastStarted.delete(startedPage);
  }
  return !route.lastStarted.has(page);
}

/** Says on the console that a preload failed (what `<prefetch-link>` does unless told not to). */
export function reportFailure(url: URL, error: unknown): void {
  console.error(`prefetch-elements: preload of "${url.href}" failed`, error);
}

import type { PreloadIntent } from '../preload/registry.js';

/**
 * `detail` of `prefetchstart` and `prefetchend`.
 * @example
 * ```ts
 * nav.addEventListener('prefetchstart', (e) => console.debug('preloading', e.detail.href, 'on', e.detail.intent));
 * ```
 */
export interface PrefetchEventDetail {
  /** The absolute URL being preloaded. */
  href: string;
  /** What started it. */
  intent: PreloadIntent;
}

/**
 * `detail` of `prefetcherror`.
 * @example
 * ```ts
 * document.addEventListener('prefetcherror', (e) => {
 *   e.preventDefault(); // reported to our monitoring instead of the console
 *   monitor.report(e.detail.error, e.detail.href);
 * });
 * ```
 */
export interface PrefetchErrorDetail extends PrefetchEventDetail {
  /** What the preload threw or rejected with. */
  error: unknown;
}

/**
 * Events of `<prefetch-link>`: all bubble and are composed. Also merged into
 * `HTMLElementEventMap`, so listeners on any element are typed.
 * @example
 * ```ts
 * link.addEventListener('prefetchstart', (e) => {
 *   if (e.detail.intent === 'viewport' && lowPriority) e.preventDefault();
 * });
 * ```
 */
export interface PrefetchLinkEventMap {
  /** Before a preload runs. Cancelable: `preventDefault()` skips it. */
  prefetchstart: CustomEvent<PrefetchEventDetail>;
  /** After it settled, fulfilled or rejected (like `loadend`). */
  prefetchend: CustomEvent<PrefetchEventDetail>;
  /** It threw or rejected. Cancelable: `preventDefault()` keeps it out of the console. */
  prefetcherror: CustomEvent<PrefetchErrorDetail>;
}

declare global {
  // The events bubble, so any ancestor (and `document`) can listen with typed events.
  interface HTMLElementEventMap extends PrefetchLinkEventMap {}
}

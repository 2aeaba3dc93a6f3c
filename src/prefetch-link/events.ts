import type { PreloadIntent } from '../preload/registry.js';

/** `detail` of `prefetchstart` and `prefetchend`. */
export interface PrefetchEventDetail {
  /** The absolute URL being preloaded. */
  href: string;
  /** What started it. */
  intent: PreloadIntent;
}

/** `detail` of `prefetcherror`. */
export interface PrefetchErrorDetail extends PrefetchEventDetail {
  /** What the preload threw or rejected with. */
  error: unknown;
}

/** Events of `<prefetch-link>`: all bubble and are composed. */
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

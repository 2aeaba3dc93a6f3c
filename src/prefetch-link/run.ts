import {
  duePreloads,
  reportFailure,
  sameOriginUrl,
  type PreloadFunction,
  type PreloadIntent,
  type PreloadRun,
} from '../preload/registry.js';
import type { PrefetchLinkEventMap } from './events.js';

/**
 * Runs the preloads for a URL on behalf of a `<prefetch-link>`, announcing them on it:
 * `prefetchstart` (cancelable), then a `prefetcherror` for each one that fails, as it fails,
 * then `prefetchend` once every one has settled. `ownPreload`, the element's `preload`
 * property, replaces the registry for its links.
 *
 * @returns a promise that resolves (never rejects) once the preloads settled, or `undefined`
 *   when none started: another origin, no matching pattern, none due, or the start was cancelled.
 */
export function runPreloads(
  element: Element,
  href: string,
  intent: PreloadIntent,
  ownPreload: PreloadFunction | undefined,
): Promise<void> | undefined {
  const url = sameOriginUrl(href);
  if (!url) return undefined;
  const runs = ownPreload ? [ownRun(ownPreload, url, intent)] : (duePreloads(url, intent)?.runs ?? []);
  if (runs.length === 0) return undefined;
  const detail = { href: url.href, intent };
  if (!announce(element, 'prefetchstart', detail)) return undefined;
  const reportFailed = (error: unknown) => {
    if (announce(element, 'prefetcherror', { ...detail, error })) reportFailure(url, error);
  };
  // Several routes can match one href (a layout's and a page's): each failure is reported on
  // its own, and the end waits for every run, not for the first to fail. The end also frees a
  // speculative preload's slot in the page-wide budget (speculate.ts).
  return Promise.allSettled(runs.map((run) => run().catch(reportFailed))).then(() => {
    announce(element, 'prefetchend', detail);
  });
}

/** The element's own preload, for any same-origin URL, with no params. */
function ownRun(preload: PreloadFunction, url: URL, intent: PreloadIntent): PreloadRun {
  return async () => preload({ params: {}, url, intent });
}

/**
 * Dispatches one of `<prefetch-link>`'s events: they bubble and are composed, so one listener
 * on `document` hears every link, and all but `prefetchend` are cancelable. An element that was
 * disconnected while its preload ran says nothing when it settles: no event after disconnect
 * (a failure still reaches the console, since no listener can handle it).
 *
 * @returns false if a listener called `preventDefault()`.
 */
function announce<K extends keyof PrefetchLinkEventMap>(
  element: Element,
  type: K,
  detail: PrefetchLinkEventMap[K]['detail'],
): boolean {
  if (!element.isConnected) return true;
  const cancelable = type !== 'prefetchend';
  return element.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

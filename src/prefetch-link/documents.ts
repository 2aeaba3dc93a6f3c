// Document prefetch for multi-page sites: the next page's HTML, fetched on the same intent as
// its data. Speculation Rules where the browser has them, `<link rel="prefetch">` elsewhere and
// where a Content-Security-Policy refuses inline rules. Nothing here runs at import.
import { pageWide } from '../cache/page-wide.js';
import { sameOriginUrl } from '../preload/registry.js';
import { isCurrentPage } from './links.js';
import { isDataDear } from './speculate.js';

/** What `<prefetch-link document>` asks for: the HTML, or the whole page rendered ahead. */
export type DocumentMode = 'prefetch' | 'prerender';

/**
 * The documents asked for on this page, without their hash: never the same one twice. Shared by
 * every copy of the library on the page, as the rules they add are.
 */
const requested = pageWide('documents', () => new Set<string>());

/**
 * Set once a Content-Security-Policy refused an inline rule (it needs `'inline-speculation-rules'`
 * in `script-src`): every later document goes straight to `<link rel="prefetch">`.
 */
let rulesRefused = false;

/** Whether an attribute value asks for a document, and for what. */
export const documentMode = (value: string | null): DocumentMode | undefined =>
  value === 'prefetch' || value === 'prerender' ? value : undefined;

/**
 * Asks the browser for a same-origin document, once per page: Speculation Rules (`prerender`
 * renders the whole page ahead, scripts and all, which is why it is a separate opt-in), or
 * `<link rel="prefetch">` where the browser has no Speculation Rules, where a policy refuses
 * them, and for `prerender` too where it cannot prerender. Stands down when data is dear, as
 * the speculative triggers do. No slot of the speculative budget is held for it: Speculation
 * Rules report no end, and browsers fetch these at the lowest priority and limit them (Chrome:
 * 50 prefetches and 10 prerenders at once).
 *
 * @example
 * ```ts
 * prefetchDocument('/products/42', 'prefetch');
 * ```
 */
export function prefetchDocument(href: string, mode: DocumentMode): void {
  const url = sameOriginUrl(href);
  if (!url) return;
  url.hash = '';
  if (isCurrentPage(url) || requested.has(url.href) || isDataDear()) return;
  requested.add(url.href);
  if (rulesRefused || !HTMLScriptElement.supports?.('speculationrules')) addPrefetchLink(url.href);
  else addRules(url.href, mode);
}

/** Adds an inline Speculation Rules script for one URL; falls back to a link if a policy refuses it. */
function addRules(href: string, mode: DocumentMode): void {
  const script = document.createElement('script');
  script.type = 'speculationrules';
  script.textContent = JSON.stringify({ [mode]: [{ source: 'list', urls: [href] }] });
  // A refused inline script does not run, and says so only with this event, dispatched on it
  // (asynchronously, so there is no knowing beforehand). `report` is Report-Only: not refused.
  script.addEventListener('securitypolicyviolation', (event) => {
    if (event.disposition !== 'enforce') return;
    rulesRefused = true;
    script.remove();
    addPrefetchLink(href);
  });
  document.head.append(script);
}

/**
 * Adds `<link rel="prefetch">`: the browser keeps the answer for the navigation, if the answer
 * may be cached (`Cache-Control: max-age`; Speculation Rules need no such header).
 */
function addPrefetchLink(href: string): void {
  const link = document.createElement('link');
  link.rel = 'prefetch';
  link.href = href;
  document.head.append(link);
}

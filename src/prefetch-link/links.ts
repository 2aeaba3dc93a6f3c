// Which links a preload can serve, and where they point. Nothing here runs at import.

/**
 * Links inside `<prefetch-link>`: HTML and SVG `<a>` with an `href` (SVG's may be `xlink:href`,
 * hence the namespace wildcard).
 */
export const LINK_SELECTOR = 'a[*|href]';

/** The attribute with which a link opts out, as instant.page's `data-no-instant`. */
export const OPT_OUT_ATTRIBUTE = 'data-no-prefetch';

const XLINK = 'http://www.w3.org/1999/xlink';

/**
 * Where a link points, as an absolute URL string. Read from the attribute, not the `href`
 * property: on an SVG `<a>` that property is an `SVGAnimatedString`, not a URL.
 */
export function linkHref(link: Element): string | undefined {
  const href = link.getAttribute('href') ?? link.getAttributeNS(XLINK, 'href');
  if (href === null) return undefined;
  try {
    return new URL(href, link.baseURI).href;
  } catch {
    return undefined; // not a URL: nothing to preload
  }
}

/**
 * Whether following this link could use what a preload puts in this page's memory. Not when it
 * opens elsewhere (a `target` other than `_self`, also through `<base target>`), downloads,
 * leaves the site (`rel="external"`), only moves to an anchor of this same page, or opts out
 * with `data-no-prefetch` (on the link or an ancestor). SvelteKit and instant.page skip the same.
 */
export function canUsePreload(link: Element, href: string): boolean {
  const target =
    link.getAttribute('target') ?? link.ownerDocument.querySelector('base[target]')?.getAttribute('target');
  if (target && target.toLowerCase() !== '_self') return false;
  if (link.hasAttribute('download')) return false;
  if (link.getAttribute('rel')?.split(/\s+/).includes('external')) return false;
  if (link.closest(`[${OPT_OUT_ATTRIBUTE}]`)) return false;
  return !isSamePageAnchor(href);
}

/**
 * A link to this same page that only changes the hash: no navigation, nothing to load. That
 * includes `href="#"` (a script's button written as a link), whose hash is empty.
 */
function isSamePageAnchor(href: string): boolean {
  const url = new URL(href);
  return (url.hash !== '' || url.href.endsWith('#')) && isCurrentPage(url);
}

/** Whether a URL is this page's, whatever either hash. */
export function isCurrentPage(url: URL): boolean {
  const withoutHash = (address: URL) => address.href.split('#')[0];
  return withoutHash(url) === withoutHash(new URL(location.href));
}

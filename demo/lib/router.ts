// A tiny client router of our own: the History API, and one click listener on the document.
// <prefetch-link> never handles click; links stay links, and this router turns a plain
// left-click on a same-origin link it has a route for into pushState + render.

export interface RouterOptions {
  /** Renders a URL; returns false when this page has no such route (the browser then loads it). */
  render: (url: URL) => boolean;
}

export interface Router {
  navigate(href: string, options?: { replace?: boolean }): void;
  stop(): void;
}

/** The link a click activates, if the router may take it over. */
function linkOf(event: MouseEvent): HTMLAnchorElement | undefined {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return; // new tab, window, download
  // The composed path also finds links inside open shadow roots.
  const link = event
    .composedPath()
    .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement && node.hasAttribute('href'));
  if (!link || link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
  return new URL(link.href).origin === location.origin ? link : undefined;
}

/**
 * Starts routing: renders the current URL now, then every same-origin link click the render
 * function accepts, and every back / forward.
 *
 * @example
 * ```ts
 * startRouter({ render: (url) => url.pathname === '/' ? (showHome(), true) : false });
 * ```
 */
export function startRouter({ render }: RouterOptions): Router {
  const go = (url: URL, replace: boolean): boolean => {
    const state = { scroll: 0 };
    history.replaceState({ scroll: scrollY }, ''); // where to come back to on Back
    if (!render(url)) return false;
    history[replace ? 'replaceState' : 'pushState'](state, '', url);
    scrollTo(0, 0);
    return true;
  };
  const onClick = (event: MouseEvent) => {
    const link = linkOf(event);
    if (link && go(new URL(link.href), link.href === location.href)) event.preventDefault();
  };
  const onPopState = (event: PopStateEvent) => {
    render(new URL(location.href));
    scrollTo(0, (event.state as { scroll?: number } | null)?.scroll ?? 0);
  };
  // Bubble phase: a framework's own click handler that prevents the default wins.
  document.addEventListener('click', onClick);
  addEventListener('popstate', onPopState);
  render(new URL(location.href));
  return {
    navigate: (href, { replace = false } = {}) => void go(new URL(href, location.href), replace),
    stop() {
      document.removeEventListener('click', onClick);
      removeEventListener('popstate', onPopState);
    },
  };
}

import { runPreload, type PreloadFunction, type PreloadIntent } from '../preload/registry.js';
import { dropQueued, speculate, unwatch, watch, whenIdle } from './speculate.js';

// Delegated on the element, so a link a framework adds or re-points later needs no binding.
// No pointerout / focusout: whether the pointer or focus is still there is read when the delay
// ends, which also covers a link that moved away or was removed meanwhile.
const EVENTS = ['pointerover', 'pointerdown', 'focusin'];

/**
 * Wraps a link, or a whole list of them, and runs the preload registered for a link's route
 * when the user shows intent: the pointer rests on it, it gets keyboard focus, or a finger or
 * pen touches it. Optionally also when it scrolls into view, on render, or when the page is
 * idle. It never handles `click` and never replaces its links: without JavaScript, and for
 * middle-click, new tabs, screen readers and any framework router's `<Link>`, a link stays a
 * plain link.
 *
 * A plain `HTMLElement`, not lit: it renders nothing of its own, and a shadow root per link
 * would cost more than all it does on pages that wrap thousands of links. It has no styles
 * either (it is an inline box); add `prefetch-link { display: contents }` where it must not
 * become a flex or grid item.
 *
 * @example
 * ```html
 * <prefetch-link><nav><a href="/products/42">Widget</a> <a href="/about">About</a></nav></prefetch-link>
 * ```
 *
 * @attr trigger - Space-separated: `intent` (default, = `hover focus touch`), `hover`, `focus`,
 *   `touch`, `viewport`, `render`, `idle`, `none`. The speculative ones (`viewport`, `render`,
 *   `idle`) are read on connect.
 * @attr delay - Ms the pointer must rest on (or focus stay in) a link before hover and focus
 *   preload it. Default 65; leaving sooner cancels.
 * @attr href - Preload this URL instead of the descendant links' hrefs.
 * @fires prefetchstart - Before a preload runs. Cancelable: `preventDefault()` skips it.
 * @fires prefetchend - After a preload settled, fulfilled or rejected.
 * @fires prefetcherror - A preload threw or rejected (`detail.error`). Cancelable:
 *   `preventDefault()` keeps it out of the console.
 */
export class PrefetchLinkElement extends HTMLElement {
  /**
   * Runs instead of the registry for this element's links, for any same-origin href, with
   * empty `params`. Same signature and staleness rule (30 s per href) as a registered preload.
   * @example
   * ```js
   * link.preload = ({ url }) => product.prefetch([url.pathname.split('/').pop()]);
   * ```
   */
  preload: PreloadFunction | undefined;

  /** The link whose hover or focus delay is running. */
  #armed: Element | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #cancelIdle: (() => void) | undefined;
  #watched: Element[] = [];

  connectedCallback(): void {
    for (const type of EVENTS) this.addEventListener(type, this);
    if (this.#has('render')) this.#links().forEach((link) => this.#speculate(link, 'render'));
    if (this.#has('idle')) this.#cancelIdle = whenIdle(() => this.#links().forEach((l) => this.#speculate(l, 'idle')));
    if (this.#has('viewport')) {
      this.#watched = this.#links();
      this.#watched.forEach((link) => watch(link, () => this.#speculate(link, 'viewport')));
    }
  }

  disconnectedCallback(): void {
    for (const type of EVENTS) this.removeEventListener(type, this);
    this.#cancel();
    this.#cancelIdle?.();
    this.#watched.forEach(unwatch);
    this.#watched = [];
    dropQueued((job) => job.owner == this);
  }

  #has(trigger: PreloadIntent): boolean {
    // No token is part of another, so a substring test is a token test.
    return (this.getAttribute('trigger') ?? 'intent').replace('intent', 'hover focus touch').includes(trigger);
  }

  /** What a speculative trigger covers: the descendant links, or with `href` the children. */
  #links(): Element[] {
    return [...this.querySelectorAll(this.hasAttribute('href') ? ':scope>*' : 'a[href]')];
  }

  /**
   * @internal The element is its own event listener (the DOM's `EventListener` interface), so
   * connecting allocates no closures.
   */
  handleEvent(e: PointerEvent): void {
    // The nearest link on the composed path (so inside open shadow roots too) below this
    // element; with `href` set, this element stands for the link.
    const href = this.hasAttribute('href');
    const link = e.composedPath().find((n) => n == this || (!href && (n as Element).matches?.('a[href]'))) as Element;
    const mouse = e.pointerType == 'mouse';
    if (link == this && !href) return;
    if (e.type == 'pointerdown') {
      // A touch or pen fires at once; a mouse press skips the rest of the hover delay.
      const intent = mouse ? 'hover' : 'touch';
      if (this.#has(intent)) this.#cancel(), this.#start(link, intent);
    } else {
      // A touch's own pointerover is not hover, and the mouse events a browser sends after a
      // touch are not pointer events, so they never reach us.
      const intent = e.type == 'focusin' ? 'focus' : mouse ? 'hover' : '';
      if (intent && link != this.#armed && this.#has(intent)) this.#arm(link, intent);
    }
  }

  #arm(link: Element, intent: PreloadIntent): void {
    this.#cancel();
    this.#armed = link;
    this.#timer = setTimeout(() => {
      this.#cancel();
      // Left (or blurred) before the delay ended: that was not intent.
      if (link.matches(':hover,:focus-within')) this.#start(link, intent);
    }, +(this.getAttribute('delay') ?? 65));
  }

  #cancel(): void {
    clearTimeout(this.#timer);
    this.#armed = this.#timer = undefined;
  }

  #speculate(link: Element, intent: PreloadIntent): void {
    speculate({ owner: this, link, run: () => this.#start(link, intent) });
  }

  /** Runs the preload for a link; returns its settling, or nothing when nothing started. */
  #start(link: Element, intent: PreloadIntent): Promise<unknown> | undefined {
    return runPreload(this.getAttribute('href') ?? (link as HTMLAnchorElement).href, intent, this.preload, this) || undefined;
  }
}

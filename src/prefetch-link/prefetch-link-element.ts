import { runPreload, type PreloadFunction, type PreloadIntent } from '../preload/registry.js';
import { dropQueued, speculate, unwatch, watch, whenIdle, type Job } from './speculate.js';

// Intent is heard by one set of listeners per document or shadow root that holds a
// <prefetch-link>, not by listeners per element: connecting thousands of links then costs no
// listener at all (and disconnecting none to release), and a link a framework adds or
// re-points later needs no binding. Capturing, so a stopPropagation() below cannot hide intent.
// No pointerout / focusout: whether the pointer or focus is still on the link is read when the
// delay ends, which also covers a link that moved away or was removed meanwhile.
const listening = new WeakSet<Node>();

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
  declare preload: PreloadFunction | undefined;

  // The attributes are also properties that reflect them, as a built-in element's are: Solid,
  // React 19 and Preact set a value on a custom element as a property when it has one of that name.
  // An empty `trigger` or `delay` means the default: Preact sets '' when such a prop goes away.
  /**
   * The `trigger` attribute: space-separated triggers. Default `intent`.
   * @example
   * ```js
   * link.trigger = 'intent viewport';
   * ```
   */
  get trigger(): string {
    return this.getAttribute('trigger') || 'intent';
  }
  set trigger(value: string) {
    this.#reflect('trigger', value);
  }

  /**
   * The `delay` attribute: ms of hover or focus before a preload. Default 65.
   * @example
   * ```js
   * link.delay = 0;
   * ```
   */
  get delay(): number {
    return +(this.getAttribute('delay') || 65);
  }
  set delay(value: number) {
    this.#reflect('delay', value);
  }

  /**
   * The `href` attribute: the URL to preload instead of the descendant links'. `null` removes it.
   * @example
   * ```js
   * link.href = `/products/${id}`;
   * ```
   */
  get href(): string | null {
    return this.getAttribute('href');
  }
  set href(value: string | null) {
    this.#reflect('href', value);
  }

  /** The link whose hover or focus delay is running. */
  #armed: Element | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Releases what the speculative triggers hold page-wide; unset for intent only. */
  #release: (() => void) | void | undefined;

  /** Sets an attribute to a property's value; `null` or `undefined` (a framework unsetting it) removes it. */
  #reflect(name: string, value: unknown): void {
    value == null ? this.removeAttribute(name) : this.setAttribute(name, value as string);
  }

  connectedCallback(): void {
    const root = this.getRootNode();
    if (!listening.has(root)) {
      listening.add(root);
      for (const type of ['pointerover', 'pointerdown', 'focusin'])
        root.addEventListener(type, PrefetchLinkElement.#onEvent, true);
    }
    if (!/render|idle|viewport/.test(this.trigger)) return; // the usual case
    const links = this.#links();
    const cancelIdle = this.#has('idle')
      ? whenIdle(() => this.#links().forEach((l) => this.#speculate(l, 'idle')))
      : undefined;
    if (this.#has('render')) links.forEach((link) => this.#speculate(link, 'render'));
    if (this.#has('viewport')) links.forEach((link) => watch(link, () => this.#speculate(link, 'viewport')));
    this.#release = () => {
      cancelIdle?.();
      links.forEach(unwatch);
      dropQueued((job) => job.owner == this);
    };
  }

  disconnectedCallback(): void {
    this.#cancel();
    this.#release = this.#release?.();
  }

  #speculate(link: Element, intent: PreloadIntent): void {
    speculate({ owner: this, link, run: () => this.#start(link, intent) });
  }

  /** Hands an event to the nearest <prefetch-link> on its path, with the link it is about. */
  static #onEvent = (e: Event): void => {
    const path = e.composedPath();
    const at = path.findIndex((n) => n instanceof PrefetchLinkElement);
    const el = path[at] as PrefetchLinkElement | undefined;
    // Each root on the path hears the event; only the element's own root handles it.
    if (!el || el.getRootNode() != e.currentTarget) return;
    // With `href` set the element stands for the link; else the nearest link below it (inside
    // open shadow roots too, since the path is composed).
    const link = el.href != null ? el : path.find((n, i) => i < at && (n as Element).matches?.('a[href]'));
    if (!link) return;
    // A touch's own pointerover is not hover, and the mouse events a browser sends after a touch
    // are not pointer events, so they never reach us.
    const intent =
      e.type == 'focusin'
        ? 'focus'
        : (e as PointerEvent).pointerType == 'mouse'
          ? 'hover'
          : e.type == 'pointerdown'
            ? 'touch'
            : '';
    if (!intent || !el.#has(intent)) return;
    // A touch or pen fires at once; a mouse press skips the rest of the hover delay.
    if (e.type == 'pointerdown') (el.#cancel(), el.#start(link as Element, intent));
    else if (link != el.#armed) el.#arm(link as Element, intent);
  };

  #has(trigger: PreloadIntent): boolean {
    // No token is part of another, so a substring test is a token test.
    return this.trigger.replace('intent', 'hover focus touch').includes(trigger);
  }

  /** What a speculative trigger covers: the descendant links, or with `href` the children. */
  #links(): NodeListOf<Element> {
    return this.querySelectorAll(this.href != null ? ':scope>*' : 'a[href]');
  }

  #arm(link: Element, intent: PreloadIntent): void {
    this.#cancel();
    this.#armed = link;
    this.#timer = setTimeout(() => {
      this.#cancel();
      // Left (or blurred) before the delay ended: that was not intent.
      if (link.matches(':hover,:focus-within')) this.#start(link, intent);
    }, this.delay);
  }

  #cancel(): void {
    clearTimeout(this.#timer);
    this.#armed = undefined;
  }

  /** Runs the preload for a link; returns its settling, or a falsy value when nothing started. */
  #start(link: Element, intent: PreloadIntent): ReturnType<Job['run']> {
    return runPreload(this.href ?? (link as HTMLAnchorElement).href, intent, this.preload, this);
  }
}

import type { PreloadFunction, PreloadIntent } from '../preload/registry.js';
import { defineElement } from '../shared/define-element.js';
import { readMs } from '../shared/number-attribute.js';
import { documentMode, prefetchDocument } from './documents.js';
import { canUsePreload, linkHref, LINK_SELECTOR } from './links.js';
import { runPreloads } from './run.js';
import { dropQueued, speculate, unwatch, watch, whenIdle } from './speculate.js';

/** The intents that wait for the `delay` (touch does not). */
type DelayedIntent = 'hover' | 'focus';

/** The link hover or focus last went to, and its delay while that runs. */
interface IntentTarget {
  link: Element;
  /** Unset once the delay ended or was cancelled: the link stays, to tell new intent apart. */
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** The tokens `intent` stands for. */
const INTENT = ['hover', 'focus', 'touch'];
/** The triggers that preload without the user's intent, read on connect. */
const SPECULATIVE = ['viewport', 'render', 'idle'];
const DEFAULT_DELAY = 65;

// On a server (or in a worker) there is no HTMLElement: the class then extends a stand-in, so
// that importing this module never throws there, as lit's own elements import with its shim.
const ElementBase = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

// Intent is heard by one set of listeners per document or shadow root that holds a
// <prefetch-link>, not by listeners per element: connecting thousands of links then costs no
// listener at all (and disconnecting none to release), and a link a framework adds or
// re-points later needs no binding. Capturing, so a stopPropagation() below cannot hide intent.
// No pointerout / focusout: whether the pointer or focus is still on the link is read when the
// delay ends, which also covers a link that moved away or was removed meanwhile; whether it
// had left the link before is read from the next pointerover's or focusin's relatedTarget.
const listening = new WeakSet<Node>();
const INTENT_EVENTS = ['pointerover', 'pointerdown', 'focusin'];

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
 * Links that cannot use a preload are skipped: a `target` other than `_self`, `download`,
 * `rel="external"`, a link to an anchor of this same page, and any link inside
 * `[data-no-prefetch]`.
 *
 * @example
 * ```html
 * <prefetch-link><nav><a href="/products/42">Widget</a> <a href="/about">About</a></nav></prefetch-link>
 * ```
 *
 * @customElement prefetch-link
 * @attr trigger - Space-separated: `intent` (default, = `hover focus touch`), `hover`, `focus`,
 *   `touch`, `viewport`, `render`, `idle`, `none`. The speculative ones (`viewport`, `render`,
 *   `idle`) are read on connect.
 * @attr delay - Ms the pointer must rest on (or focus stay in) a link before hover and focus
 *   preload it. Default 65; an invalid value means the default. Leaving sooner cancels.
 * @attr href - Preload this URL instead of the descendant links' hrefs.
 * @attr document - `prefetch`: on the same triggers, also fetch the link's document, for a site
 *   where a click loads a new page (Speculation Rules, else `<link rel="prefetch">`).
 *   `prerender`: render the whole page ahead where the browser can (it runs the page's
 *   scripts). Off by default. An attribute only: a `document` property would shadow the global
 *   `document` inside the element's inline `on*` handlers.
 * @fires prefetchstart - Before a preload runs. Cancelable: `preventDefault()` skips it.
 * @fires prefetchend - After a preload settled, fulfilled or rejected.
 * @fires prefetcherror - A preload threw or rejected (`detail.error`). Cancelable:
 *   `preventDefault()` keeps it out of the console.
 */
export class PrefetchLinkElement extends ElementBase {
  /**
   * Defines the element under a tag name (default `prefetch-link`), in a registry (default the
   * page's; a scoped registry works too). Safe to call twice and on a server.
   * @example
   * ```js
   * PrefetchLinkElement.define('shop-prefetch-link');
   * ```
   */
  static define(tag = 'prefetch-link', registry?: CustomElementRegistry): void {
    defineElement(tag, this, registry);
  }

  /**
   * Runs instead of the registry for this element's links, for any same-origin href, with
   * empty `params`. Same signature as a registered preload.
   * @example
   * ```js
   * link.preload = ({ url }) => product.prefetch([url.pathname.split('/').pop()]);
   * ```
   */
  declare preload: PreloadFunction | undefined;

  // The attributes are also properties that reflect them, as a built-in element's are: Solid,
  // React 19 and Preact set a value on a custom element as a property when it has one of that name.
  /**
   * The `trigger` attribute: space-separated triggers. Default `intent`; empty means the default.
   * @example
   * ```js
   * link.trigger = 'intent viewport';
   * ```
   */
  get trigger(): string {
    return this.getAttribute('trigger')?.trim() || 'intent';
  }
  set trigger(value: string | null | undefined) {
    this.#reflect('trigger', value);
  }

  /**
   * The `delay` attribute: ms of hover or focus before a preload. Default 65; an empty, negative
   * or non-numeric value means the default.
   * @example
   * ```js
   * link.delay = 0;
   * ```
   */
  get delay(): number {
    return readMs(this.getAttribute('delay'), DEFAULT_DELAY);
  }
  set delay(value: number | string | null | undefined) {
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
  set href(value: string | null | undefined) {
    this.#reflect('href', value);
  }

  /**
   * Where hover and where focus last went, each with its delay while it runs (the map is made
   * on the first). Apart, so that the pointer passing over one link never cancels keyboard
   * focus resting on another, nor the reverse. Forgotten on disconnect.
   */
  #targets: Map<DelayedIntent, IntentTarget> | undefined;
  /** Releases what the speculative triggers hold page-wide; unset for intent only. */
  #releaseSpeculation: (() => void) | undefined;

  connectedCallback(): void {
    this.#listenToRoot();
    const triggers = this.#triggers();
    // Intent only (the usual case): the root's listeners are all it needs, nothing to hold.
    if (!SPECULATIVE.some((trigger) => triggers.has(trigger))) return;
    const links = this.#speculativeLinks();
    const releases: Array<() => void> = [];
    if (triggers.has('render')) {
      for (const link of links) this.#speculate(link, 'render');
    }
    if (triggers.has('viewport')) {
      for (const link of links) watch(link, () => this.#speculate(link, 'viewport'));
      releases.push(() => links.forEach(unwatch));
    }
    if (triggers.has('idle')) {
      releases.push(whenIdle(() => this.#speculativeLinks().forEach((link) => this.#speculate(link, 'idle'))));
    }
    if (releases.length > 0 || triggers.has('render')) {
      this.#releaseSpeculation = () => {
        releases.forEach((release) => release());
        dropQueued((job) => job.owner === this);
      };
    }
  }

  disconnectedCallback(): void {
    this.#disarm();
    this.#targets = undefined;
    this.#releaseSpeculation?.();
    this.#releaseSpeculation = undefined;
  }

  /** Hears intent in this element's document or shadow root, once per root. */
  #listenToRoot(): void {
    const root = this.getRootNode();
    if (listening.has(root)) return;
    listening.add(root);
    for (const type of INTENT_EVENTS) root.addEventListener(type, PrefetchLinkElement.#onIntentEvent, true);
  }

  /** Hands an intent event to the nearest <prefetch-link> on its path, with the link it is about. */
  static #onIntentEvent = (event: Event): void => {
    const path = event.composedPath();
    const index = path.findIndex((node) => node instanceof PrefetchLinkElement);
    const element = path[index] as PrefetchLinkElement | undefined;
    // Each root on the path hears the event; only the element's own root handles it.
    if (!element || element.getRootNode() !== event.currentTarget) return;
    const intent = intentOf(event);
    if (!intent || !element.#triggers().has(intent)) return;
    // With `href` set the element stands for the link; else the nearest link below it (inside
    // open shadow roots too, since the path is composed).
    const link = element.href !== null ? element : linkOnPath(path.slice(0, index));
    if (!link) return;
    // A touch or pen fires at once; a mouse press skips the rest of that link's delay.
    if (event.type === 'pointerdown') {
      element.#disarm({ link });
      element.#start(link, intent);
      return;
    }
    const delayed = intent as DelayedIntent; // pointerover and focusin: hover or focus
    if (element.#isNewIntent(link, delayed, event)) element.#arm(link, delayed);
  };

  /**
   * Whether a pointerover or focusin is new intent: on another link than the last, or on the
   * same one from outside it (`relatedTarget`; `:hover` cannot tell, the pointer is back on it).
   * Moving over a link's own children (a card's image, then its title) is still the one hover.
   */
  #isNewIntent(link: Element, intent: DelayedIntent, event: Event): boolean {
    if (link !== this.#targets?.get(intent)?.link) return true;
    const from = (event as PointerEvent | FocusEvent).relatedTarget;
    return !(from instanceof Node && link.contains(from));
  }

  /** The trigger tokens, with `intent` spelled out. */
  #triggers(): ReadonlySet<string> {
    return triggerSet(this.trigger);
  }

  /** What a speculative trigger covers: the descendant links, or with `href` the children. */
  #speculativeLinks(): Element[] {
    return [...this.querySelectorAll(this.href !== null ? ':scope > *' : LINK_SELECTOR)];
  }

  #speculate(link: Element, intent: PreloadIntent): void {
    speculate({ owner: this, link, run: () => this.#start(link, intent) });
  }

  /** Starts the hover or focus delay for a link, in place of that intent's delay for another. */
  #arm(link: Element, intent: DelayedIntent): void {
    this.#disarm({ intent });
    const target: IntentTarget = { link, timer: undefined };
    target.timer = setTimeout(() => {
      target.timer = undefined;
      // Left (or blurred) before the delay ended: that was not intent.
      if (link.matches(':hover, :focus-within')) this.#start(link, intent);
    }, this.delay);
    this.#targets ??= new Map();
    this.#targets.set(intent, target);
  }

  /** Ends the delays of one intent, or for one link; with neither, every delay. */
  #disarm({ intent, link }: { intent?: DelayedIntent; link?: Element } = {}): void {
    for (const [which, target] of this.#targets ?? []) {
      if ((intent && which !== intent) || (link && target.link !== link)) continue;
      clearTimeout(target.timer);
      target.timer = undefined;
    }
  }

  /** Runs the preload for a link; returns its settling, or `undefined` when nothing started. */
  #start(link: Element, intent: PreloadIntent): Promise<void> | undefined {
    const href = this.#hrefFor(link);
    if (!href) return undefined;
    dropQueued((job) => job.link === link); // whichever trigger got there first, the others need not
    const mode = documentMode(this.getAttribute('document'));
    if (mode) prefetchDocument(href, mode);
    return runPreloads(this, href, intent, this.preload);
  }

  /** The URL a link stands for: the `href` attribute where set, else the link's own if a preload can serve it. */
  #hrefFor(link: Element): string | undefined {
    if (this.href !== null) return this.href;
    const href = linkHref(link);
    return href && canUsePreload(link, href) ? href : undefined;
  }

  /** Sets an attribute to a property's value; `null` or `undefined` (a framework unsetting it) removes it. */
  #reflect(name: string, value: unknown): void {
    if (value === null || value === undefined) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  }
}

/**
 * What an event says of the user's intent. A touch's own pointerover is not hover, and the
 * mouse events a browser sends after a touch are not pointer events, so they never reach us.
 */
function intentOf(event: Event): PreloadIntent | undefined {
  if (event.type === 'focusin') return 'focus';
  if ((event as PointerEvent).pointerType === 'mouse') return 'hover';
  if (event.type === 'pointerdown') return 'touch';
  return undefined;
}

/** The innermost link on an event path (the part of it below the element). */
function linkOnPath(path: EventTarget[]): Element | undefined {
  return path.find((node): node is Element => node instanceof Element && node.matches(LINK_SELECTOR));
}

/**
 * The set of triggers an attribute value names, with `intent` spelled out. Made once per value:
 * a page has a handful of values on thousands of links, each read on connect and on every intent.
 */
const triggerSets = new Map<string, ReadonlySet<string>>();
function triggerSet(value: string): ReadonlySet<string> {
  let triggers = triggerSets.get(value);
  if (!triggers) {
    const tokens = value.split(/\s+/);
    triggers = new Set(tokens.flatMap((token) => (token === 'intent' ? INTENT : [token])));
    if (triggerSets.size >= 32) triggerSets.clear(); // values made up at run time stay few
    triggerSets.set(value, triggers);
  }
  return triggers;
}

import { ReactiveElement, html, nothing, render, unsafeCSS, type PropertyValues } from 'lit';
import type { QueryCache } from '../cache/query-cache.js';
import type { Status } from '../cache/defer.js';
import type { Query } from '../cache/types.js';
import { DEFAULT_TIMING, ShownRegion, msConverter } from './anti-flicker.js';
import { CaughtErrors, findBoundary, hasErrorContent, retryOnClick } from './error-boundary.js';
import { fillFields, watchAddedFields } from './fields.js';
import { AwaitedInput, DEFAULT_QUERY_TIMEOUT, type Snapshot } from './input.js';
import { REGION_OF, SHADOW_CSS, SHADOW_HTML, type Region } from './shadow.js';
import { eventDetail } from './events.js';
import { defineElement } from '../shared/define-element.js';

/**
 * Turns a fulfilled value into content; the result is rendered in the `rendered` part: a lit
 * `TemplateResult`, a `Node`, or a string (always as text).
 *
 * @example
 * ```ts
 * el.renderer = (product: Product) => html`<h1>${product.name}</h1>`;
 * ```
 */
export type Renderer = (value: any) => unknown;

/** The shadow markup, parsed once, on first use (never at import: a server imports this module). */
let shadowTemplate: HTMLTemplateElement | undefined;

/**
 * Shows its `fallback` slot until a promise or a cached query settles, then its content, or its
 * `error` slot. Data that is already there (a settled `Deferred`, a fulfilled cache entry) is
 * shown on the very first render: no fallback frame, no `pending` status, ever. Light-DOM
 * children are never moved, cloned or removed, so any framework keeps owning them; the element
 * only chooses which slot is visible and writes the value's text into `data-field` descendants.
 *
 * @example
 * ```html
 * <await-data query="product" args='["42"]'>
 *   <p slot="fallback">Loading…</p>
 *   <p slot="error">Could not load. <button data-retry>Try again</button></p>
 *   <h1 data-field="name"></h1> <span data-field="price.amount"></span>
 * </await-data>
 * ```
 *
 * @tagname await-data
 * @slot - Shown when fulfilled. `data-field="a.b"` descendants receive that path of the value
 *   as text; those inside a nested `<await-data>` belong to it.
 * @slot fallback - Shown while pending (after `fallback-delay`), inside a polite live region.
 * @slot error - Shown when rejected, inside a `role="alert"` region; a click on a `[data-retry]`
 *   element in it retries. Without error content, the nearest ancestor `<await-data>` that has
 *   some shows the error instead.
 * @csspart rendered - Holds the output of `renderer`, before the default slot.
 * @attr query - The name of a query registered in `cache` (default: the shared `defaultCache`).
 *   A name not registered yet is waited for; an empty one is no input.
 * @attr args - The query's arguments as JSON: an array, or one value for a one-argument query.
 * @attr fallback-delay - Ms before the fallback appears. Default 100 (also for an invalid value).
 * @attr fallback-min - Ms the fallback stays once it has appeared. Default 300.
 * @attr query-timeout - Ms after the page's load before a query name that is still not registered
 *   rejects. Default 5000.
 * @attr status - Reflects `pending`, `fulfilled` or `rejected`, for CSS; absent with no input.
 * @attr refreshing - Present while a query refetches a value that stays on screen.
 * @fires pending - Waiting for the input. Does not bubble.
 * @fires fulfilled - Settled with `detail.value`. Does not bubble.
 * @fires rejected - Rejected with `detail.error`. Does not bubble.
 */
export class AwaitDataElement extends ReactiveElement {
  static override properties = {
    promise: { attribute: false },
    query: {},
    args: {},
    cache: { attribute: false },
    renderer: { attribute: false },
    fallbackDelay: { attribute: 'fallback-delay', converter: msConverter(DEFAULT_TIMING.fallbackDelay) },
    fallbackMin: { attribute: 'fallback-min', converter: msConverter(DEFAULT_TIMING.fallbackMin) },
    queryTimeout: { attribute: 'query-timeout', converter: msConverter(DEFAULT_QUERY_TIMEOUT) },
  };

  // One stylesheet for every element (lit adopts it in each shadow root): it shows the region
  // named by the element's custom state. (STATUS_CSS, for the moment before an upgrade, is for
  // a server's markup only.)
  static override styles = unsafeCSS(SHADOW_CSS);

  /**
   * Defines the element under a tag name (default `await-data`), in a registry (default the
   * page's; a scoped registry works too). Safe to call twice and on a server.
   * @example
   * ```js
   * AwaitDataElement.define('shop-await-data');
   * ```
   */
  static define(tag = 'await-data', registry?: CustomElementRegistry): void {
    defineElement(tag, this, registry);
  }

  // --- Inputs ---

  /** The input, when it is a promise or `Deferred` (a `Deferred` that has settled shows at once). */
  declare promise: PromiseLike<unknown> | undefined;
  /**
   * The input, when it is a query: the `Query` itself, or its name (the `query` attribute). A name
   * that is not registered yet is waited for; none, or an empty name, is no input.
   */
  declare query: Query<any[], unknown> | string | null | undefined;
  /** The query's arguments: an array, or JSON of one (a string is always read as JSON). */
  declare args: unknown[] | string | undefined;
  /** Where a query name is looked up. Default: `defaultCache`. */
  declare cache: QueryCache | undefined;
  /** Renders the value into the `rendered` part, for script users. */
  declare renderer: Renderer | undefined;
  /** Ms before the fallback appears (`fallback-delay`). Default 100. */
  declare fallbackDelay: number;
  /** Ms the fallback stays once shown (`fallback-min`). Default 300. */
  declare fallbackMin: number;
  /** Ms after the page's load that an unknown query name is waited for (`query-timeout`). Default 5 000. */
  declare queryTimeout: number;

  // --- Outputs ---
  // Plain fields, not reactive properties: a settled input changes a few attributes and which
  // region is shown, and that must not cost a lit update per element.

  /**
   * `pending`, `fulfilled` or `rejected` (also the `status` attribute): follows the data at once,
   * whatever is on screen. `undefined` until the element first renders, and while it has no input.
   */
  declare status: Status | undefined;
  /** The last value the input fulfilled with. */
  declare value: unknown;
  /** The reason of the last rejection; `undefined` once fulfilled. */
  declare error: unknown;

  // --- State ---

  /** The input, followed while connected; it reports each state to `#onInputState`. */
  readonly #input = new AwaitedInput(this, AwaitDataElement.#onInputState);
  /** What the status last published came with (value, error, or nothing). */
  #result: unknown;
  /** What the renderer threw in the last render, published as our error once the update is done. */
  #rendererFailure: { error: unknown } | undefined;

  /** The region on screen, named by a custom state; it lags `status` by the anti-flicker rules. */
  readonly #shown = new ShownRegion(this.attachInternals());

  // --- Error boundary ---

  /** Descendants whose rejections this element shows (created when the first is caught). */
  #caughtErrors: CaughtErrors<AwaitDataElement> | undefined;
  /** Those of the ancestor that shows our rejection, told when our status changes. */
  #boundary: CaughtErrors<AwaitDataElement> | undefined;

  constructor() {
    super();
    this.fallbackDelay = DEFAULT_TIMING.fallbackDelay;
    this.fallbackMin = DEFAULT_TIMING.fallbackMin;
    this.queryTimeout = DEFAULT_QUERY_TIMEOUT;
    // Upgraded in the page: until now the page's <head> rule showed the fallback, or a server's
    // Declarative Shadow DOM the region its status names. That region stays, so the upgrade shows
    // no other frame, and gives way as soon as there is something else to show.
    if (this.isConnected) this.#shown.assumeShown(regionBeforeUpgrade(this.getAttribute('status')));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reconnected (moved): start again. The first connection starts in the first update.
    if (!this.hasUpdated) return;
    this.#start();
    // Fields added while we were disconnected were not filled (the same value publishes nothing).
    if (this.status === 'fulfilled') fillFields(this, this.value);
  }

  /**
   * Builds the shadow root from the shared markup; a root that is already there (Declarative
   * Shadow DOM) is kept as it is. The markup is static: no template is rendered into it, except
   * a renderer's output.
   */
  protected override createRenderRoot(): ShadowRoot {
    const root = super.createRenderRoot() as ShadowRoot; // attached, the shared sheet adopted
    if (!root.firstChild) {
      shadowTemplate ??= Object.assign(document.createElement('template'), { innerHTML: SHADOW_HTML });
      root.append(document.importNode(shadowTemplate.content, true)); // cloned into this document: no adoption
    }
    return root;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const promiseChanged = changed.has('promise');
    const inputChanged = promiseChanged || changed.has('query') || changed.has('args');
    if (inputChanged) this.#input.select({ promiseChanged });
    if (inputChanged || changed.has('cache') || !this.hasUpdated) this.#start();
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    if (this.renderer || changed.has('renderer')) this.#renderOutput();
  }

  protected override updated(): void {
    // A renderer that throws fails the element, not lit's update. Published after the update, so
    // a `rejected` listener that sets a property gets an update of its own.
    const failure = this.#rendererFailure;
    this.#rendererFailure = undefined;
    // Removed meanwhile: no event after disconnect (a reconnect renders, and fails, again).
    if (failure && this.isConnected) this.#publish('rejected', failure.error);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The subscription lives while connected, so a removed element lets its entry be collected.
    this.#stop();
    // A boundary showing our error stops when we leave.
    this.#boundary?.delete(this);
    this.#boundary = undefined;
  }

  /**
   * Reads the input again: a query refetches an entry that failed (rejections are never cached).
   * A click on a `[data-retry]` element in the error slot calls it. On an element that shows a
   * descendant's error, it retries that descendant.
   *
   * @example
   * ```ts
   * el.addEventListener('rejected', () => setTimeout(() => el.retry(), 5_000));
   * ```
   */
  retry(): void {
    const retriedDescendants = this.#caughtErrors?.retry() ?? false;
    if (!retriedDescendants) this.#start();
  }

  /**
   * Renders the renderer's output (with lit-html) into the content region, before the default
   * slot. A renderer that throws is caught here and published as our error in `updated()`.
   */
  #renderOutput(): void {
    let output: unknown = nothing;
    if (this.renderer && this.value !== undefined) {
      try {
        output = html`<div part="rendered">${this.renderer(this.value)}</div>`;
      } catch (error) {
        this.#rendererFailure = { error };
      }
    }
    const slot = this.renderRoot.querySelector('slot:not([name])')!;
    render(output, slot.parentNode as HTMLElement, { host: this, renderBefore: slot });
  }

  /**
   * Hears each state of an element's input (one function for all): publishes it, and marks a
   * query refetching a value that stays on screen.
   */
  static #onInputState(element: AwaitDataElement, snapshot: Snapshot): void {
    const status = snapshot.status;
    element.toggleAttribute('refreshing', Boolean(snapshot.fetching) && status === 'fulfilled');
    element.#publish(status, status === 'rejected' ? (snapshot.error ?? snapshot.reason) : snapshot.value);
  }

  /** Shows the current input: at once if it has settled, else once it does. */
  #start(): void {
    this.#stop();
    if (this.isConnected) this.#input.start(); // else connectedCallback starts it
  }

  /** Lets go of the input and of a region change that was due (#start restarts both). */
  #stop(): void {
    this.#input.stop();
    this.#shown.cancel();
  }

  /**
   * Publishes a new state at once (properties, attributes, fields, event), then lets the region on
   * screen follow within the anti-flicker rules. No status (no input) is idle: the content shows,
   * with nothing to wait for, so an element with no input can still be an error boundary.
   */
  #publish(status: Status | undefined, result: unknown): void {
    const region = status ? REGION_OF[status] : 'content';
    if (status === this.status && result === this.#result) {
      // Nothing new to publish; the region on screen may still be due (#stop ended its timer).
      this.#shown.follow(region, this);
      return;
    }
    this.#result = result;
    this.status = status;
    this.ariaBusy = status === 'pending' ? 'true' : null;
    if (status) {
      this.setAttribute('status', status);
    } else {
      this.removeAttribute('status');
    }
    if (status === 'fulfilled') {
      this.value = result;
      this.error = undefined;
      fillFields(this, result); // before the event, so a `fulfilled` listener finds them filled
      watchAddedFields(this); // and fields added later, at any depth
      if (this.renderer) this.requestUpdate();
    }
    if (status === 'rejected') {
      this.error = result;
      // Clicks on [data-retry] matter once error content can show. (On the host, where a click
      // in the light DOM arrives; adding the same listener again is a no-op.)
      this.addEventListener('click', retryOnClick);
    }
    if (status) this.dispatchEvent(new CustomEvent(status, { detail: eventDetail(status, result) }));
    this.#boundary?.update(); // it shows our error only while we are rejected
    this.#shown.follow(region, this);
    if (status === 'rejected') this.#reportError(result);
  }

  /**
   * Without error content of our own, the nearest ancestor `<await-data>` with some shows the
   * error; with none, the console does.
   */
  #reportError(error: unknown): void {
    if (hasErrorContent(this)) return;
    const boundary = findBoundary(this, isErrorBoundary);
    if (!boundary) {
      console.error(error);
      return;
    }
    boundary.addEventListener('click', retryOnClick);
    boundary.#caughtErrors ??= new CaughtErrors(boundary.#shown);
    this.#boundary = boundary.#caughtErrors;
    this.#boundary.add(this);
  }
}

/** The region on screen before the upgrade: the one a server's `status` names, else the fallback. */
const regionBeforeUpgrade = (status: string | null): Region =>
  status === 'fulfilled' || status === 'rejected' ? REGION_OF[status] : 'fallback';

/** An `<await-data>` with error content of its own, which shows its descendants' errors. */
const isErrorBoundary = (node: Node): node is AwaitDataElement =>
  node instanceof AwaitDataElement && hasErrorContent(node);

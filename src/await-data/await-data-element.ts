import { LitElement, html, type PropertyValues } from 'lit';
import { Task, initialState } from '@lit/task';
import { defaultCache } from '../cache/query-cache.js';
import { defer, type Deferred, type Status } from '../cache/defer.js';
import type { Query } from '../cache/types.js';
import type { QueryCache } from '../cache/query-cache.js';
import './events.js';

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

/** What the element shows from: a cache entry's snapshot, or a `Deferred` (its `reason` is the error). */
interface Snapshot {
  status: Status;
  value?: unknown;
  error?: unknown;
  reason?: unknown;
  /** A query refetching a value that is still on screen. */
  fetching?: boolean;
}

/** The status each region stands for, in template order (one array, not one per paint). */
const REGIONS: Status[] = ['fulfilled', 'pending', 'rejected'];
const hasErrorContent = (el: Element) => !!el.querySelector(':scope>[slot=error]');
const fail = (problem: string): never => {
  throw Error('<await-data>: ' + problem);
};

/**
 * Shows its `fallback` slot until a promise or a cached query settles, then its content, or its
 * `error` slot. Data that is already there (a settled `Deferred`, a fulfilled cache entry) is
 * shown on the very first render: no fallback frame, no `pending` status, ever. Light-DOM
 * children are never moved, cloned or removed, so any framework keeps owning them; the element
 * only toggles which slot is visible and writes the value's text into `data-field` descendants.
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
 * @slot - Shown when fulfilled. `data-field="a.b"` descendants receive that path of the value
 *   as text; those inside a nested `<await-data>` belong to it.
 * @slot fallback - Shown while pending (after `fallback-delay`), inside a polite live region.
 * @slot error - Shown when rejected, inside a `role="alert"` region; a click on a `[data-retry]`
 *   element in it retries. Without error content, the nearest ancestor `<await-data>` that has
 *   some shows the error instead.
 * @csspart rendered - Holds the output of `renderer`, before the default slot.
 * @attr query - The name of a query registered in `cache` (default: the shared `defaultCache`).
 * @attr args - The query's arguments as JSON: an array, or one value for a one-argument query.
 * @attr fallback-delay - Ms before the fallback appears. Default 100.
 * @attr fallback-min - Ms the fallback stays once it has appeared. Default 300.
 * @attr status - Reflects `pending`, `fulfilled` or `rejected`, for CSS.
 * @attr refreshing - Present while a query refetches a value that stays on screen.
 * @fires pending - Waiting for the input. Does not bubble.
 * @fires fulfilled - Settled with `detail.value`. Does not bubble.
 * @fires rejected - Rejected with `detail.error`. Does not bubble.
 */
export class AwaitDataElement extends LitElement {
  static override properties = {
    promise: { attribute: false },
    query: {},
    args: {},
    cache: { attribute: false },
    renderer: { attribute: false },
    fallbackDelay: { type: Number, attribute: 'fallback-delay' },
    fallbackMin: { type: Number, attribute: 'fallback-min' },
  };

  /** The input, when it is a promise or `Deferred` (a `Deferred` that has settled shows at once). */
  declare promise: PromiseLike<unknown> | undefined;
  /** The input, when it is a query: the `Query` itself, or its name (the `query` attribute). */
  declare query: Query<any[], unknown> | string | undefined;
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
  // The outputs are plain fields, not reactive properties: a settled input changes a few
  // attributes and which slot is hidden, and that must not cost a lit update per element.
  /**
   * `pending`, `fulfilled` or `rejected` (also the `status` attribute): follows the data at once,
   * whatever is on screen. `undefined` until the element first renders.
   */
  declare status: Status | undefined;
  /** The last value the input fulfilled with. */
  declare value: unknown;
  /** The reason of the last rejection; `undefined` once fulfilled. */
  declare error: unknown;

  /** What the status last published came with (value, error, or nothing). */
  #result: unknown;
  /** Whether the promise, not the query, is the input (the latest set wins). */
  #byPromise: boolean | undefined;
  /** A descendant whose rejection this element shows (it is the nearest error boundary). */
  #caught: AwaitDataElement | undefined;
  #unsubscribe: (() => void) | void | undefined;
  /** When the region on screen last changed (`Date.now()`): for the fallback, when it appeared. */
  #shownAt: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The boundary that shows our rejection, repainted when our status changes. */
  #catcher: AwaitDataElement | undefined;
  /** Which region is on screen. Lags `status` by the anti-flicker timers. */
  #shown: Status | undefined;
  /** The promise input, wrapped once so its state can be read synchronously after it settles. */
  #deferred: Deferred<unknown> | undefined;
  /** What wraps the default, fallback and error slots, once rendered. */
  #regions: NodeListOf<HTMLElement> | undefined;

  // Task's host is a stub: Task requests a host update when a run starts and ends, but #show puts
  // every state on screen itself, so a lit update per settled element would be pure overhead.
  // The stub also never calls the task's hostUpdate, so runs only start by hand (#start): an
  // automatic first run would render as pending even when the input has settled already, and
  // that is the fallback frame this element exists to avoid.
  #task = new Task<[PromiseLike<unknown>], unknown>({ addController() {}, requestUpdate() {} } as never, {
    // Task aborts a run when a newer one starts; we also abort on new settled input and on
    // disconnect. An aborted run ends with `initialState`, which Task publishes without calling
    // onComplete/onError, so a superseded promise never reaches the screen, and one that never
    // settles does not keep the element alive.
    task: ([promise], { signal }) =>
      new Promise((resolve, reject) => {
        promise.then(resolve, reject);
        signal.onabort = () => resolve(initialState);
      }),
    onComplete: (value) => this.#show('fulfilled', value),
    onError: (error) => this.#show('rejected', error),
  });

  constructor() {
    super();
    this.fallbackDelay = 100;
    this.fallbackMin = 300;
    this.addEventListener('click', (e) => {
      // Listened for on the host: the click composes out of the light DOM.
      const button = (e.target as Element).closest('[data-retry]');
      if (button?.closest('[slot=error]')?.parentNode == this) this.retry();
    });
    // The cache subscription lives while connected, so a removed element lets its entry be collected.
    this.addController({
      hostDisconnected: () => this.#stop(),
      hostConnected: () => this.hasUpdated && this.#start(),
    });
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
    const caught = this.#caught;
    this.#caught = undefined;
    caught?.isConnected ? caught.retry() : this.#start();
    this.#paint();
  }

  /** Writes the value's text into this element's `data-field` descendants (never as HTML). */
  #fill(): void {
    if (this.status != 'fulfilled') return;
    for (const field of this.querySelectorAll<HTMLElement>('[data-field]')) {
      if (field.closest(this.localName) != this) continue; // a nested <await-data> fills its own
      field.textContent = field.dataset.field!.split('.').reduce<any>((at, key) => at?.[key], this.value) ?? '';
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const byPromise = changed.has('promise');
    const isNew = byPromise || changed.has('query') || changed.has('args');
    // The latest input set wins (the promise, if both change in one update).
    if (isNew) {
      this.#byPromise = byPromise;
      this.#deferred = this.promise && defer(this.promise);
    }
    if (isNew || changed.has('cache') || !this.hasUpdated) this.#start();
  }

  // The regions' `hidden` is set by #paint, not bound: showing data must not cost a lit update.
  // The live regions stay in the tree and only their content appears, which screen readers
  // announce more reliably than a region that appears itself.
  protected override render() {
    // prettier-ignore
    return html`<div hidden>${this.renderer && this.value !== undefined ? html`<div part=rendered>${this.renderer(this.value)}</div>` : null}<slot @slotchange=${this.#fill}></slot></div><div role=status><div hidden><slot name=fallback></slot></div></div><div role=alert><div hidden><slot name=error></slot></div></div>`;
  }

  protected override firstUpdated(): void {
    // The three wrappers rendered hidden; skip any [hidden] in the renderer's output.
    this.#regions = this.renderRoot.querySelectorAll('[hidden]:not([part] *)');
    this.#paint();
  }

  /**
   * Shows the current input: at once if it has settled, else through a Task run. A query name is
   * looked up and JSON args are parsed here, so an unknown name or bad JSON rejects, never throws.
   */
  #start(): void {
    this.#stop();
    if (!this.isConnected) return; // hostConnected starts it
    let snapshot: Snapshot = { status: 'pending' };
    let promise: PromiseLike<unknown> | undefined;
    let { query: q, args = [] } = this;
    try {
      if (this.#byPromise) {
        if (this.#deferred) snapshot = promise = this.#deferred;
      } else {
        if (typeof q == 'string') {
          q =
            ((this.cache ?? defaultCache).get(q) as Query<unknown[], unknown>) ??
            fail(`no query named "${q}" is registered`);
        }
        if (typeof args == 'string') {
          try {
            args = JSON.parse(args) as unknown[];
          } catch (error) {
            fail('args is not valid JSON: ' + (error as Error).message);
          }
        }
        args = [args].flat(); // one value that is not an array is the only argument
        if (q) {
          // Subscribing fetches unless the entry is fresh; a stale value stays on screen meanwhile.
          this.#unsubscribe = q.subscribe(args, this.#snap, { fetching: true });
          snapshot = q.peek(...args)!;
          if (snapshot.status == 'pending') promise = q(...args);
        }
      }
    } catch (error) {
      snapshot = { status: 'rejected', error };
    }
    this.#snap(snapshot);
    if (snapshot.status == 'pending' && promise) this.#task.run([promise]);
  }

  /**
   * Brings the region on screen in line with `status`, within the anti-flicker rules: the
   * fallback appears only after `fallbackDelay` (a fast answer never flashes it), and once it
   * has appeared it stays `fallbackMin` (a glimpse of it reads as a glitch).
   */
  #reveal(): void {
    clearTimeout(this.#timer);
    const status = this.status;
    const isPending = status == 'pending';
    const isFallbackShown = this.#shown == 'pending';
    const wait =
      isPending == isFallbackShown
        ? 0
        : isPending
          ? this.fallbackDelay
          : this.#shownAt! + this.fallbackMin - Date.now();
    const flip = () => {
      this.#shownAt = Date.now();
      this.#shown = status;
      this.#paint();
    };
    wait > 0 ? (this.#timer = setTimeout(flip, wait)) : flip();
  }

  /** Lets go of the input: its subscription, its run, and the anti-flicker timer (#start restarts it). */
  #stop(): void {
    this.#unsubscribe = this.#unsubscribe?.();
    this.#task.abort();
    clearTimeout(this.#timer);
  }

  #snap = (s: Snapshot): void => {
    this.toggleAttribute('refreshing', !!s.fetching && s.status == 'fulfilled');
    this.#show(s.status, s.status == 'rejected' ? (s.error ?? s.reason) : s.value);
  };

  /** Publishes a new state: properties and event at once; which region shows may lag. */
  #show(status: Status, result?: unknown): void {
    // Nothing new to publish; the region on screen may still be due (#stop ended its timer).
    if (status == this.status && result === this.#result) return this.#reveal();
    this.#result = result;
    const isValue = status == 'fulfilled';
    const isError = status == 'rejected';
    this.setAttribute('status', (this.status = status));
    this.ariaBusy = status == 'pending' ? 'true' : null;
    if (isError) this.error = result;
    // Fields first, so a `fulfilled` listener finds them filled.
    if (isValue) ((this.value = result), (this.error = undefined), this.#fill(), this.renderer && this.requestUpdate());
    this.dispatchEvent(
      new CustomEvent(status, { detail: isValue ? { value: result } : isError ? { error: result } : {} }),
    );
    if (this.#catcher) this.#catcher.#paint(); // it shows our error only while we are rejected
    this.#reveal();
    if (!isError || hasErrorContent(this)) return;
    // No error content of our own: the nearest ancestor <await-data> with some shows it, found on
    // the path a composed event would take (through slots, out of shadow roots).
    for (let at: Node | null = this; (at = (at as Element).assignedSlot ?? at.parentNode ?? (at as ShadowRoot).host);) {
      if (at instanceof AwaitDataElement && hasErrorContent(at)) {
        at.#caught = this;
        this.#catcher = at;
        return at.#paint();
      }
    }
    console.error(result);
  }

  /** Shows the region that is on screen now, hides the others, and renders the renderer's output. */
  #paint(): void {
    // A caught descendant's error, while it lasts, wins over our own state.
    const visible = this.#caught?.status == 'rejected' ? 'rejected' : this.#shown;
    // toggleAttribute() leaves a region that is already right untouched: no mutation, no restyle.
    this.#regions?.forEach((region, i) => region.toggleAttribute('hidden', visible != REGIONS[i]));
  }
}

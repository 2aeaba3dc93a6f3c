// Shared by the <prefetch-link> tests: real pointer input, a fresh route per test, fake timers.
import { sendMouse } from '@web/test-runner-commands';
import sinon, { type SinonFakeTimers } from 'sinon';
import { registerPreload, type PreloadContext } from '../../src/preload/index.js';
import { fakeTimeouts } from '../helpers/timers.js';
import '../../src/prefetch-link/define.js';

export { deferred } from '../helpers/deferred.js';
export { frames, nextFrames } from '../helpers/frames.js';

/** The centre of an element in viewport pixels, as `sendMouse` wants it. */
export function centre(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

export const hover = (el: Element) => sendMouse({ type: 'move', position: centre(el) });

/** Moves the pointer off everything (Firefox's resetMouse does not move it). */
export const moveAway = () => sendMouse({ type: 'move', position: [window.innerWidth - 1, window.innerHeight - 1] });

/** A touch's pointerdown, which test-runner-commands cannot send. */
export const touch = (el: Element, pointerType = 'touch') =>
  el.dispatchEvent(new PointerEvent('pointerdown', { pointerType, bubbles: true, composed: true, isPrimary: true }));

/**
 * Timers that only tests control; input, promises and animation frames stay real. Idle
 * callbacks are faked by `fakeIdle()` instead: sinon's cannot cancel one scheduled with options,
 * and WebKit has none.
 */
export const fakeTimers = fakeTimeouts;

/** What {@link fakeIdle} returns: how many idle callbacks wait, and a way to run them. */
export interface FakeIdle {
  /** Idle callbacks scheduled and not cancelled nor run yet. */
  readonly pending: number;
  /** Which path the page takes: `requestIdleCallback`, or the `setTimeout` where it is missing. */
  readonly path: 'requestIdleCallback' | 'setTimeout';
  /** Runs every pending idle callback (the page is idle now). */
  idle(): void;
}

/**
 * Holds the page's idle callbacks until the test says the page is idle. Undone by `cleanUp()`.
 *
 * Where the browser has `requestIdleCallback`, it is replaced. Where it lacks it (Safari, and
 * WebKit here), the library falls back to a `setTimeout` with no delay, and that is what is held:
 * the same tests then cover the fallback path that Safari users get. Call it after
 * `fakeTimers()`, whose clock it wraps there.
 *
 * @example
 * ```ts
 * const page = fakeIdle();
 * await fixture(html`<prefetch-link trigger="idle"><a href="/a">A</a></prefetch-link>`);
 * page.idle(); // the preload runs now
 * ```
 */
export function fakeIdle(): FakeIdle {
  const pending = new Map<number, () => void>();
  const hasIdleCallback = 'requestIdleCallback' in window;
  if (hasIdleCallback) {
    let id = 0;
    sinon.replace(window, 'requestIdleCallback', (callback) => {
      pending.set(++id, () => callback({ didTimeout: false, timeRemaining: () => 50 }));
      return id;
    });
    sinon.replace(window, 'cancelIdleCallback', (handle) => void pending.delete(handle));
  } else {
    holdZeroDelayTimeouts(pending);
  }
  return {
    get pending() {
      return pending.size;
    },
    path: hasIdleCallback ? 'requestIdleCallback' : 'setTimeout',
    idle() {
      const callbacks = [...pending.values()];
      pending.clear();
      callbacks.forEach((callback) => callback());
    },
  };
}

/**
 * Holds the `setTimeout(callback)` calls that pass no delay (the library's idle fallback) in
 * `pending`, under negative handles that `clearTimeout` cancels; every other timer goes to the
 * `setTimeout` there was (a test's fake clock). Undone by `cleanUp()`.
 */
function holdZeroDelayTimeouts(pending: Map<number, () => void>): void {
  const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = window;
  let id = 0;
  const heldSetTimeout = (...args: Parameters<typeof setTimeout>) => {
    if (args.length > 1) return realSetTimeout(...args);
    const handle = --id;
    pending.set(handle, args[0] as () => void);
    return handle;
  };
  const heldClearTimeout = (handle?: number) => {
    if (handle !== undefined && handle < 0) pending.delete(handle);
    else realClearTimeout(handle);
  };
  Object.assign(window, { setTimeout: heldSetTimeout, clearTimeout: heldClearTimeout });
  // Before sinon.restore(), which uninstalls the fake clock these forward to.
  unregister.push(() => {
    if (window.setTimeout === heldSetTimeout) Object.assign(window, { setTimeout: realSetTimeout });
    if (window.clearTimeout === heldClearTimeout) Object.assign(window, { clearTimeout: realClearTimeout });
  });
}

let unregister: Array<() => void> = [];

/** Registers a spy preload for a pattern only this test uses; undone by `cleanUp()`. */
/** What a test's preload spy receives: the context, with the URL as plain strings. */
export interface SeenContext extends Omit<PreloadContext, 'url'> {
  url: { href: string; pathname: string };
}

/**
 * Registers a spy preload for a pattern only this test uses; undone by `cleanUp()`. The spy
 * gets the URL as plain strings: sinon formatting a `URL` in a failure message hangs the page.
 */
export function route(pattern: string, impl: (context: SeenContext) => unknown = () => {}) {
  const preload = sinon.spy(impl);
  const unregisterRoute = registerPreload(pattern, ({ url, ...rest }) =>
    preload({ ...rest, url: { href: url.href, pathname: url.pathname } }),
  );
  unregister.push(unregisterRoute);
  return preload;
}

export function cleanUp() {
  unregister.forEach((f) => f());
  unregister = [];
  sinon.restore();
}

let unique = 0;
/** A path prefix no other test uses, so every test has its own routes and freshness. */
export const uniquePath = () => `/t${++unique}-${Math.random().toString(36).slice(2, 8)}`;

/** The browser's own, whatever a test puts in its place. */
const NativeObserver = window.IntersectionObserver;

/**
 * Counts what the page's IntersectionObservers watch: `observed()` is the number of elements
 * observed and not yet unobserved since the call. Undone by `cleanUp()`.
 */
export function watchObservers() {
  const observe = sinon.spy(NativeObserver.prototype, 'observe');
  const unobserve = sinon.spy(NativeObserver.prototype, 'unobserve');
  return {
    observed: () => observe.callCount - unobserve.callCount,
    observe,
    unobserve,
  };
}

/**
 * Resolves with whether `el` is near the viewport (within the library's 100 px margin) at the
 * next report of an IntersectionObserver created now. The library's own observer hears the same
 * change around then, not always before: wait a frame or two more before relying on that.
 */
export function nextViewportReport(el: Element): Promise<boolean> {
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(
      ([entry]) => {
        observer.disconnect();
        resolve(entry!.isIntersecting);
      },
      { rootMargin: '100px' },
    );
    observer.observe(el);
  });
}

/** What {@link linkSuite} gives each test: its own route prefix and its fake clock. */
export interface LinkSuite {
  readonly base: string;
  readonly clock: SinonFakeTimers;
}

/**
 * The set-up most `<prefetch-link>` suites share: before each test a route prefix no other test
 * uses and fake timers; after it, the pointer moved off the page and every stub undone.
 *
 * @example
 * ```ts
 * describe('<prefetch-link> on hover', () => {
 *   const suite = linkSuite();
 *   it('…', () => { const preload = route(`${suite.base}/:id`); suite.clock.tick(65); });
 * });
 * ```
 */
export function linkSuite(): LinkSuite {
  const suite = {} as { base: string; clock: SinonFakeTimers };
  beforeEach(() => {
    suite.base = uniquePath();
    suite.clock = fakeTimers();
  });
  afterEach(async () => {
    await moveAway();
    cleanUp();
  });
  return suite;
}

// Counters for the leak suite (test/leaks/): what the page holds on our behalf, counted without
// keeping anything alive (a sinon spy records every call's arguments, which would itself keep
// 10 000 elements in memory), and the heap after a forced garbage collection.

/** A count that goes up and down, and the patches that keep it. Undo with `restore()`. */
export interface Counter {
  /** How many are held now. */
  count(): number;
  restore(): void;
}

/**
 * Counts the event listeners registered on some long-lived targets (the window, the document, a
 * shadow root): what an element leaves there outlives it. A listener counts once however often
 * it is added, and stops counting when removed. Listeners that end by themselves (`once`, an
 * aborted `signal`) are still counted: the library registers none on these targets.
 */
export function countListeners(targets: EventTarget[]): Counter {
  const watched = new Set(targets);
  const held = new Map<EventTarget, Map<string, Set<unknown>>>();
  const { addEventListener, removeEventListener } = EventTarget.prototype;
  const slot = (target: EventTarget, type: string, options?: boolean | EventListenerOptions) => {
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
    const byType = held.get(target) ?? held.set(target, new Map()).get(target)!;
    const name = `${type} ${capture}`;
    return byType.get(name) ?? byType.set(name, new Set()).get(name)!;
  };
  EventTarget.prototype.addEventListener = function (this: EventTarget, type, listener, options) {
    if (watched.has(this) && listener) slot(this, type, options).add(listener);
    return addEventListener.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type, listener, options) {
    if (watched.has(this) && listener) slot(this, type, options).delete(listener);
    return removeEventListener.call(this, type, listener, options);
  };
  return {
    count: () => [...held.values()].flatMap((byType) => [...byType.values()]).reduce((sum, set) => sum + set.size, 0),
    restore() {
      Object.assign(EventTarget.prototype, { addEventListener, removeEventListener });
    },
  };
}

/** Counts the elements the page's IntersectionObservers watch (observed, not yet unobserved). */
export function countObserved(): Counter {
  const prototype = IntersectionObserver.prototype;
  const { observe, unobserve, disconnect } = prototype;
  // Only what is observed now is held here, as the observer itself holds it.
  const watching = new Map<IntersectionObserver, Set<Element>>();
  const targetsOf = (observer: IntersectionObserver) =>
    watching.get(observer) ?? watching.set(observer, new Set()).get(observer)!;
  prototype.observe = function (this: IntersectionObserver, target: Element) {
    targetsOf(this).add(target);
    return observe.call(this, target);
  };
  prototype.unobserve = function (this: IntersectionObserver, target: Element) {
    targetsOf(this).delete(target);
    return unobserve.call(this, target);
  };
  prototype.disconnect = function (this: IntersectionObserver) {
    watching.delete(this);
    return disconnect.call(this);
  };
  return {
    count: () => [...watching.values()].reduce((sum, targets) => sum + targets.size, 0),
    restore() {
      Object.assign(prototype, { observe, unobserve, disconnect });
    },
  };
}

/** The `gc()` Chromium exposes with `--js-flags=--expose-gc`. */
const forceGc = (globalThis as { gc?: () => void }).gc;

/** Whether this page can force a collection and read the heap precisely (the leak suite's Chromium). */
export const canMeasureHeap = (): boolean => typeof forceGc === 'function' && 'memory' in performance;

/**
 * The JavaScript heap in use, in bytes, after a forced collection: a few collections with a task
 * between them, so that what waits for a microtask, a WeakRef or a finalizer goes too.
 * Precise with Chromium's `--enable-precise-memory-info` (else rounded to 100 kB steps).
 */
export async function heapAfterGc(): Promise<number> {
  if (!forceGc) throw new Error('heapAfterGc(): run Chromium with --js-flags=--expose-gc');
  for (let i = 0; i < 4; i++) {
    forceGc();
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  forceGc();
  return (performance as Performance & { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
}

/** One row of the figures a leak test prints. */
export interface LeakFigures {
  /** What ran: `<await-data>, 10 000 mounts`. */
  what: string;
  /** Heap before, at the peak (where measured) and after, in bytes. */
  baseline: number;
  peak?: number;
  after: number;
  /** What each counter read at the end (all should be 0). */
  held: Record<string, number>;
}

/** Prints a leak test's figures on the test runner's output. */
export function printFigures({ what, baseline, peak, after, held }: LeakFigures): void {
  const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`;
  const ratio = `${(((after - baseline) / baseline) * 100).toFixed(1)} %`;
  const counters = Object.entries(held)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  const atPeak = peak === undefined ? '' : ` (${mb(peak)} before collection)`;
  console.log(`leaks: ${what}: heap ${mb(baseline)}${atPeak} -> ${mb(after)} after, ${ratio}; held: ${counters}`);
}

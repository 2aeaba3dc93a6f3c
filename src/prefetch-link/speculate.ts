// Page-wide machinery of the speculative triggers (viewport, render, idle): one shared
// IntersectionObserver with a dwell time, and a budget of preloads in flight. Module state on
// purpose, since every <prefetch-link> on the page shares it. Nothing runs at import.

import type { runPreload } from '../preload/registry.js';

/** A speculative preload waiting for a slot. `run` returns a promise only if one started. */
export interface Job {
  owner: Element;
  link: Element;
  run(): ReturnType<typeof runPreload>;
}

/** Speculative preloads in flight at once, page-wide. Intent never waits for a slot. */
const BUDGET = 3;
/** How long a link stays within 100 px of the viewport before it counts as seen. */
const DWELL = 300;

let observer: IntersectionObserver | undefined;
/** Observed link -> [what to do once it has dwelt in view, its dwell timer]. */
const watched = new Map<Element, [fire: () => void, dwell?: ReturnType<typeof setTimeout>]>();
let queue: Job[] = [];
let running = 0;

/** Drops the queued jobs that `test` picks: an element's that left, or a link's that left view. */
export const dropQueued = (test: (job: Job) => boolean): void => void (queue = queue.filter((j) => !test(j)));

function pump(): void {
  while (running < BUDGET && queue.length) {
    const job = queue.shift()!;
    unwatch(job.link); // it fired: a link is watched until then, not after
    const started = job.run();
    if (started) (running++, void started.then(() => (running--, pump())));
  }
}

/** Runs a job now if the budget allows, else queues it. Stands down when data is dear. */
export function speculate(job: Job): void {
  const c = (navigator as { connection?: { saveData?: boolean; effectiveType?: string } }).connection;
  if (navigator.onLine && !c?.saveData && !/2g/.test(c?.effectiveType!)) (queue.push(job), pump());
}

/** Watches a link; `fire` runs once it has dwelt in view. */
export function watch(link: Element, fire: () => void): void {
  (observer ??= new IntersectionObserver(onIntersect, { rootMargin: '100px' })).observe(link);
  watched.set(link, [fire]);
}

function onIntersect(entries: IntersectionObserverEntry[]): void {
  for (const { target, isIntersecting } of entries) {
    const w = watched.get(target);
    if (!w) continue;
    clearTimeout(w[1]);
    w[1] = undefined;
    if (isIntersecting) w[1] = setTimeout(() => ((w[1] = undefined), w[0]()), DWELL);
    else dropQueued((j) => j.link == target);
  }
}

export function unwatch(link: Element): void {
  clearTimeout(watched.get(link)?.[1]);
  if (watched.delete(link)) observer!.unobserve(link);
}

/** Calls `fire` when the page is idle (soon, where `requestIdleCallback` is missing). */
export function whenIdle(fire: () => void): () => void {
  return 'requestIdleCallback' in self
    ? cancelIdleCallback.bind(null, requestIdleCallback(fire, { timeout: 2000 }))
    : clearTimeout.bind(null, setTimeout(fire));
}

/** @internal For tests: what the page-wide machinery holds right now. */
export const speculationStats = () => ({
  watched: watched.size,
  dwelling: [...watched.values()].filter((w) => w[1] != null).length,
  queued: queue.length,
  running,
});

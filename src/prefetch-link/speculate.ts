// Page-wide machinery of the speculative triggers (viewport, render, idle): one shared
// IntersectionObserver with a dwell time, and a budget of preloads in flight. Module state on
// purpose, since every <prefetch-link> on the page shares it. Nothing runs at import.

/** A speculative preload waiting for a slot. */
export interface Job {
  /** The `<prefetch-link>` that asked for it. */
  owner: Element;
  link: Element;
  /** Starts the preload; returns its settling, or `undefined` if nothing started. */
  run(): Promise<void> | undefined;
}

/** A link being watched for the viewport trigger. */
interface Watch {
  /** What to do once the link has dwelt in view. */
  fire: () => void;
  /** Runs while the link is in view and has not dwelt long enough yet. */
  dwellTimer: ReturnType<typeof setTimeout> | undefined;
}

/** Speculative preloads in flight at once, page-wide. Intent never waits for a slot. */
const BUDGET = 3;
/** How long a link stays within 100 px of the viewport before it counts as seen. */
const DWELL = 300;

let observer: IntersectionObserver | undefined;
const watched = new Map<Element, Watch>();
let queue: Job[] = [];
let running = 0;

/** What the Network Information API says, where the browser has it. */
interface Connection {
  saveData?: boolean;
  effectiveType?: string;
}

/** Runs a job now if the budget allows, else queues it. Stands down when data is dear. */
export function speculate(job: Job): void {
  if (isDataDear()) return;
  queue.push(job);
  startQueued();
}

/** Offline, Save-Data, or a 2g connection: speculation would cost the user more than it saves. */
export function isDataDear(): boolean {
  const connection = (navigator as { connection?: Connection }).connection;
  if (!navigator.onLine || connection?.saveData) return true;
  return connection?.effectiveType?.includes('2g') ?? false;
}

/** Drops the queued jobs that `test` picks: an element's that left, or a link's that left view. */
export function dropQueued(test: (job: Job) => boolean): void {
  queue = queue.filter((job) => !test(job));
}

function startQueued(): void {
  while (running < BUDGET && queue.length > 0) {
    const job = queue.shift()!;
    unwatch(job.link); // it fired: a link is watched until then, not after
    const started = job.run();
    if (!started) continue;
    running++;
    void started.then(() => {
      running--;
      startQueued();
    });
  }
}

/** Watches a link; `fire` runs once it has dwelt in view. */
export function watch(link: Element, fire: () => void): void {
  observer ??= new IntersectionObserver(onIntersect, { rootMargin: '100px' });
  observer.observe(link);
  watched.set(link, { fire, dwellTimer: undefined });
}

export function unwatch(link: Element): void {
  const watch = watched.get(link);
  if (!watch) return;
  clearTimeout(watch.dwellTimer);
  watched.delete(link);
  observer!.unobserve(link);
}

function onIntersect(entries: IntersectionObserverEntry[]): void {
  for (const { target, isIntersecting } of entries) {
    const watch = watched.get(target);
    if (!watch) continue;
    clearTimeout(watch.dwellTimer);
    watch.dwellTimer = undefined;
    if (isIntersecting) {
      watch.dwellTimer = setTimeout(() => {
        watch.dwellTimer = undefined;
        watch.fire();
      }, DWELL);
    } else {
      dropQueued((job) => job.link === target);
    }
  }
}

/** Calls `fire` when the page is idle (soon, where `requestIdleCallback` is missing, as in Safari). */
export function whenIdle(fire: () => void): () => void {
  if ('requestIdleCallback' in globalThis) {
    const handle = requestIdleCallback(fire, { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(fire);
  return () => clearTimeout(timer);
}

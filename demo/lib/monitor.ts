// The demo's event bus: what the catalogue, the router and the timing code report, and what the
// panel shows. Framework-neutral, so the plain, React and Vue pages share it.

/** What an activity line is about; the panel colours each kind. */
export type ActivityKind = 'request' | 'response' | 'failure' | 'hit' | 'join' | 'miss' | 'prefetch' | 'skip' | 'nav';

export interface Activity {
  kind: ActivityKind;
  text: string;
  /** `Date.now()` time. */
  at: number;
}

/** One measured navigation: from the click on a product link to the frame that shows it. */
export interface Wait {
  path: string;
  /** Whether prefetching was on when the link was clicked. */
  prefetch: boolean;
  /** Ms from the click to the first frame showing the product (or its error). */
  ms: number;
  /** Frames, between the click and the content, in which the product's fallback was visible. */
  fallbackFrames: number;
  outcome: 'content' | 'error' | 'gave up';
}

type Listener<T> = (item: T) => void;

/** Keeps the recent history, so a panel made later still shows what happened before it. */
class Monitor {
  readonly activity: Activity[] = [];
  readonly waits: Wait[] = [];
  #activityListeners = new Set<Listener<Activity>>();
  #waitListeners = new Set<Listener<Wait>>();

  log(kind: ActivityKind, text: string): void {
    const item = { kind, text, at: Date.now() };
    this.activity.push(item);
    if (this.activity.length > 300) this.activity.shift();
    this.#activityListeners.forEach((listener) => listener(item));
  }

  wait(item: Wait): void {
    this.waits.push(item);
    this.#waitListeners.forEach((listener) => listener(item));
  }

  onActivity(listener: Listener<Activity>): () => void {
    this.#activityListeners.add(listener);
    return () => this.#activityListeners.delete(listener);
  }

  onWait(listener: Listener<Wait>): () => void {
    this.#waitListeners.add(listener);
    return () => this.#waitListeners.delete(listener);
  }
}

export const monitor = new Monitor();

/** A duration for people: `312 ms`, `1.2 s`. */
export const formatMs = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/** The median of some numbers (`NaN` for none). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// A reference model of the cache contract (DESIGN.md, "Module cache"): plain maps and the
// rules written out one by one, with no promises. The model-based test (model.test.ts, and
// test/node/cache-model.test.mjs in Node) runs random command sequences against it and the real
// cache and compares them after every command.

export type Status = 'pending' | 'fulfilled' | 'rejected';

/** Timings the model and the real cache are both made with. */
export const STALE_TIME = 1_000;
export const GC_TIME = 5_000;

/** What a listener does when it is told of a change. */
export type ListenerKind = 'quiet' | 'reads' | 'retries';

export interface ModelListener {
  id: number;
  key: string;
  kind: ListenerKind;
  /** Also told when `fetching` changes. */
  wantsFetching: boolean;
  /** What it should have heard: `status value error fetching` per notice. */
  heard: string[];
}

/** One entry, as the contract describes it. */
export interface ModelEntry {
  status: Status;
  value: string | undefined;
  error: string | undefined;
  /** When the last success settled (model ms), 0 if none did. */
  updatedAt: number;
  fetching: boolean;
  /** What an invalidation left stale (as the real entry's `#stale`). */
  stale: 'nothing' | 'value' | 'value and fetch';
  usedAt: number;
  /** The id of the latest fetch: the only one whose outcome counts. */
  latestFetch?: number;
}

export class CacheModel {
  now = 0;
  readonly entries = new Map<string, ModelEntry>();
  readonly listeners: ModelListener[] = [];
  /** How many times the fetcher ran, per key. */
  readonly fetches = new Map<string, number>();
  /** Fetch ids in flight (not yet settled by the test), with their key. */
  readonly pending: Array<{ id: number; key: string }> = [];
  #nextFetch = 0;

  read(key: string, maxAge = STALE_TIME): void {
    const entry = this.#entry(key);
    entry.usedAt = this.now;
    const isFresh = entry.status === 'fulfilled' && entry.stale === 'nothing' && this.now - entry.updatedAt < maxAge;
    if (isFresh) return;
    const canJoin = entry.fetching && entry.stale !== 'value and fetch';
    if (!canJoin) this.#fetch(key, entry);
  }

  prefetch(key: string, options: { ifOlderThan?: number; force?: boolean }): void {
    this.read(key, options.force ? -1 : (options.ifOlderThan ?? STALE_TIME));
    this.entries.get(key)!.usedAt = this.now;
  }

  subscribe(listener: ModelListener): void {
    this.listeners.push(listener);
    this.read(listener.key);
  }

  unsubscribe(id: number): void {
    const index = this.listeners.findIndex((listener) => listener.id === id);
    const [listener] = this.listeners.splice(index, 1);
    const entry = this.entries.get(listener!.key);
    if (entry && !this.#isSubscribed(listener!.key)) entry.usedAt = this.now;
  }

  invalidate(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.stale = 'value and fetch';
    if (this.#isSubscribed(key)) this.#fetch(key, entry);
  }

  invalidateAll(): void {
    for (const key of [...this.entries.keys()]) this.invalidate(key);
  }

  /** Settles fetch `id` (the test picks which), with a value or an error. */
  settle(id: number, outcome: { value: string } | { error: string }): void {
    const index = this.pending.findIndex((fetch) => fetch.id === id);
    const [{ key }] = this.pending.splice(index, 1);
    const entry = this.entries.get(key);
    if (!entry || entry.latestFetch !== id) return; // superseded or dropped: publishes nothing
    entry.latestFetch = undefined;
    if ('value' in outcome) {
      entry.stale = entry.stale === 'value and fetch' ? 'value' : 'nothing';
      this.#change(key, entry, { status: 'fulfilled', value: outcome.value, error: undefined, updatedAt: this.now });
    } else {
      this.#change(key, entry, { status: 'rejected', error: outcome.error });
    }
    entry.usedAt = this.now;
  }

  clear(): void {
    for (const [key, entry] of [...this.entries]) {
      if (!this.#isSubscribed(key)) {
        this.entries.delete(key);
        continue;
      }
      entry.stale = 'nothing';
      this.#fetch(key, entry, { status: 'pending', value: undefined, error: undefined, updatedAt: 0 });
    }
  }

  /** Lets time pass: entries nobody subscribes to and nothing fetches are collected when due. */
  tick(ms: number): void {
    this.now += ms;
    for (const [key, entry] of [...this.entries]) {
      const isDue = !this.#isSubscribed(key) && !entry.fetching && this.now - entry.usedAt >= GC_TIME;
      if (isDue) this.entries.delete(key);
    }
  }

  #entry(key: string): ModelEntry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        status: 'pending',
        value: undefined,
        error: undefined,
        updatedAt: 0,
        fetching: false,
        stale: 'nothing',
        usedAt: this.now,
      };
      this.entries.set(key, entry);
    }
    return entry;
  }

  #isSubscribed(key: string): boolean {
    return this.listeners.some((listener) => listener.key === key);
  }

  #fetch(key: string, entry: ModelEntry, change: Partial<ModelEntry> = {}): void {
    const id = ++this.#nextFetch;
    entry.latestFetch = id;
    this.pending.push({ id, key });
    this.fetches.set(key, (this.fetches.get(key) ?? 0) + 1);
    if (entry.stale === 'value and fetch') entry.stale = 'value';
    const status = entry.status === 'rejected' ? 'pending' : entry.status;
    this.#change(key, entry, { status, ...change, fetching: true });
  }

  /** Changes an entry's visible state, tells its listeners, and lets them call back in. */
  #change(key: string, entry: ModelEntry, change: Partial<ModelEntry>): void {
    const before = { status: entry.status, value: entry.value, error: entry.error, fetching: entry.fetching };
    Object.assign(entry, { fetching: false }, change);
    const isNews = before.status !== entry.status || before.value !== entry.value || before.error !== entry.error;
    if (!isNews && before.fetching === entry.fetching) return;
    const told = this.listeners.filter((listener) => listener.key === key && (isNews || listener.wantsFetching));
    this.#notices.push({ told, heard: describe(entry), status: entry.status });
    if (this.#isDelivering) return; // as in the real cache: after the change being told
    this.#isDelivering = true;
    for (let notice = this.#notices.shift(); notice; notice = this.#notices.shift()) this.#deliver(notice);
    this.#isDelivering = false;
  }

  #notices: Array<{ told: ModelListener[]; heard: string; status: Status }> = [];
  #isDelivering = false;

  #deliver({ told, heard, status }: { told: ModelListener[]; heard: string; status: Status }): void {
    for (const listener of told) {
      if (!this.listeners.includes(listener)) continue;
      listener.heard.push(heard);
      if (listener.kind === 'reads') this.read(listener.key);
      if (listener.kind === 'retries' && status === 'rejected') this.read(listener.key);
    }
  }
}

/** How a snapshot is written in a listener's log. */
export function describe(snapshot: { status: Status; value?: unknown; error?: unknown; fetching: boolean }): string {
  const error =
    snapshot.error === undefined ? '-' : String((snapshot.error as { message?: string }).message ?? snapshot.error);
  return `${snapshot.status} ${snapshot.value ?? '-'} ${error} ${snapshot.fetching}`;
}

import type { Fetcher, Listener, PrefetchOptions, QuerySnapshot } from './types.js';
import type { QueryCache } from './query-cache.js';
import { keepIfEqual } from './share.js';

/** What every entry of one query shares. */
export interface QueryRecord {
  readonly name: string;
  /** The query function itself, for lookup by name. */
  query: unknown;
  readonly fetcher: Fetcher<any[], unknown>;
  readonly staleTime: number;
  readonly gcTime: number;
  readonly cache: QueryCache;
  /** Entries whose args are one primitive (or none), by that primitive: no hashing on the hot path. */
  readonly entries: Map<unknown, Entry>;
  /** Every other entry, by its key. */
  readonly hashed: Map<unknown, Entry>;
}


/**
 * One cached value and its fetch. The transitions are few: `#fetch()` starts (or supersedes) a
 * fetch, `#settle()` publishes the latest fetch's outcome, `invalidate()` marks it stale,
 * `remove()` drops it. A generation number guards every race: only the latest fetch publishes,
 * so an older fetch that settles late never overwrites a newer result.
 */
export class Entry {
  readonly #record: QueryRecord;
  readonly #args: readonly unknown[];
  readonly #slot: unknown;
  readonly #map: Map<unknown, Entry>;
  /** The current snapshot: replaced, never mutated, so it can be handed out as it is. */
  #state: QuerySnapshot<unknown> = { status: 'pending', updatedAt: 0, fetching: false };
  /** Invalidated since the last fetch started: its result, when it comes, is stale at once. */
  #invalid = false;
  #usedAt = 0;
  #gen = 0;
  /** What callers get: resolved with the value when fresh, pending while fetching. */
  #promise: Promise<unknown> | undefined;
  #resolve?: (value: unknown) => void;
  #reject?: (reason: unknown) => void;
  #abort: AbortController | undefined;
  /** Listener -> whether it also wants to hear about `fetching`. */
  #listeners: Map<Listener<any>, boolean | undefined> | undefined;

  constructor(record: QueryRecord, args: readonly unknown[], slot: unknown, map: Map<unknown, Entry>) {
    this.#record = record;
    this.#args = args;
    this.#slot = slot;
    this.#map = map;
  }

  peek(): QuerySnapshot<unknown> {
    return this.#state;
  }

  /** A read: the fresh value, the joinable fetch in flight, or a new fetch. */
  read(): Promise<unknown> {
    return this.#ensure();
  }

  prefetch({ ifOlderThan, force }: PrefetchOptions): void {
    if (force && !this.#isJoinable()) this.#fetch();
    else this.#ensure(ifOlderThan);
    this.#scheduleGc();
  }

  subscribe(listener: Listener<any>, wantsFetching?: boolean): () => void {
    const listeners = (this.#listeners ??= new Map());
    listeners.set(listener, wantsFetching);
    this.#ensure();
    return () => {
      if (!listeners.delete(listener) || listeners.size) return;
      this.#listeners = undefined;
      this.#scheduleGc();
    };
  }

  /** Marks the entry stale; a subscribed entry refetches at once. */
  invalidate(): void {
    this.#invalid = true;
    if (this.#listeners) this.#fetch();
  }

  /** Drops the entry: its fetch is aborted and nobody hears from it again. */
  remove(): void {
    this.#gen++;
    this.#abort?.abort();
    this.#map.delete(this.#slot);
  }

  /** When the entry may be collected: never while subscribed or fetching. */
  dueAt(): number {
    return this.#listeners || this.#state.fetching ? Infinity : this.#usedAt + this.#record.gcTime;
  }

  #use(): number {
    return (this.#usedAt = Date.now());
  }

  /** The promise of a value no older than `maxAge`: the cached one, the one in flight, or a new fetch. */
  #ensure(maxAge = this.#record.staleTime): Promise<unknown> {
    const { status, updatedAt } = this.#state;
    const isFresh = status === 'fulfilled' && !this.#invalid && this.#use() - updatedAt < maxAge;
    return isFresh || this.#isJoinable() ? this.#promise! : this.#fetch();
  }

  #isJoinable(): boolean {
    return this.#state.fetching && !this.#invalid;
  }

  /** Counts from now: an entry is collected `gcTime` after its last use. */
  #scheduleGc(): void {
    this.#use();
    this.#record.cache.scheduleGc(this.dueAt()); // Infinity (in use) schedules nothing
  }

  #fetch(): Promise<unknown> {
    const gen = ++this.#gen;
    this.#abort?.abort();
    const { signal } = (this.#abort = new AbortController());
    if (!this.#state.fetching) {
      this.#promise = new Promise((resolve, reject) => {
        this.#resolve = resolve;
        this.#reject = reject;
      });
      // Nobody may ever await a prefetch: its rejection must not be reported as unhandled.
      this.#promise.catch(() => {});
    }
    this.#invalid = false;
    const { status } = this.#state;
    this.#set({ status: status === 'rejected' ? 'pending' : status, fetching: true });
    new Promise((resolve) => resolve(this.#record.fetcher.apply({ signal }, this.#args as any[]))).then(
      (value) => this.#settle(gen, value),
      (error: unknown) => this.#settle(gen, error, true),
    );
    return this.#promise!;
  }

  #settle(gen: number, outcome: unknown, failed?: boolean): void {
    if (gen !== this.#gen) return; // superseded: a newer fetch owns this entry now
    this.#abort = undefined;
    if (failed) {
      // A rejection is never cached as a value: the promise is dropped so the next read fetches.
      this.#set({ status: 'rejected', error: outcome });
      this.#reject!(outcome);
      this.#promise = undefined;
    } else {
      const value = keepIfEqual(this.#state.value, outcome);
      this.#set({ status: 'fulfilled', value, error: undefined, updatedAt: this.#use() });
      this.#resolve!(value);
    }
    this.#scheduleGc();
  }

  #set(next: Partial<QuerySnapshot<unknown>>): void {
    const before = this.#state;
    const after = (this.#state = { ...before, fetching: false, ...next });
    const isNews = before.status !== after.status || before.value !== after.value || before.error !== after.error;
    for (const [listener, wantsFetching] of [...(this.#listeners ?? [])]) {
      try {
        if (isNews || (wantsFetching && before.fetching !== after.fetching)) listener(after);
      } catch (error) {
        // One broken listener must not starve the others, nor leave a read unresolved;
        // its error is still reported, as an unhandled rejection.
        Promise.reject(error);
      }
    }
  }
}

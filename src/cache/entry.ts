import type { Fetcher, Listener, PrefetchOptions, QuerySnapshot } from './types.js';
import type { QueryCache } from './query-cache.js';
import type { Status } from './defer.js';
import { isDeepEqual } from './share.js';

/**
 * Times are kept as ms since this module loaded: small whole numbers, which V8 stores in the
 * object itself instead of boxing each one (16 bytes apiece, per entry).
 */
const EPOCH = Date.now() - 1; // so that now() is never 0, which means "never"
const now = () => Math.floor(Date.now() - EPOCH); // floor: V8 then keeps it a small integer

/** What every entry of one query shares. */
export interface QueryRecord {
  readonly name: string;
  /** The query function itself, for lookup by name. */
  query?: unknown;
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
 * so an older fetch that settles late never overwrites a newer result; whoever waited on it
 * gets the newer result instead.
 *
 * Memory matters (one of these per cached value): no array is kept for a single primitive arg,
 * no resolver functions outlive a fetch, and the snapshot object is built only when asked for.
 * The state fields are public only so `#set()` can assign them in one go: `Entry` itself is
 * internal, never exported.
 */
export class Entry {
  readonly #record: QueryRecord;
  /** The args of a hashed entry; undefined when the one arg (or none) is the slot itself. */
  readonly #args: readonly unknown[] | undefined;
  readonly #slot: unknown;
  readonly #map: Map<unknown, Entry>;
  status: Status = 'pending';
  value: unknown = undefined;
  error: unknown = undefined;
  /** When the last success settled (ms since EPOCH), 0 if none did. */
  updatedAt = 0;
  fetching = false;
  /** What `peek()` hands out: built when asked for, kept until the next change. */
  #snapshot: QuerySnapshot<unknown> | undefined;
  /**
   * What an invalidation left stale, as bits (one small integer rather than two fields):
   * 1, the value, so no read takes it as fresh until a later fetch succeeds; 2, the fetch in
   * flight, so no read joins it and its result is stale at once. Invalidating sets both, a new
   * fetch clears 2, and a success shifts 2 into 1.
   */
  #stale = 0;
  #usedAt = 0;
  #gen = 0;
  /** The last fetch that succeeded: what a fresh read gets, even while a refetch runs. */
  #promise: Promise<unknown> | undefined;
  /** The latest fetch: what a read joins while it runs. */
  #run: Promise<unknown> | undefined;
  /** Only while fetching. */
  #abort: AbortController | undefined;
  /** Listener -> whether it also wants to hear about `fetching`. */
  #listeners: Map<Listener<any>, boolean | undefined> | undefined;

  constructor(record: QueryRecord, args: readonly unknown[] | undefined, slot: unknown, map: Map<unknown, Entry>) {
    this.#record = record;
    this.#args = args;
    this.#slot = slot;
    this.#map = map;
  }

  peek(): QuerySnapshot<unknown> {
    const { status, value, error, updatedAt, fetching } = this;
    return (this.#snapshot ??= { status, value, error, updatedAt: updatedAt && EPOCH + updatedAt, fetching });
  }

  /** A read: the fresh value, the joinable fetch in flight, or a new fetch. */
  read(): Promise<unknown> {
    return this.#ensure();
  }

  prefetch({ ifOlderThan, force }: PrefetchOptions): void {
    // `force`: no value is young enough, but a fetch in flight is still joined.
    this.#ensure(force ? -1 : ifOlderThan);
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
    this.#stale = 3;
    if (this.#listeners) this.#fetch();
  }

  /** Drops the entry and aborts its fetch, if one is in flight. */
  remove(): void {
    this.#abort?.abort();
    this.#map.delete(this.#slot);
  }

  /** When the entry may be collected: never while subscribed or fetching. */
  dueAt(): number {
    return this.#listeners || this.fetching ? Infinity : EPOCH + this.#usedAt + this.#record.gcTime;
  }

  #use(): number {
    return (this.#usedAt = now());
  }

  /** The promise of a value no older than `maxAge`: the cached one, the one in flight, or a new fetch. */
  #ensure(maxAge = this.#record.staleTime): Promise<unknown> {
    const { status, updatedAt } = this;
    const isFresh = status === 'fulfilled' && !this.#stale && this.#use() - updatedAt < maxAge;
    return isFresh ? this.#promise! : this.fetching && this.#stale < 2 ? this.#run! : this.#fetch();
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
    this.#stale &= 1;
    const { status } = this;
    this.#set({ status: status === 'rejected' ? 'pending' : status, fetching: true });
    const run = (this.#run = new Promise((resolve) =>
      resolve(this.#record.fetcher.apply({ signal }, (this.#args ?? [this.#slot]) as any[])),
    ).then(
      (value) => this.#settle(gen, value),
      (error: unknown) => this.#settle(gen, error, true),
    ));
    // Nobody may ever await a prefetch: its rejection must not be reported as unhandled.
    run.catch(() => {});
    return run;
  }

  /** Publishes the outcome of fetch `gen`, if it is still the latest; returns what its readers get. */
  #settle(gen: number, outcome: unknown, failed?: boolean): unknown {
    // Superseded: a newer fetch owns the entry, and this fetch's readers follow it.
    if (gen !== this.#gen) return this.#run;
    this.#abort = undefined;
    if (!failed) ((this.#promise = this.#run), (this.#stale >>= 1));
    // A rejection is never cached as a value: the status says rejected, so the next read fetches.
    this.#set(
      failed
        ? { status: 'rejected', error: outcome }
        : {
            status: 'fulfilled',
            value: isDeepEqual(this.value, outcome) ? this.value : outcome,
            error: undefined,
            updatedAt: now(),
          },
    );
    this.#scheduleGc();
    if (failed) throw outcome;
    return this.value;
  }

  #set(next: Partial<QuerySnapshot<unknown>>): void {
    const { status, value, error, fetching } = this;
    Object.assign(this, { fetching: false }, next);
    this.#snapshot = undefined;
    const isNews = status !== this.status || value !== this.value || error !== this.error;
    for (const [listener, wantsFetching] of [...(this.#listeners ?? [])]) {
      try {
        if (isNews || (wantsFetching && fetching !== this.fetching)) listener(this.peek());
      } catch (error) {
        // One broken listener must not starve the others, nor leave a read unresolved;
        // its error is still reported, as an unhandled rejection.
        Promise.reject(error);
      }
    }
  }
}

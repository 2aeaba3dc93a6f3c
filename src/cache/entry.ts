import type { Fetcher, Listener, PrefetchOptions, QuerySnapshot } from './types.js';
import type { QueryCache } from './query-cache.js';
import type { Persister } from './persist.js';
import type { Status } from './defer.js';
import { notify, type Listeners } from './notify.js';
import { isDeepEqual } from './share.js';
import { isThenable } from './defer.js';

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
  /** Keeps a copy of each fresh value beyond the page (persist.ts), if the query persists. */
  readonly persister: Persister | undefined;
}

/** A change of an entry's visible state: the fields given change, `fetching` is always given. */
type Change = Partial<Omit<QuerySnapshot<unknown>, 'fetching'>> & { fetching: boolean };

/**
 * One cached value and its fetch. The transitions are few: `#fetch()` starts (or supersedes) a
 * fetch, `#settle()` publishes the latest fetch's outcome, `invalidate()` marks the entry stale,
 * `reset()` forgets it and fetches again, `remove()` drops it. One rule guards every race: only
 * the latest fetch publishes, so an older fetch that settles late never overwrites a newer
 * result, and whoever waited on it gets the newer result instead.
 *
 * Memory matters (one of these per cached value): no array is kept for a single primitive arg,
 * no resolver functions outlive a fetch, and the snapshot object is built only when asked for.
 * `Entry` is internal, never exported from the package.
 */
export class Entry {
  // Which entry this is.
  readonly #record: QueryRecord;
  /** The args of a hashed entry; undefined when the one arg (or none) is the key itself. */
  readonly #args: readonly unknown[] | undefined;
  /** Its key in its record's map: `record.hashed` if it has `#args`, else `record.entries`. */
  readonly #key: unknown;

  // What `peek()` shows.
  #status: Status = 'pending';
  #value: unknown = undefined;
  #error: unknown = undefined;
  /** When the last success settled (ms since EPOCH), 0 if none did. */
  #updatedAt = 0;
  #fetching = false;
  /** What `peek()` hands out: built when asked for, kept until the next change. */
  #snapshot: QuerySnapshot<unknown> | undefined;

  // Freshness.
  /**
   * What an invalidation left stale. `value`: no read takes the value as fresh until a later
   * fetch succeeds. `value and fetch`: the fetch in flight too, so no read joins it and its
   * result is stale at once. Invalidating stales both; a new fetch is not stale, so it leaves
   * `value`; a success of a fresh fetch clears it, of a stale one leaves `value`.
   */
  #stale: 'nothing' | 'value' | 'value and fetch' = 'nothing';
  /** When the entry was last read, prefetched or left by a subscriber (ms since EPOCH): for gc. */
  #usedAt = 0;

  // Fetches.
  /** The last fetch that succeeded: what a fresh read gets, even while a refetch runs. */
  #lastSuccess: Promise<unknown> | undefined;
  /** The latest fetch: what a read joins while it runs, and the only one that may publish. */
  #latest: Promise<unknown> | undefined;
  /** Aborts the latest fetch; only while it runs. */
  #abort: AbortController | undefined;

  #listeners: Listeners | undefined;

  constructor(record: QueryRecord, args: readonly unknown[] | undefined, key: unknown) {
    this.#record = record;
    this.#args = args;
    this.#key = key;
  }

  peek(): QuerySnapshot<unknown> {
    this.#snapshot ??= {
      status: this.#status,
      value: this.#value,
      error: this.#error,
      updatedAt: this.#updatedAt && EPOCH + this.#updatedAt,
      fetching: this.#fetching,
    };
    return this.#snapshot;
  }

  /** A read: the fresh value, the joinable fetch in flight, or a new fetch. */
  read(): Promise<unknown> {
    return this.#ensure(this.#record.staleTime);
  }

  prefetch({ ifOlderThan, force }: PrefetchOptions): void {
    // `force`: no value is young enough, but a fetch in flight is still joined.
    const maxAge = force ? -1 : (ifOlderThan ?? this.#record.staleTime);
    this.#ensure(maxAge);
    this.#scheduleGc();
  }

  subscribe(listener: Listener<any>, wantsFetching?: boolean): () => void {
    const listeners = (this.#listeners ??= new Map());
    listeners.set(listener, wantsFetching);
    this.#ensure(this.#record.staleTime);
    return () => {
      if (!listeners.delete(listener) || listeners.size > 0) return;
      this.#listeners = undefined;
      this.#scheduleGc();
    };
  }

  /** Marks the entry stale; a subscribed entry refetches at once. */
  invalidate(): void {
    this.#stale = 'value and fetch';
    this.#unpersist();
    if (this.#listeners) this.#fetch();
  }

  /**
   * Takes a value from outside (a server's stream, another page's storage): a promise becomes
   * the fetch in flight, which readers join and which supersedes any other; anything else is the
   * fulfilled value now, as of `updatedAt` (a `Date.now()` time, never later than now).
   */
  set(source: unknown, updatedAt: number): void {
    if (isThenable(source)) {
      this.#start(() => source);
      return;
    }
    this.#abort?.abort();
    this.#abort = undefined;
    this.#stale = 'nothing';
    // Readers of a fetch this supersedes follow #latest, and get this value.
    this.#latest = Promise.resolve(source);
    this.#settle(this.#latest, source, Math.min(now(), Math.floor(updatedAt - EPOCH)));
  }

  /** Forgets the value and fetches again, telling the subscribers (a cleared cache, a logout). */
  reset(): void {
    this.#stale = 'nothing';
    this.#lastSuccess = undefined;
    this.#unpersist();
    this.#fetch({ status: 'pending', value: undefined, error: undefined, updatedAt: 0 });
  }

  /** Drops the entry and aborts its fetch, if one is in flight. */
  remove(): void {
    this.#abort?.abort();
    this.#home().delete(this.#key);
    this.#unpersist();
  }

  hasListeners(): boolean {
    return this.#listeners !== undefined;
  }

  /** When the entry may be collected (a `Date.now()` time): never while subscribed or fetching. */
  dueAt(): number {
    if (this.#listeners || this.#fetching) return Infinity;
    return EPOCH + this.#usedAt + this.#record.gcTime;
  }

  /** The promise of a value no older than `maxAge`: the cached one, the one in flight, or a new fetch. */
  #ensure(maxAge: number): Promise<unknown> {
    this.#usedAt = now();
    const age = this.#usedAt - this.#updatedAt;
    const isFresh = this.#status === 'fulfilled' && this.#stale === 'nothing' && age < maxAge;
    if (isFresh) return this.#lastSuccess!;
    const canJoin = this.#fetching && this.#stale !== 'value and fetch';
    return canJoin ? this.#latest! : this.#fetch();
  }

  /** Counts from now: an entry is collected `gcTime` after its last use. */
  #scheduleGc(): void {
    this.#usedAt = now();
    // A removed entry (cleared, collected) whose fetch settles late has nothing left to collect.
    if (this.#isRemoved()) return;
    this.#record.cache.scheduleGc(this.dueAt()); // Infinity (in use) schedules nothing
  }

  /** Whether the entry was removed from its query (cleared or collected). */
  #isRemoved(): boolean {
    return this.#home().get(this.#key) !== this;
  }

  /** The map of its record that holds it, unless it was removed. */
  #home(): Map<unknown, Entry> {
    return this.#args ? this.#record.hashed : this.#record.entries;
  }

  /** Starts a fetch of the query's fetcher; `change` is what else the start changes. */
  #fetch(change: Partial<Change> = {}): Promise<unknown> {
    return this.#start((signal) => this.#record.fetcher.apply({ signal }, this.#fetcherArgs()), change);
  }

  /** Starts a fetch that supersedes any in flight: `run` produces its outcome. */
  #start(run: (signal: AbortSignal) => unknown, change: Partial<Change> = {}): Promise<unknown> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    if (this.#stale === 'value and fetch') this.#stale = 'value';
    const fetch: Promise<unknown> = new Promise((resolve) => {
      resolve(run(abort.signal));
    }).then(
      (value) => this.#settle(fetch, value),
      (error: unknown) => this.#settleFailure(fetch, error),
    );
    // Nobody may ever await a prefetch: its rejection must not be reported as unhandled.
    fetch.catch(() => {});
    this.#latest = fetch;
    // Listeners hear of the fetch only once it is in place, so one that reads the entry joins it.
    const status = this.#status === 'rejected' ? 'pending' : this.#status;
    this.#update({ status, ...change, fetching: true });
    return fetch;
  }

  #fetcherArgs(): unknown[] {
    if (this.#args) return this.#args as unknown[];
    return this.#key === undefined ? [] : [this.#key];
  }

  /** Publishes the value of a fetch, if it is still the latest; returns what its readers get. */
  #settle(fetch: Promise<unknown>, value: unknown, updatedAt = now()): unknown {
    // Superseded: a newer fetch owns the entry, and this fetch's readers follow it.
    if (fetch !== this.#latest) return this.#latest;
    this.#abort = undefined;
    this.#lastSuccess = this.#latest;
    // A fetch that began before an invalidation still publishes its value, but as stale.
    this.#stale = this.#stale === 'value and fetch' ? 'value' : 'nothing';
    // Structural sharing: deep-equal data keeps the object the subscribers already have.
    const shared = isDeepEqual(this.#value, value) ? this.#value : value;
    // Stored before the listeners hear of it, so whatever they change afterwards is stored after
    // it. Only a fresh value is handed on: the next page would take a stale one as fresh.
    // Nor a removed one (a cleared cache: a logout): the next page must not get it.
    if (this.#stale === 'nothing' && !this.#isRemoved()) {
      this.#record.persister?.settled(this.#record, this.#fetcherArgs(), shared, EPOCH + updatedAt);
    }
    this.#update({ status: 'fulfilled', value: shared, error: undefined, updatedAt, fetching: false });
    this.#scheduleGc();
    return shared;
  }

  /** Publishes the failure of a fetch, if it is still the latest; rethrows it to its readers. */
  #settleFailure(fetch: Promise<unknown>, error: unknown): unknown {
    if (fetch !== this.#latest) return this.#latest;
    this.#abort = undefined;
    // A rejection is never cached as a value: the status says rejected, so the next read fetches.
    this.#update({ status: 'rejected', error, fetching: false });
    this.#scheduleGc();
    throw error;
  }

  /** The stored copy, if the query persists, is out of date: invalidated, reset or removed. */
  #unpersist(): void {
    this.#record.persister?.removed(this.#record, this.#fetcherArgs());
  }

  /** The one place the visible state changes; tells the listeners what changed. */
  #update(change: Change): void {
    const before = { status: this.#status, value: this.#value, error: this.#error, fetching: this.#fetching };
    if (change.status !== undefined) this.#status = change.status;
    if ('value' in change) this.#value = change.value;
    if ('error' in change) this.#error = change.error;
    if (change.updatedAt !== undefined) this.#updatedAt = change.updatedAt;
    this.#fetching = change.fetching;
    this.#snapshot = undefined;
    if (!this.#listeners) return;
    const isNews = before.status !== this.#status || before.value !== this.#value || before.error !== this.#error;
    if (isNews || before.fetching !== this.#fetching) notify(this.#listeners, this.peek(), isNews);
  }
}

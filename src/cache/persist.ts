// Hands a query's entries on to the tab's next pages through sessionStorage. Nothing here runs
// at import: storage is looked up when the first query that persists is registered, and in
// Node, in a sandboxed frame or wherever else there is none, persisting does nothing at all.
import type { QueryRecord } from './entry.js';
import { entriesOf, type AnyQuery } from './query-cache.js';
import { canonicalJSON, hashKey } from './hash-key.js';

/** The part of the Web Storage API a persister uses: `sessionStorage`, `localStorage` or a stand-in. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** Options of {@link sessionPersister}. */
export interface PersistOptions {
  /**
   * Names the deploy (TanStack calls it `buster`): entries stored under another version are
   * dropped, so a page never reads data shaped by older code. Default `''`.
   */
  version?: string;
  /**
   * The most this persister keeps in storage, counted as browsers count it (two bytes per
   * UTF-16 code unit of key and value). The entries written longest ago make room for new ones;
   * a single value larger than this is not stored. Default 500 000.
   */
  maxBytes?: number;
  /** Where to keep them. Default `sessionStorage`: this tab, this origin, until the tab closes. */
  storage?: StorageLike;
}

/**
 * Keeps a copy of a query's fresh values beyond the page and gives them to the same query on
 * the next page. Made by {@link sessionPersister}; its members are the cache's, not an API.
 */
export interface Persister {
  /** @internal A query that persists was registered: give it what storage holds for it. */
  attach(record: QueryRecord): void;
  /** @internal An entry settled with a fresh value (`updatedAt` is a `Date.now()` time). */
  settled(record: QueryRecord, args: readonly unknown[], value: unknown, updatedAt: number): void;
  /** @internal An entry's value is no longer current: invalidated, reset or collected. */
  removed(record: QueryRecord, args: readonly unknown[]): void;
}

/** One stored entry, as JSON. */
interface Saved {
  version: string;
  updatedAt: number;
  args: unknown[];
  value: unknown;
}

/** Every key we store starts with this; nothing else in storage is ever read, written or removed. */
const PREFIX = 'prefetch-elements:';

/**
 * A persister backed by `sessionStorage`: each fresh value of a query that persists is written
 * when it settles and removed when it is invalidated or collected; the next page of the same
 * tab reads it back when the query is registered, with the time it was fetched, so `staleTime`
 * still decides whether it is fresh. A page restored from the back/forward cache takes in what
 * later pages stored and refreshes what it shows that has gone stale. Values must be JSON (one
 * that is not stays in memory, with one warning per query); a full or refused storage is
 * survived: nothing is thrown, nothing is lost from memory.
 *
 * @example
 * ```ts
 * const persist = sessionPersister({ version: BUILD_ID });
 * const product = query(fetchProduct, 'product', { persist });   // this query
 * const cache = new QueryCache({ persist });                      // or every query of a cache
 * ```
 */
export function sessionPersister(options: PersistOptions = {}): Persister {
  return new StoragePersister(options);
}

class StoragePersister implements Persister {
  readonly #version: string;
  readonly #maxBytes: number;
  readonly #options: PersistOptions;
  /** The storage once looked up (`null`: there is none); `undefined` until the first query. */
  #storage: StorageLike | null | undefined;
  /** Our keys in storage and their sizes, oldest write first: what makes room when full. */
  #index: Map<string, number> | undefined;
  #bytes = 0;
  /** The queries that persist here, for a page restored from the back/forward cache. */
  readonly #records = new Set<QueryRecord>();
  /** Set while stored values go into the cache, so they are not written straight back. */
  #restoring = false;
  /** Queries already warned about, and whether the storage-is-full warning was given. */
  readonly #warned = new WeakSet<QueryRecord>();
  #warnedFull = false;

  constructor(options: PersistOptions) {
    this.#options = options;
    this.#version = options.version ?? '';
    this.#maxBytes = options.maxBytes ?? 500_000;
  }

  attach(record: QueryRecord): void {
    if (!this.#start()) return;
    this.#records.add(record);
    this.#restore(record);
  }

  settled(record: QueryRecord, args: readonly unknown[], value: unknown, updatedAt: number): void {
    if (this.#restoring || !this.#start()) return;
    const key = PREFIX + hashKey(record.name, args);
    let json: string;
    try {
      json = canonicalJSON(record.name, value);
    } catch (error) {
      this.#remove(key); // the value stored before this one is not current either
      this.#warnOnce(record, (error as Error).message);
      return;
    }
    // The value is JSON already, in canonical form: spliced in, not stringified a second time.
    const version = JSON.stringify(this.#version);
    this.#write(
      record,
      key,
      `{"version":${version},"updatedAt":${updatedAt},"args":${JSON.stringify(args)},"value":${json}}`,
    );
  }

  removed(record: QueryRecord, args: readonly unknown[]): void {
    if (this.#restoring || !this.#start()) return;
    this.#remove(PREFIX + hashKey(record.name, args));
  }

  /** Looks storage up (once) and lists our keys in it; false where there is no storage. */
  #start(): boolean {
    if (this.#storage === undefined) {
      this.#storage = findStorage(this.#options) ?? null;
      // A page restored from the back/forward cache: later pages of the tab may have stored
      // newer values, and what it shows may have gone stale while it was away.
      if (this.#storage && typeof globalThis.addEventListener === 'function') {
        globalThis.addEventListener('pageshow', (event) => {
          if ((event as PageTransitionEvent).persisted) this.#refresh();
        });
      }
    }
    if (!this.#storage) return false;
    this.#index ??= this.#scan(this.#storage);
    return true;
  }

  /** Our keys in storage and their sizes. */
  #scan(storage: StorageLike): Map<string, number> {
    const index = new Map<string, number>();
    this.#bytes = 0;
    try {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (!key?.startsWith(PREFIX)) continue;
        const bytes = sizeOf(key, storage.getItem(key) ?? '');
        index.set(key, bytes);
        this.#bytes += bytes;
      }
    } catch {
      // Storage that refuses to be read is storage with nothing of ours in it.
    }
    return index;
  }

  /** Puts the stored values of one query into the cache, where they are newer than its own. */
  #restore(record: QueryRecord): void {
    const query = record.query as AnyQuery;
    const keyStart = PREFIX + record.name + '[';
    this.#restoring = true;
    try {
      for (const key of [...this.#index!.keys()]) {
        const saved = key.startsWith(keyStart) ? this.#read(record, key) : undefined;
        if (!saved) continue;
        const current = query.peek(...saved.args);
        if (current && (current.fetching || current.updatedAt >= saved.updatedAt)) continue;
        query.set(saved.args, saved.value, { updatedAt: saved.updatedAt });
      }
    } finally {
      this.#restoring = false;
    }
  }

  /**
   * One stored entry of a query, if the key is that query's. One that is corrupt, foreign or of
   * another version is removed; a key of another query that only starts alike (`a[` is the
   * start of query `a`'s keys and of query `a[b`'s) is left alone.
   */
  #read(record: QueryRecord, key: string): Saved | undefined {
    let saved: Partial<Saved> | undefined;
    let isOurs = false;
    try {
      saved = JSON.parse(this.#storage!.getItem(key) ?? 'null');
      isOurs = PREFIX + hashKey(record.name, saved!.args!) === key;
    } catch {
      saved = undefined; // not JSON, or args that are not (a number too large, no array)
    }
    const isCurrent =
      typeof saved === 'object' &&
      saved !== null &&
      saved.version === this.#version &&
      Number.isFinite(saved.updatedAt) &&
      Array.isArray(saved.args) &&
      'value' in saved;
    if (isCurrent && isOurs) return saved as Saved;
    if (!isCurrent) this.#remove(key);
    return undefined;
  }

  /** Stores an item, making room by removing the oldest; survives a full or refusing storage. */
  #write(record: QueryRecord, key: string, item: string): void {
    this.#remove(key);
    const bytes = sizeOf(key, item);
    if (bytes > this.#maxBytes) {
      this.#warnOnce(
        record,
        `prefetch-elements: query "${record.name}": a value of ${bytes} bytes is over maxBytes (${this.#maxBytes})`,
      );
      return;
    }
    for (const oldest of this.#index!.keys()) {
      if (this.#bytes + bytes <= this.#maxBytes) break;
      this.#remove(oldest);
    }
    try {
      this.#storage!.setItem(key, item);
    } catch {
      // Quota exceeded (the page's own data, or a private mode with no room at all).
      if (!this.#warnedFull)
        console.warn('prefetch-elements: storage is full or refuses writes: entries stay on their page');
      this.#warnedFull = true;
      return;
    }
    this.#index!.set(key, bytes);
    this.#bytes += bytes;
  }

  #remove(key: string): void {
    const bytes = this.#index!.get(key);
    if (bytes === undefined) return;
    this.#index!.delete(key);
    this.#bytes -= bytes;
    try {
      this.#storage!.removeItem(key);
    } catch {
      // Nothing to do: the next page will find it stale, of another version, or corrupt.
    }
  }

  /** Back from the back/forward cache: newer stored values in, stale values on screen refetched. */
  #refresh(): void {
    this.#index = this.#scan(this.#storage!);
    for (const record of this.#records) {
      this.#restore(record);
      for (const entry of entriesOf(record)) {
        if (entry.hasListeners()) entry.prefetch({}); // fetches only if stale
      }
    }
  }

  #warnOnce(record: QueryRecord, problem: string): void {
    if (this.#warned.has(record)) return;
    this.#warned.add(record);
    console.warn(`${problem}: it stays on this page, the next page fetches it again (one warning per query)`);
  }
}

/** The storage to use, if there is one: `sessionStorage` throws in a sandboxed frame. */
function findStorage(options: PersistOptions): StorageLike | undefined {
  try {
    return options.storage ?? globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** What an item costs in storage, as browsers count it. */
const sizeOf = (key: string, item: string) => 2 * (key.length + item.length);

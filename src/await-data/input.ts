// The input of <await-data>: a promise, or a query with its args, read and followed for the
// element, which only learns the input's states (one `Snapshot` each).
import { defer, isThenable, type Deferred, type Status } from '../cache/defer.js';
import { defaultCache, type QueryCache } from '../cache/query-cache.js';
import type { Query } from '../cache/types.js';
import { readMs } from './anti-flicker.js';
import { createPendingRun } from './pending-run.js';
import { streamedParts } from '../streamed-data/store.js';
import { inputError, readArgs } from '../shared/args.js';

/**
 * A state of the input: a cache entry's snapshot, or a `Deferred` (its `reason` is the error).
 * No status: there is no input (no promise, no query), and the element is idle.
 */
export interface Snapshot {
  status: Status | undefined;
  value?: unknown;
  error?: unknown;
  reason?: unknown;
  /** A query refetching a value that is still on screen. */
  fetching?: boolean;
}

/** What the element gives as input: its input properties. */
export interface InputSource {
  readonly promise: unknown;
  readonly query: Query<any[], unknown> | string | null | undefined;
  readonly args: unknown;
  readonly cache: QueryCache | undefined;
  /** Ms after the page's load that an unknown query name is still waited for. */
  readonly queryTimeout: number;
}

/** No input: the element is idle. */
const IDLE: Snapshot = { status: undefined };
/** An input that has not settled, or a query name that is not registered yet. */
const PENDING: Snapshot = { status: 'pending' };
/** Subscribe options: hear a refetch start and end too (for the `refreshing` attribute). */
const FETCHING_TOO = { fetching: true } as const;
/** The default of `query-timeout`, in ms. */
export const DEFAULT_QUERY_TIMEOUT = 5_000;

/** Hears each state of the input; called with the element, so one function serves them all. */
export type Reporter<T extends InputSource> = (element: T, snapshot: Snapshot) => void;

/**
 * The input of one element, followed while connected: it reports the input's state at once on
 * `start()`, then each change (a settled promise, a query entry's new state) until `stop()`.
 * The latest input wins: `select()` picks the promise or the query, whichever was set last.
 *
 * @example
 * ```ts
 * const input = new AwaitedInput(el, (el, snapshot) => show(el, snapshot));
 * input.select({ promiseChanged: true });
 * input.start(); // reports { status: 'pending' }, then { status: 'fulfilled', value } once it settles
 * ```
 */
export class AwaitedInput<T extends InputSource> {
  readonly #element: T;
  readonly #report: Reporter<T>;
  /** Whether the promise, not the query, is the input (the latest set wins). */
  #promiseIsInput = false;
  /** The promise input, wrapped once so its state can be read synchronously after it settles. */
  #deferred: Deferred<unknown> | undefined;
  /** The open subscription to the query's entry. */
  #unsubscribe: (() => void) | undefined;
  /** Awaits a pending input (created on first need). */
  #task: ReturnType<typeof createPendingRun> | undefined;
  /** Ends the wait for a query name that is not registered yet. */
  #waitForName: AbortController | undefined;

  constructor(element: T, report: Reporter<T>) {
    this.#element = element;
    this.#report = report;
  }

  /** Takes the promise as the input if it changed, else the query (the latest set wins). */
  select({ promiseChanged }: { promiseChanged: boolean }): void {
    this.#promiseIsInput = promiseChanged;
    const { promise } = this.#element;
    this.#deferred = isThenable(promise) ? defer(promise) : undefined;
  }

  /**
   * Reports the input's state now (a settled input at once), and follows it. JSON args are parsed
   * here, so bad JSON (or args the cache refuses) is reported as a rejection, never thrown; a
   * query name that is not registered yet is reported as pending and waited for.
   */
  start(): void {
    this.stop();
    let snapshot: Snapshot;
    let promise: PromiseLike<unknown> | undefined;
    try {
      ({ snapshot, promise } = this.#promiseIsInput ? this.#readPromise() : this.#readQuery());
    } catch (error) {
      snapshot = { status: 'rejected', error };
    }
    // Read before reporting: a `pending` listener may let the promise settle meanwhile (zone.js
    // runs microtasks after each listener), and the run must start all the same.
    const isPending = snapshot.status === 'pending';
    this.#report(this.#element, snapshot);
    if (isPending && promise) {
      this.#task ??= createPendingRun({
        onComplete: (value) => this.#report(this.#element, { status: 'fulfilled', value }),
        onError: (error) => this.#report(this.#element, { status: 'rejected', error }),
      });
      void this.#task.run([promise]);
    }
  }

  /** Lets go of the input: its subscription, its run, its wait; nothing is reported until `start()`. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#task?.abort();
    this.#waitForName?.abort();
    this.#waitForName = undefined;
  }

  /** The promise input's state now, and the promise to await while it is pending. */
  #readPromise(): { snapshot: Snapshot; promise?: PromiseLike<unknown> } {
    const { promise } = this.#element;
    if (this.#deferred) return { snapshot: this.#deferred, promise: this.#deferred };
    if (promise === undefined || promise === null) return { snapshot: IDLE };
    return { snapshot: { status: 'fulfilled', value: promise } }; // a plain value
  }

  /**
   * The query entry's state now, and its fetch while it is pending. Subscribing fetches unless the
   * entry is fresh; a stale value stays on screen meanwhile.
   */
  #readQuery(): { snapshot: Snapshot; promise?: PromiseLike<unknown> } {
    const { query, args, cache = defaultCache } = this.#element;
    if (!query) return { snapshot: IDLE }; // none, or an empty name (a framework's removed prop)
    const found = typeof query === 'string' ? (cache.get(query) as Query<any[], unknown> | undefined) : query;
    if (!found) {
      this.#waitForQuery(query as string, cache);
      // What a server sent with the page shows as it is until the query is registered, and what
      // it is still sending shows when it arrives.
      return streamedParts.read(cache, query as string, args) ?? { snapshot: PENDING };
    }
    const argList = readArgs(args);
    streamedParts.beforeRead(found, argList); // an entry the server sent with the page is read, not fetched
    const report = (snapshot: Snapshot) => this.#report(this.#element, snapshot);
    this.#unsubscribe = found.subscribe(argList, report, FETCHING_TOO);
    const snapshot = found.peek(...argList)!;
    return { snapshot, promise: snapshot.status === 'pending' ? found(...argList) : undefined };
  }

  /**
   * Waits for a query of this name to be registered (markup may name a query that a script loaded
   * later defines), then starts again. Still unknown `queryTimeout` ms after the page's load, the
   * name is reported as an error, so a typo does not wait forever. Stopping ends the wait (the
   * cache lets go of it), and until then only a weak reference to us waits on the cache.
   */
  #waitForQuery(name: string, cache: QueryCache): void {
    const waiting = new AbortController();
    this.#waitForName = waiting;
    startWhenDefined(new WeakRef(this), cache, name, waiting.signal);
    const timeout = readMs(this.#element.queryTimeout, DEFAULT_QUERY_TIMEOUT);
    afterPageLoad(timeout, waiting.signal, () => {
      this.#report(this.#element, { status: 'rejected', error: inputError(`no query named "${name}" is registered`) });
    });
  }
}

/**
 * Starts `input` again once a query named `name` is registered in `cache`, unless `signal` aborts
 * first. A function of its own, so that the callback holds nothing but the weak reference (V8
 * shares one context between the closures of one function, which would hold `this`).
 */
function startWhenDefined(
  input: WeakRef<{ start(): void }>,
  cache: QueryCache,
  name: string,
  signal: AbortSignal,
): void {
  cache.whenDefined(name, { signal }).then(
    () => input.deref()?.start(),
    () => {}, // stopped: an aborted wait is not an error
  );
}

/**
 * Calls `then` once the page has loaded and `ms` more have passed, unless `signal` aborts first
 * (which also removes the listener and the timer).
 */
function afterPageLoad(ms: number, signal: AbortSignal, then: () => void): void {
  const wait = () => {
    const timer = setTimeout(then, ms);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  };
  if (document.readyState === 'complete') wait();
  else addEventListener('load', wait, { once: true, signal });
}

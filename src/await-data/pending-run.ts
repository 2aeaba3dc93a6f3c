// Awaiting a pending input of <await-data> with @lit/task, without lit updates.
import { Task, initialState } from '@lit/task';

/** Task's host. Task asks it for an update when a run starts and ends; see {@link createPendingRun}. */
const HOST_STUB = { addController() {}, requestUpdate() {} } as never;

/** A run waiting for a promise: how to settle it. */
interface Waiter {
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

/**
 * The runs waiting for each promise. One reaction on a promise serves them all, and a run that
 * is aborted leaves the set: a promise that outlives many elements (one that never settles, or
 * a page's session) holds neither them nor a reaction each.
 */
const waiting = new WeakMap<PromiseLike<unknown>, Set<Waiter>>();

/** Settles `waiter` with `promise`; returns what stops the wait. */
function waitFor(promise: PromiseLike<unknown>, waiter: Waiter): () => void {
  const known = waiting.get(promise);
  if (known) {
    known.add(waiter);
    return () => known.delete(waiter);
  }
  // Filed before then() is called: a thenable may settle inside it.
  const waiters = new Set([waiter]);
  waiting.set(promise, waiters);
  const settle = (settleOne: (each: Waiter) => void) => {
    waiting.delete(promise);
    waiters.forEach(settleOne);
  };
  try {
    promise.then(
      (value) => settle((each) => each.resolve(value)),
      (reason: unknown) => settle((each) => each.reject(reason)),
    );
  } catch (error) {
    waiting.delete(promise); // a broken thenable fails this run; the next one tries again
    throw error;
  }
  return () => waiters.delete(waiter);
}

/**
 * The work of a run: settles with the promise, or with `initialState` when the run is aborted
 * (Task publishes that without calling onComplete or onError), so a superseded promise never
 * reaches the screen and one that never settles does not keep the element alive.
 */
const awaitUnlessAborted = ([promise]: [PromiseLike<unknown>], { signal }: { signal: AbortSignal }) =>
  new Promise((resolve, reject) => {
    const stopWaiting = waitFor(promise, { resolve, reject });
    signal.onabort = () => {
      stopWaiting();
      resolve(initialState);
    };
  });

/** What a {@link createPendingRun} task reports to. */
export interface PendingRunCallbacks {
  onComplete(value: unknown): void;
  onError(error: unknown): void;
}

/**
 * A Task that awaits the promise it is run with (`task.run([promise])`) and reports how it
 * settled; a newer run or `task.abort()` makes the older one report nothing.
 *
 * Its host is a stub: the element puts every state on screen itself, so a lit update per settled
 * element would be pure overhead. The stub also never calls the task's hostUpdate, so runs only
 * start by hand: an automatic first run would show the input as pending even when it has settled
 * already, which is the fallback frame `<await-data>` exists to avoid.
 *
 * @example
 * ```ts
 * const task = createPendingRun({ onComplete: show, onError: showError });
 * task.run([fetch('/api/me').then((r) => r.json())]);
 * ```
 */
export const createPendingRun = ({ onComplete, onError }: PendingRunCallbacks) =>
  new Task<[PromiseLike<unknown>], unknown>(HOST_STUB, { task: awaitUnlessAborted, onComplete, onError });

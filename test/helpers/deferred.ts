/** A promise with its resolve and reject functions, so a test decides when it settles. */
export interface Controlled<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export function deferred<T = unknown>(): Controlled<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise reaction run (a few macrotask-free turns of the microtask queue). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/**
 * Resolves in the next task, after every promise reaction queued until then, however long the
 * chain (a message, so fake timers do not hold it, and no frame is waited for).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** One call of a {@link controlledFetcher}: its args, its abort signal, and the promise it returned with its settle functions. */
export interface FetcherCall<T> extends Controlled<T> {
  args: unknown[];
  signal: AbortSignal;
}

/**
 * A fetcher whose every call returns a promise the test settles by hand.
 * `calls` lists each call in order: its args, abort signal and `resolve` / `reject`.
 */
export function controlledFetcher<T>() {
  const calls: FetcherCall<T>[] = [];
  const fetcher = function (this: { signal: AbortSignal }, ...args: unknown[]) {
    const call = { ...deferred<T>(), args, signal: this.signal };
    calls.push(call);
    return call.promise;
  };
  return { fetcher, calls };
}

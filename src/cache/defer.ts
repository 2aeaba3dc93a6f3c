/** The three states of a promise, used for every status in the library. */
export type Status = 'pending' | 'fulfilled' | 'rejected';

/**
 * A promise whose state can be read synchronously: the thenable shape that React 19's `use()`
 * and `<await-data>` read, so a value that has already arrived renders with no fallback frame.
 */
export interface Deferred<T> extends Promise<T> {
  /** `pending` until the promise settles, then `fulfilled` or `rejected`. */
  status: Status;
  /** The value, once `status` is `fulfilled`. */
  value?: T;
  /** The rejection reason, once `status` is `rejected`. */
  reason?: unknown;
}

/** True for anything with a callable `then` (promises, `Deferred`s, other thenables). */
export const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';

/** The statuses of a `Deferred`, and of every entry and element of the library. */
export const STATUSES: readonly Status[] = ['pending', 'fulfilled', 'rejected'];

/**
 * True for a thenable that tracks its own state in `status` (ours, or a promise React's `use()`
 * has tracked). A plain object with a `status` field is data, not a `Deferred`.
 */
const isDeferred = (value: unknown): value is Deferred<unknown> =>
  isThenable(value) && STATUSES.includes((value as Partial<Deferred<unknown>>).status as Status);

/**
 * The `Deferred` made for each promise: wrapping the same promise again gives the same one, so a
 * promise that outlives its readers (a page's session, awaited by every element mounted over the
 * page's life) carries one reaction of ours, not one per wrapping. Weak: it holds no promise.
 */
const deferredOf = new WeakMap<object, Deferred<unknown>>();

/**
 * Wraps a promise that a loader returns without awaiting it, so the page can render what it
 * has while this part is still on its way. The result is a new promise whose `status`, `value`
 * and `reason` track it synchronously; its rejection is marked handled at once, so a deferred
 * value that nobody awaits yet never crashes the page or the server. A plain value (an object
 * with a `status` field of its own included) gives a `Deferred` that is already fulfilled with
 * it; a `Deferred` (a thenable whose `status` is `pending`, `fulfilled` or `rejected`) is returned
 * as it is. The same promise always gives the same `Deferred`.
 *
 * @example
 * ```ts
 * async function loader(id: string) {
 *   const product = await productQuery(id);          // awaited: needed for the first paint
 *   const reviews = defer(reviewsQuery(id));         // not awaited: streams in later
 *   return { product, reviews };
 * }
 * // <await-data .promise=${data.reviews}> shows its fallback until the reviews arrive.
 * ```
 */
export function defer<T>(source: T | PromiseLike<T>): Deferred<Awaited<T>> {
  if (isDeferred(source)) return source as Deferred<Awaited<T>>;
  const known = isThenable(source) ? deferredOf.get(source) : undefined;
  if (known) return known as Deferred<Awaited<T>>;
  const deferred = Promise.resolve(source).then() as Deferred<Awaited<T>>;
  if (isThenable(source)) deferredOf.set(source, deferred);
  deferred.status = 'pending';
  deferred.then(
    (value) => {
      deferred.status = 'fulfilled';
      deferred.value = value;
    },
    (reason: unknown) => {
      deferred.status = 'rejected';
      deferred.reason = reason;
    },
  );
  if (!isThenable(source)) {
    deferred.status = 'fulfilled';
    deferred.value = source as Awaited<T>;
  }
  return deferred;
}

/**
 * `detail` of `fulfilled`.
 *
 * @example
 * ```ts
 * el.addEventListener('fulfilled', (e: CustomEvent<FulfilledDetail<Product>>) => show(e.detail.value));
 * ```
 */
export interface FulfilledDetail<T = unknown> {
  /** The value the promise or query settled with. */
  value: T;
}

/**
 * `detail` of `rejected`.
 *
 * @example
 * ```ts
 * el.addEventListener('rejected', (e) => report(e.detail.error));
 * ```
 */
export interface RejectedDetail {
  /** The rejection reason (anything a promise can reject with, not only an `Error`). */
  error: unknown;
}

/**
 * Events of `<await-data>`. None bubbles or is composed, so an outer `<await-data>` never hears
 * an inner one; listen on the element itself.
 *
 * @example
 * ```ts
 * el.addEventListener('fulfilled', (e) => console.log(e.detail.value));
 * ```
 */
export interface AwaitDataEventMap {
  /** The element is waiting for its input (a new promise, a query with no value yet, a retry). */
  pending: CustomEvent<Record<string, never>>;
  /** The input settled with a value, or a query delivered a new one. */
  fulfilled: CustomEvent<FulfilledDetail>;
  /** The input rejected, or is unusable (bad `args`, unknown query name). */
  rejected: CustomEvent<RejectedDetail>;
}

/**
 * The `detail` of the event for a status.
 *
 * @example
 * ```ts
 * new CustomEvent('fulfilled', { detail: eventDetail('fulfilled', value) }); // detail: { value }
 * ```
 */
export function eventDetail(
  status: keyof AwaitDataEventMap,
  result: unknown,
): FulfilledDetail | RejectedDetail | object {
  if (status === 'fulfilled') return { value: result };
  if (status === 'rejected') return { error: result };
  return {};
}

declare global {
  // Typed `addEventListener('fulfilled', ...)` on any element, as frameworks' JSX typings read it.
  interface HTMLElementEventMap extends AwaitDataEventMap {}
}

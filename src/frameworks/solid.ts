/**
 * Opt-in JSX typings for Solid. Solid's explicit forms are typed per element:
 * `prop:promise` / `prop:query` / `prop:args` / `prop:preload` set properties, `attr:` sets an
 * attribute, and `on:fulfilled` (or `onfulfilled`) adds a listener. The plain forms are typed
 * too: on a custom element Solid sets a prop as a property when the element has one of that name.
 *
 * @example
 * ```tsx
 * import 'prefetch-elements';
 * import type {} from 'prefetch-elements/solid';
 *
 * <await-data prop:query={product} prop:args={[id()]} on:fulfilled={(e) => setProduct(e.detail.value as Product)}>
 *   <p slot="fallback">Loading…</p>
 *   <h1>{product()?.name}</h1>
 * </await-data>
 * ```
 */
import type { JSX } from 'solid-js';
import type * as shared from './shared.js';

type Prefixed<T, Prefix extends string> = { [K in keyof T as K extends string ? `${Prefix}${K}` : never]: T[K] };

/** `on:name` (with listener options) and `onname` listeners for an event map. */
type SolidListeners<M, T> = {
  [K in keyof M & string as `on:${K}`]?: M[K] extends Event ? JSX.EventHandlerWithOptionsUnion<T, M[K]> : never;
} & {
  [K in keyof M & string as `on${K}`]?: M[K] extends Event ? JSX.EventHandlerUnion<T, M[K]> : never;
};

/** Props of `<await-data>` in Solid JSX. */
export type AwaitDataSolidProps = JSX.HTMLAttributes<shared.AwaitDataElement> &
  shared.AwaitDataProperties &
  Prefixed<shared.AwaitDataProperties, 'prop:'> &
  shared.AwaitDataAttributes &
  Prefixed<shared.AwaitDataAttributes, 'attr:'> &
  SolidListeners<shared.AwaitDataEventMap, shared.AwaitDataElement>;

/** Props of `<prefetch-link>` in Solid JSX. */
export type PrefetchLinkSolidProps = JSX.HTMLAttributes<shared.PrefetchLinkElement> &
  shared.PrefetchLinkProperties &
  Prefixed<shared.PrefetchLinkProperties, 'prop:'> &
  shared.PrefetchLinkAttributes &
  Prefixed<shared.PrefetchLinkAttributes, 'attr:'> &
  SolidListeners<shared.PrefetchLinkEventMap, shared.PrefetchLinkElement>;

// Module augmentation is the documented way to add intrinsic elements; the namespace is Solid's.
declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements {
      'await-data': AwaitDataSolidProps;
      'prefetch-link': PrefetchLinkSolidProps;
    }
  }
}

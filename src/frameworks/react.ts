/**
 * Opt-in JSX typings for React 19, which sets custom element properties and listens to their
 * events itself: a prop whose name is a property of the element (`promise`, `query`, `args`,
 * `preload`) is set as that property, `on` + the event's exact name (`onfulfilled`,
 * `onprefetchstart`) adds a listener, and anything else is an attribute.
 *
 * @example
 * ```tsx
 * import 'prefetch-elements';
 * import type {} from 'prefetch-elements/react';
 *
 * <await-data promise={productPromise} onfulfilled={(e) => setProduct(e.detail.value as Product)}>
 *   <p slot="fallback">Loading…</p>
 *   <h1>{product?.name}</h1>
 * </await-data>
 * ```
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type * as shared from './shared.js';

/** Props of `<await-data>` in React 19 JSX. */
export type AwaitDataReactProps = DetailedHTMLProps<HTMLAttributes<shared.AwaitDataElement>, shared.AwaitDataElement> &
  shared.AwaitDataProperties &
  shared.AwaitDataAttributes &
  shared.Listeners<shared.AwaitDataEventMap, 'on', shared.AwaitDataElement>;

/** Props of `<prefetch-link>` in React 19 JSX. */
export type PrefetchLinkReactProps = DetailedHTMLProps<
  HTMLAttributes<shared.PrefetchLinkElement>,
  shared.PrefetchLinkElement
> &
  shared.PrefetchLinkProperties &
  shared.PrefetchLinkAttributes &
  shared.Listeners<shared.PrefetchLinkEventMap, 'on', shared.PrefetchLinkElement>;

// Module augmentation is the documented way to add intrinsic elements; the namespace is React's.
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'await-data': AwaitDataReactProps;
      'prefetch-link': PrefetchLinkReactProps;
    }
  }
}

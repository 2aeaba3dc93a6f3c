/**
 * Opt-in JSX typings for Preact, which sets a prop as a property when the element has one of
 * that name (`promise`, `query`, `args`, `preload`), adds a listener for `on` + the event's
 * exact name (`onfulfilled`, `onprefetchstart`), and sets anything else as an attribute.
 *
 * @example
 * ```tsx
 * import 'prefetch-elements';
 * import type {} from 'prefetch-elements/preact';
 *
 * <await-data query={product} args={[id]} onfulfilled={(e) => (title.value = (e.detail.value as Product).name)}>
 *   <p slot="fallback">Loading…</p>
 *   <h1>{title}</h1>
 * </await-data>
 * ```
 */
import type { HTMLAttributes } from 'preact';
import type * as shared from './shared.js';

/** Props of `<await-data>` in Preact JSX. */
export type AwaitDataPreactProps = HTMLAttributes<shared.AwaitDataElement> &
  shared.AwaitDataProperties &
  shared.AwaitDataAttributes &
  shared.Listeners<shared.AwaitDataEventMap, 'on', shared.AwaitDataElement>;

/** Props of `<prefetch-link>` in Preact JSX. */
export type PrefetchLinkPreactProps = HTMLAttributes<shared.PrefetchLinkElement> &
  shared.PrefetchLinkProperties &
  shared.PrefetchLinkAttributes &
  shared.Listeners<shared.PrefetchLinkEventMap, 'on', shared.PrefetchLinkElement>;

// Module augmentation is the documented way to add intrinsic elements; the namespace is Preact's.
declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'await-data': AwaitDataPreactProps;
      'prefetch-link': PrefetchLinkPreactProps;
    }
  }
}

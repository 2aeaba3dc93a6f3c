/**
 * Opt-in typings for Svelte 5 templates (svelte-check and the editor extension read them).
 * Svelte 5 sets a prop as a property when the element has a setter of that name (`promise`,
 * `query`, `args`, `preload`), adds a listener for `on` + the event's exact name
 * (`onfulfilled`, `onprefetchstart`), and sets anything else as an attribute.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import 'prefetch-elements';
 *   import type {} from 'prefetch-elements/svelte';
 *   let product = $state<Product>();
 * </script>
 *
 * <await-data promise={productPromise} onfulfilled={(e) => (product = e.detail.value as Product)}>
 *   <p slot="fallback">Loading…</p>
 *   <h1>{product?.name}</h1>
 * </await-data>
 * ```
 */
import type { EventHandler, HTMLAttributes } from 'svelte/elements';
import type * as shared from './shared.js';

/** `onname` listeners for an event map, typed the way Svelte types its own. */
type SvelteListeners<M, T extends EventTarget> = {
  [K in keyof M & string as `on${K}`]?: M[K] extends Event ? EventHandler<M[K], T> | null : never;
};

/** Props of `<await-data>` in a Svelte template. */
export type AwaitDataSvelteProps = HTMLAttributes<shared.AwaitDataElement> &
  shared.AwaitDataProperties &
  shared.AwaitDataAttributes &
  SvelteListeners<shared.AwaitDataEventMap, shared.AwaitDataElement>;

/** Props of `<prefetch-link>` in a Svelte template. */
export type PrefetchLinkSvelteProps = HTMLAttributes<shared.PrefetchLinkElement> &
  shared.PrefetchLinkProperties &
  shared.PrefetchLinkAttributes &
  SvelteListeners<shared.PrefetchLinkEventMap, shared.PrefetchLinkElement>;

// The augmentation Svelte documents for custom elements.
declare module 'svelte/elements' {
  export interface SvelteHTMLElements {
    'await-data': AwaitDataSvelteProps;
    'prefetch-link': PrefetchLinkSvelteProps;
  }
}

/**
 * Opt-in typings for Vue 3 templates and JSX (vue-tsc and the editor extension read them), as
 * Vue documents for custom elements that are not built with Vue: each element is entered in
 * `GlobalComponents` as a component type whose `$props` are its attributes and properties and
 * whose `$emit` lists its events. Vue sets a binding as a property when the element has one of
 * that name (`:promise`, `:query`, `:args`, `:preload`) and listens with `@fulfilled`.
 * Tell Vue's compiler the tags are custom elements (`isCustomElement: (tag) => tag.includes('-')`)
 * so it does not look for components of those names.
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * import 'prefetch-elements';
 * import type {} from 'prefetch-elements/vue';
 * const product = ref<Product>();
 * </script>
 *
 * <template>
 *   <await-data :promise="productPromise" @fulfilled="(e) => (product = e.detail.value as Product)">
 *     <p slot="fallback">Loading…</p>
 *     <h1>{{ product?.name }}</h1>
 *   </await-data>
 * </template>
 * ```
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type * as shared from './shared.js';

/** A custom element as Vue's template type checker sees a component. */
export type VueCustomElement<El extends HTMLElement, Props, Events> = new () => El & {
  /** @deprecated For template type checking only: not a property of the element. */
  $props: HTMLAttributes & Props & PublicProps;
  /** @deprecated For template type checking only: not a method of the element. */
  $emit: EmitFn<{ [K in keyof Events]: (event: Events[K]) => void }>;
};

/**
 * Vue's checker reads `fallback-min="300"` as the prop `fallbackMin`, so the camel-case names
 * take what the attribute takes (Vue sets them as attributes, which the element converts).
 */
type AwaitDataVueProps = Omit<shared.AwaitDataProperties, 'fallbackDelay' | 'fallbackMin'> & {
  fallbackDelay?: shared.NumberAttribute;
  fallbackMin?: shared.NumberAttribute;
};

/** `<await-data>` for Vue. */
export type AwaitDataVue = VueCustomElement<shared.AwaitDataElement, AwaitDataVueProps, shared.AwaitDataEventMap>;

/** `<prefetch-link>` for Vue. */
export type PrefetchLinkVue = VueCustomElement<
  shared.PrefetchLinkElement,
  shared.PrefetchLinkProperties & shared.PrefetchLinkAttributes,
  shared.PrefetchLinkEventMap
>;

declare module 'vue' {
  // The slotted children's `slot="fallback"` is plain HTML, which Vue's own attribute types leave out.
  interface HTMLAttributes {
    slot?: string;
  }
  interface GlobalComponents {
    'await-data': AwaitDataVue;
    'prefetch-link': PrefetchLinkVue;
  }
}

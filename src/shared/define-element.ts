let hasWarned = false;

/**
 * Defines a custom element, safely: on a server or in a worker (no `document`, or no registry)
 * it does nothing, and where the tag is already defined by another copy of this library (two
 * bundles that each include it) the first definition stays and this says so once on the console
 * instead of throwing. Defining the same class twice under one tag is a no-op.
 *
 * @example
 * ```ts
 * defineElement('prefetch-link', PrefetchLinkElement);
 * defineElement('shop-await', AwaitDataElement, shadowRoot.customElements); // a scoped registry
 * ```
 */
export function defineElement(
  tag: string,
  element: CustomElementConstructor,
  registry: CustomElementRegistry | undefined = globalThis.document && globalThis.customElements,
): void {
  if (!registry) return;
  const defined = registry.get(tag);
  if (!defined) {
    defineUnder(tag, element, registry);
    return;
  }
  if (defined === element || Object.getPrototypeOf(defined) === element) return;
  if (hasWarned) return;
  hasWarned = true;
  console.warn(
    `prefetch-elements: <${tag}> is already defined, by another copy of prefetch-elements on this page. ` +
      'That definition stays; this copy shares its query cache and preloads with it.',
  );
}

/**
 * A constructor can be defined once per registry: under a second tag (the main entry has
 * defined `<prefetch-link>` already) a subclass of it stands in, and behaves the same.
 */
function defineUnder(tag: string, element: CustomElementConstructor, registry: CustomElementRegistry): void {
  try {
    registry.define(tag, element);
  } catch (error) {
    // NotSupportedError: this constructor is defined already (the tag itself was free).
    if (!(error instanceof DOMException && error.name === 'NotSupportedError')) throw error;
    registry.define(tag, class extends element {});
  }
}

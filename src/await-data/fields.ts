// Plain-HTML output of <await-data>: the value's text in `data-field` descendants.

/**
 * Writes the text of `value` at each `data-field` path into `host`'s own `data-field`
 * descendants, always as text. Fields inside a nested element of the same tag belong to it.
 * A field that already shows the right text is left alone (no mutation, no relayout).
 *
 * @example
 * ```ts
 * // <await-data><h1 data-field="name"></h1></await-data>
 * fillFields(el, { name: 'Widget' }); // the h1 now reads "Widget"
 * ```
 */
export function fillFields(host: Element, value: unknown): void {
  for (const field of host.querySelectorAll('[data-field]')) {
    if (field.closest(host.localName) !== host) continue;
    const text = String(readPath(value, field.getAttribute('data-field')!) ?? '');
    if (field.textContent !== text) field.textContent = text;
  }
}

/**
 * The part of `value` at a dot-separated path (`price.amount`, `items.0.name`), read through own
 * properties and array indices only: nothing from a prototype (`toFixed`, `constructor.name`,
 * `__proto__`) ever reaches the page. `undefined` where the path leads nowhere.
 *
 * @example
 * ```ts
 * readPath({ items: [{ name: 'a' }] }, 'items.0.name'); // 'a'
 * readPath(5, 'toFixed');                                // undefined
 * ```
 */
export function readPath(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split('.')) {
    if (at === null || at === undefined || !Object.hasOwn(Object(at), key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** An element whose fields show its value once it is fulfilled. */
export interface FieldHost extends Element {
  readonly status?: string;
  readonly value: unknown;
}

/**
 * A `slotchange` listener for the host's shadow root (one function for every element): children
 * added to a fulfilled element get their fields filled too.
 *
 * @example
 * ```ts
 * shadowRoot.addEventListener('slotchange', fillOnSlotChange);
 * ```
 */
export function fillOnSlotChange(event: Event): void {
  const host = (event.currentTarget as ShadowRoot).host as FieldHost;
  if (host.status === 'fulfilled') fillFields(host, host.value);
}

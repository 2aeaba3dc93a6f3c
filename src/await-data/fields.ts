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
  for (const field of host.querySelectorAll('[data-field]')) fillField(host, field, value);
}

/** Writes one field's text, unless it belongs to a nested element of the host's tag. */
function fillField(host: Element, field: Element, value: unknown): void {
  if (field.closest(host.localName) !== host) return;
  const text = String(readPath(value, field.getAttribute('data-field')!) ?? '');
  if (field.textContent !== text) field.textContent = text;
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

// Fields added later. A framework may render a `data-field` at any depth after the value arrived
// (a list item's inner <span>, content shown once a condition holds), where no slotchange tells
// the host. Shared observers watch the hosts' subtrees: a MutationObserver can observe many nodes,
// and each observed node holds its registration, so a collected host takes its own with it. There
// is no way to stop observing one node, so the callback skips hosts that are disconnected or no
// longer fulfilled; they cost nothing until something inside them changes.

/**
 * Hosts one observer takes on. Firefox's observe() looks through every node its observer
 * already watches, so one observer for all made N hosts cost N² (measured: 20 000 hosts 295 ms in
 * Firefox ESR, 29 ms with a new observer every 256).
 */
const HOSTS_PER_OBSERVER = 256;
/** Hosts observed so far (each from its first fulfilment on): how a field finds its host. */
const observedHosts = new WeakSet<Element>();
/** The observer new hosts join, made on first use (never at import: a server imports this module). */
let addedFieldsObserver: MutationObserver | undefined;
/** How many hosts `addedFieldsObserver` has taken on. */
let hostsOnObserver = 0;

/**
 * Fills the fields of nodes added anywhere inside `host` from now on, with its value, whenever it
 * is connected and fulfilled then. Call it once the host is fulfilled; a second call does nothing.
 *
 * @example
 * ```ts
 * fillFields(el, value);
 * watchAddedFields(el); // a <span data-field> that React renders later is filled too
 * ```
 */
export function watchAddedFields(host: FieldHost): void {
  if (observedHosts.has(host)) return;
  observedHosts.add(host);
  if (!addedFieldsObserver || hostsOnObserver === HOSTS_PER_OBSERVER) {
    addedFieldsObserver = new MutationObserver(fillAddedFields);
    hostsOnObserver = 0;
  }
  hostsOnObserver++;
  addedFieldsObserver.observe(host, { childList: true, subtree: true });
}

/**
 * The observers' callback: each added element is filled by the nearest observed host it is in now
 * (not where it was added: it may have moved or left since), if that host shows a value. The
 * text that filling writes comes back here as added text nodes, which are skipped. (Nested hosts
 * on two observers both hear an addition inside the inner one; the second fill changes nothing.)
 */
function fillAddedFields(records: MutationRecord[]): void {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      const host = observedHostOf(node as Element);
      if (host?.status === 'fulfilled' && host.isConnected) fillSubtree(host, node as Element);
    }
  }
}

/**
 * The nearest observed host above `node`. A nested host that is not observed (never fulfilled)
 * is passed over, and `fillField` then leaves its fields alone, as `fillFields` does.
 */
function observedHostOf(node: Element): FieldHost | undefined {
  let at = node.parentElement;
  while (at && !observedHosts.has(at)) at = at.parentElement;
  return (at ?? undefined) as FieldHost | undefined;
}

/** Fills the fields of `root` and its descendants that belong to `host`. */
function fillSubtree(host: FieldHost, root: Element): void {
  if (root.hasAttribute('data-field')) fillField(host, root, host.value);
  for (const field of root.querySelectorAll('[data-field]')) fillField(host, field, host.value);
}

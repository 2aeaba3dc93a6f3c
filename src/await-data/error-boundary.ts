// How a rejection finds the <await-data> that shows it: the nearest ancestor with error content.

/**
 * Whether `element` has error content of its own: a child in its `error` slot.
 *
 * @example
 * ```ts
 * hasErrorContent(el); // true for <await-data><p slot="error">…</p></await-data>
 * ```
 */
export const hasErrorContent = (element: Element): boolean => element.querySelector(':scope > [slot=error]') !== null;

/**
 * The next node on the path a composed event would take upward from `node`: the slot it is
 * assigned to, else its parent, else (for a shadow root) its host.
 */
function composedParent(node: Node): Node | null {
  return (node as Element).assignedSlot ?? node.parentNode ?? (node as ShadowRoot).host ?? null;
}

/** Whether `node` sits in its parent's `fallback` or `error` slot: it is not that parent's content. */
const isOutsideContent = (node: Node): boolean => {
  const slot = (node as Element).getAttribute?.('slot');
  return slot === 'fallback' || slot === 'error';
};

/**
 * The nearest node above `from`, on the path a composed event would take (through the slots it is
 * assigned to and out of shadow roots), for which `isBoundary` holds. A node is never the
 * boundary of what sits in its `fallback` or `error` slot: a boundary shows errors in place of
 * its content, and that is not its content.
 *
 * @example
 * ```ts
 * const boundary = findBoundary(el, (node) => node instanceof AwaitDataElement && hasErrorContent(node));
 * ```
 */
export function findBoundary<T extends Node>(from: Node, isBoundary: (node: Node) => node is T): T | undefined {
  let notContentOf: Node | null = null;
  for (let child = from, at = composedParent(from); at; child = at, at = composedParent(at)) {
    if (isOutsideContent(child)) notContentOf = child.parentNode;
    if (at !== notContentOf && isBoundary(at)) return at;
  }
  return undefined;
}

/**
 * A click listener for the host (one function for every element): a click on a `[data-retry]`
 * element in the host's own error slot retries.
 *
 * @example
 * ```ts
 * el.addEventListener('click', retryOnClick);
 * ```
 */
export function retryOnClick(event: Event): void {
  const host = event.currentTarget as Element & { retry(): void };
  const button = (event.target as Element).closest('[data-retry]');
  if (button?.closest('[slot=error]')?.parentNode === host) host.retry();
}

/** What a boundary needs of the elements it catches for. */
export interface Catchable {
  readonly status?: string;
  readonly isConnected: boolean;
  retry(): void;
}

/** What a boundary tells whether it shows a caught error in place of its own region. */
export interface CaughtErrorDisplay {
  showCaughtError(shows: boolean): void;
}

/**
 * The descendants whose rejections one element shows in place of its own region: it is their
 * error boundary. It shows the error while any of them is rejected; a descendant tells it when
 * its status changes (`update()`) and when it leaves the page (`delete()`).
 *
 * @example
 * ```ts
 * const caught = new CaughtErrors(shownRegion);
 * caught.add(failedChild); // the error region shows, while failedChild is rejected
 * ```
 */
export class CaughtErrors<T extends Catchable> {
  readonly #failed = new Set<T>();
  readonly #display: CaughtErrorDisplay;

  constructor(display: CaughtErrorDisplay) {
    this.#display = display;
  }

  add(descendant: T): void {
    this.#failed.add(descendant);
    this.update();
  }

  /** Forgets a descendant (it left the page): its error is no longer shown. */
  delete(descendant: T): void {
    this.#failed.delete(descendant);
    this.update();
  }

  /** Shows the error while one of the descendants is rejected, and stops once none is. */
  update(): void {
    let shows = false;
    for (const descendant of this.#failed) {
      if (descendant.status === 'rejected') shows = true;
    }
    this.#display.showCaughtError(shows);
  }

  /** Retries each descendant still in the page and forgets them all; false if none was left to retry. */
  retry(): boolean {
    const failed = [...this.#failed].filter((descendant) => descendant.isConnected);
    this.#failed.clear();
    this.#display.showCaughtError(false);
    for (const descendant of failed) descendant.retry();
    return failed.length > 0;
  }
}

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

/**
 * The nearest node above `from`, on the path a composed event would take (through the slots it is
 * assigned to and out of shadow roots), for which `isBoundary` holds.
 *
 * @example
 * ```ts
 * const boundary = findBoundary(el, (node) => node instanceof AwaitDataElement && hasErrorContent(node));
 * ```
 */
export function findBoundary<T extends Node>(from: Node, isBoundary: (node: Node) => node is T): T | undefined {
  for (let at = composedParent(from); at; at = composedParent(at)) {
    if (isBoundary(at)) return at;
  }
  return undefined;
}

/** What a boundary needs of the elements it catches for. */
export interface Catchable {
  readonly status?: string;
  readonly isConnected: boolean;
  retry(): void;
}

/**
 * The descendants whose rejections one element shows in place of its own region: it is their
 * error boundary. The boundary shows the error while any of them is rejected.
 *
 * @example
 * ```ts
 * const caught = new CaughtErrors();
 * caught.add(failedChild);
 * caught.isShowing(); // true while failedChild is rejected
 * ```
 */
export class CaughtErrors<T extends Catchable> {
  readonly #failed = new Set<T>();

  add(descendant: T): void {
    this.#failed.add(descendant);
  }

  /** Whether an error is to be shown: one of the descendants is rejected now. */
  isShowing(): boolean {
    for (const descendant of this.#failed) {
      if (descendant.status === 'rejected') return true;
    }
    return false;
  }

  /** Retries each descendant still in the page and forgets them all; false if none was left to retry. */
  retry(): boolean {
    const failed = [...this.#failed].filter((descendant) => descendant.isConnected);
    this.#failed.clear();
    for (const descendant of failed) descendant.retry();
    return failed.length > 0;
  }
}

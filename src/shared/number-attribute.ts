/**
 * Reads a timing attribute (ms): a finite number of zero or more. Anything else, a missing
 * attribute, an empty one (what Preact sets when a prop goes away), `abc` or `-50`, means the
 * default, as a built-in element treats an invalid value.
 *
 * @example
 * ```ts
 * readMs(link.getAttribute('delay'), 65); // '120' -> 120, null -> 65, '' -> 65, '-5' -> 65
 * ```
 */
export function readMs(attribute: string | null | undefined, fallback: number): number {
  if (attribute === null || attribute === undefined || attribute.trim() === '') return fallback;
  const ms = Number(attribute);
  return Number.isFinite(ms) && ms >= 0 ? ms : fallback;
}

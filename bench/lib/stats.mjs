// What the benchmarks report with: medians, ranges and Markdown tables.

/**
 * The median of the numbers in `values`. A run that measured nothing (`undefined`, `null` or
 * `NaN`) is left out; with no number at all the median is `NaN`.
 */
export function median(values) {
  const sorted = values.filter((value) => typeof value === 'number' && !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `low–high` of `values`, or the one value when they are all equal. */
export function range(values) {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}–${high}`;
}

/** A Markdown table: a header row, its rule, then one line per row. */
export function markdownTable(head, rows) {
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Plain-text and Markdown tables for the benchmark report. */

export type Cell = string | number | null | undefined;

/** Formats a number for a table: '-' for missing, integers with thousands separators, else `digits` decimals. */
export function formatCell(value: Cell, digits = 1): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '-';
  if (Number.isInteger(value) && Math.abs(value) >= 1000) return value.toLocaleString('en-GB');
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

/** A Markdown table; columns after the first are right-aligned. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const text = rows.map((row) => row.map((cell) => formatCell(cell)));
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, column) => (column === 0 ? '---' : '---:'));
  return [line(header), line(rule), ...text.map(line)].join('\n');
}

/**
 * Tables: a sortable, paged table of rows, and the CSV / XLSX buttons that every table of the dashboard has. The
 * downloads hold every row (all pages, after the filters), not only the page on screen.
 */
import { useMemo, useState, type ReactNode } from 'react';

import { download, type Cell, type TableData } from './download.js';

export function DownloadButtons({ table, disabled = false }: { table: () => TableData; disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setError(undefined);
    download(table(), format)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  const name = table().title;
  return (
    <span className="downloads no-print">
      <button type="button" onClick={() => run('csv')} disabled={busy || disabled} aria-label={`Download ${name} as CSV`}>
        CSV
      </button>
      <button type="button" onClick={() => run('xlsx')} disabled={busy || disabled} aria-label={`Download ${name} as XLSX`}>
        XLSX
      </button>
      {error && <span role="alert">{error}</span>}
    </span>
  );
}

export interface Column<T> {
  header: string;
  /** The value downloads hold and sorting compares. */
  value(row: T): Cell;
  /** What the page shows, when not the value. */
  render?(row: T): ReactNode;
  numeric?: boolean;
}

export function SortableTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  pageSize = 25,
  table,
  pending,
}: {
  caption: string;
  columns: Array<Column<T>>;
  rows: readonly T[];
  rowKey(row: T): string;
  pageSize?: number;
  /** Name and provenance of the download. */
  table: Omit<TableData, 'headers' | 'rows' | 'title'>;
  /** Set while the rows are still arriving: says so, and sorting and the downloads wait (they would cover a part). */
  pending?: string | undefined;
}) {
  const [sort, setSort] = useState<{ column: number; descending: boolean }>();
  const [page, setPage] = useState(0);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const column = columns[sort.column]!;
    const compare = (a: T, b: T) => {
      const x = column.value(a) ?? '';
      const y = column.value(b) ?? '';
      return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en-GB', { numeric: true });
    };
    return [...rows].sort((a, b) => (sort.descending ? compare(b, a) : compare(a, b)));
  }, [rows, columns, sort]);
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const current = Math.min(page, pages - 1);
  const shown = sorted.slice(current * pageSize, (current + 1) * pageSize);
  const data = (): TableData => ({
    ...table,
    title: caption,
    headers: columns.map((column) => column.header),
    rows: sorted.map((row) => columns.map((column) => column.value(row))),
  });

  return (
    <div className="table-block">
      <table className="data">
        <caption>
          {caption} <DownloadButtons table={data} disabled={pending !== undefined} />
          {pending && (
            <span className="muted" data-testid="table-pending">
              {' '}
              {pending}
            </span>
          )}
        </caption>
        <thead>
          <tr>
            {columns.map((column, index) => {
              const active = sort?.column === index;
              return (
                <th
                  key={column.header}
                  scope="col"
                  aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  className={column.numeric ? 'numeric' : undefined}
                >
                  <button
                    type="button"
                    className="sort"
                    disabled={pending !== undefined}
                    onClick={() => {
                      setSort({ column: index, descending: active ? !sort.descending : false });
                      setPage(0);
                    }}
                  >
                    {column.header}
                    <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.header} className={column.numeric ? 'numeric' : undefined}>
                  {column.render ? column.render(row) : column.value(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <nav className="pager no-print" aria-label={`Pages of ${caption}`}>
          <button type="button" onClick={() => setPage(current - 1)} disabled={current === 0}>
            Previous
          </button>
          <span>
            Page {current + 1} of {pages} ({sorted.length} rows)
          </span>
          <button type="button" onClick={() => setPage(current + 1)} disabled={current >= pages - 1}>
            Next
          </button>
        </nav>
      )}
    </div>
  );
}

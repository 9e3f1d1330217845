/**
 * Tables out of the browser: the rows of any table of the dashboard as CSV (csv-stringify) or as an XLSX workbook
 * (exceljs, loaded only when a workbook is first asked for, so the page does not wait for it). Each file starts
 * with the provenance lines the print view also shows: what the data is, the filters and the date.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';

/** A file name's stem from a subject's name: at most `max` characters, cut between words (never inside one). */
export function slug(text: string, max = 80): string {
  const whole = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (whole.length <= max) return whole;
  const cut = whole.slice(0, max + 1).lastIndexOf('-');
  return cut > 0 ? whole.slice(0, cut) : whole.slice(0, max);
}

export type Cell = string | number | boolean | null | undefined;

export interface TableData {
  /** File name without extension, e.g. `national-centre-of-excellence-insights`. */
  name: string;
  /** Sheet title. */
  title: string;
  headers: string[];
  rows: Cell[][];
  /** Lines about where the data comes from, written above the table. */
  provenance: string[];
}

const plain = (cell: Cell) => (cell === null || cell === undefined ? '' : cell);

export function toCsv(table: TableData): string {
  const notes = table.provenance.map((line) => [`# ${line}`]);
  return stringify([...notes, table.headers, ...table.rows.map((row) => row.map(plain))]);
}

export async function toXlsx(table: TableData): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'EPR evidence graph';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[[\]*?/\\:]/g, ' '));
  for (const line of table.provenance) sheet.addRow([line]).font = { italic: true };
  sheet.addRow([]);
  const header = sheet.addRow(table.headers);
  header.font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(plain));
  sheet.columns.forEach((column, index) => {
    const longest = Math.max(table.headers[index]?.length ?? 0, ...table.rows.slice(0, 200).map((row) => String(plain(row[index])).length));
    column.width = Math.min(60, Math.max(10, longest + 2));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function download(table: TableData, format: 'csv' | 'xlsx'): Promise<void> {
  if (format === 'csv') save(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), `${table.name}.csv`);
  else save(await toXlsx(table), `${table.name}.xlsx`);
}

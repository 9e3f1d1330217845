/**
 * A table (tables.ts) as a file: CSV (csv-stringify), XLSX (exceljs) or DOCX (docx). Each writer is one entry of
 * TABLE_FORMATS, so a format is added in one place, and the HTTP endpoint and `npm run export` offer it at once.
 * The files open in Excel, LibreOffice and Word; the tests read each back cell by cell.
 */
import { stringify } from 'csv-stringify/sync';
import { AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table as DocxTable, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';

import type { Table } from './tables.js';

export type TableFormat = 'csv' | 'xlsx' | 'docx';

export interface TableFormatSpec {
  contentType: string;
  extension: string;
  write(table: Table): Promise<Buffer>;
}

/** CSV: the header row and one row per finding (UTF-8 with a byte-order mark, so Excel reads the accents right). */
async function writeCsv(table: Table): Promise<Buffer> {
  return Buffer.from(`\uFEFF${stringify([table.columns, ...table.rows], { record_delimiter: '\r\n' })}`, 'utf8');
}

/** XLSX: one worksheet; title and scope above the table, notes below it. */
async function writeXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'epr-evidence-graph';
  const sheet = workbook.addWorksheet(table.kind === 'soqf' ? 'SoQF' : 'Evidence Profile');
  sheet.addRow([table.title]).font = { bold: true, size: 14 };
  sheet.addRow([table.scope]);
  sheet.addRow([]);
  const header = sheet.addRow(table.columns);
  header.font = { bold: true };
  for (const row of table.rows) sheet.addRow(row).alignment = { wrapText: true, vertical: 'top' };
  sheet.addRow([]);
  for (const note of table.notes) sheet.addRow([note]);
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 5 : 45;
  });
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 18 })] })] });
}

/** DOCX: a landscape page with the title, the scope, the table (header row repeated on every page) and the notes. */
async function writeDocx(table: Table): Promise<Buffer> {
  const document = new Document({
    creator: 'epr-evidence-graph',
    title: table.title,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ text: table.title, heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: table.scope }),
          new DocxTable({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: table.columns.map((c) => cell(c, true)) }),
              ...table.rows.map((row) => new TableRow({ children: row.map((c) => cell(c)) })),
            ],
          }),
          ...table.notes.map((note) => new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: note, italics: true, size: 18 })] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

export const TABLE_FORMATS: Record<TableFormat, TableFormatSpec> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', write: writeCsv },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', write: writeXlsx },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', write: writeDocx },
};

export function isTableFormat(value: string): value is TableFormat {
  return Object.hasOwn(TABLE_FORMATS, value);
}

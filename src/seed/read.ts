/**
 * A seed directory -> the raw cells of every file, each row with the physical line it starts on, plus the problems
 * that stop a file from being read at all: a missing directory, an empty file, bytes that are not UTF-8,
 * broken CSV quoting. Nothing here knows what a cell should hold; validate.ts does.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { CsvError, parse } from 'csv-parse/sync';

import { SEED_FILES, fileColumns, type FileName } from './format.js';
import type { Problem } from './problems.js';

export interface RawRow {
  /** The line the row starts on (1 is the header). */
  line: number;
  cells: readonly string[];
}

export interface RawTable {
  file: FileName;
  header: readonly string[];
  rows: readonly RawRow[];
}

export interface ReadOutcome {
  /** The files that could be read; a file with a problem here is absent. */
  tables: ReadonlyMap<FileName, RawTable>;
  /**
   * Files of the format the folder does not hold. A folder may hold only some (an incremental load): its references
   * to records of the missing files then resolve against the graph.
   */
  missing: FileName[];
  problems: Problem[];
}

/** Reads every file of the format from `dir`. Files the format does not name are ignored. */
export async function readSeedFiles(dir: string): Promise<ReadOutcome> {
  const absolute = path.resolve(dir);
  const directoryProblem = await checkDirectory(absolute);
  if (directoryProblem) return { tables: new Map(), missing: [], problems: [directoryProblem] };

  const tables = new Map<FileName, RawTable>();
  const missing: FileName[] = [];
  const problems: Problem[] = [];
  for (const spec of SEED_FILES) {
    const outcome = await readTable(
      path.join(absolute, spec.file),
      spec.file,
      fileColumns(spec).map((c) => c.name),
    );
    if (outcome === 'missing') missing.push(spec.file);
    else if ('problems' in outcome) problems.push(...outcome.problems);
    else tables.set(spec.file, outcome);
  }
  if (missing.length === SEED_FILES.length) {
    problems.push({
      message: `${absolute} holds none of the seed files (${SEED_FILES.slice(0, 3)
        .map((spec) => spec.file)
        .join(', ')}, ...); --dir takes the folder that holds them (see seeds/README.md).`,
    });
  }
  return { tables, missing, problems };
}

async function checkDirectory(dir: string): Promise<Problem | undefined> {
  try {
    if ((await stat(dir)).isDirectory()) return undefined;
    return { message: `${dir} is a file, not a directory; --dir takes the folder that holds the seed CSV files.` };
  } catch {
    return { message: `No directory ${dir}; --dir takes the folder that holds the seed CSV files (see seeds/README.md).` };
  }
}

async function readTable(filePath: string, file: FileName, columns: readonly string[]): Promise<RawTable | { problems: Problem[] } | 'missing'> {
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A folder may hold only some of the files (an incremental load).
    if (code === 'ENOENT') return 'missing';
    const message =
      code === 'EISDIR'
        ? 'is a directory, not a file; put the CSV file itself here, with at least its header row'
        : `the file cannot be read (${code ?? String(error)}); check its permissions`;
    return { problems: [{ file, message }] };
  }
  const utf16 = detectUtf16(bytes);
  if (utf16) {
    return { problems: [{ file, message: `the file is ${utf16} text, not UTF-8; save it as UTF-8 (in Excel: "CSV UTF-8")` }] };
  }
  // Old Mac line endings (CR alone): counted as line breaks, or every problem would be reported on line 1.
  if (!bytes.includes(0x0a) && bytes.includes(0x0d)) bytes = Buffer.from(bytes.toString('latin1').replace(/\r/g, '\n'), 'latin1');
  if (
    bytes
      .toString('latin1')
      .replace(/^\xEF\xBB\xBF/, '')
      .trim() === ''
  ) {
    return { problems: [{ file, message: `the file is empty; it needs at least the header row: ${columns.join(',')}` }] };
  }
  const encodingProblems = findInvalidUtf8(bytes, file);
  if (encodingProblems.length > 0) return { problems: encodingProblems };
  return parseCsv(bytes, file);
}

/**
 * UTF-16 by its byte-order mark, or, without one, by the zero byte every ASCII character of it carries (the second
 * byte in little-endian order, the first in big-endian). Zero bytes are valid UTF-8, so it must be caught first.
 */
function detectUtf16(bytes: Buffer): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  const sample = bytes.subarray(0, 512);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i += 1) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) even += 1;
    else odd += 1;
  }
  if (sample.length >= 4 && odd >= sample.length / 4 && even === 0) return 'UTF-16LE';
  if (sample.length >= 4 && even >= sample.length / 4 && odd === 0) return 'UTF-16BE';
  return undefined;
}

/** One problem per line holding bytes that are not UTF-8. Splitting on \n is safe: no UTF-8 sequence contains 0x0A. */
function findInvalidUtf8(bytes: Buffer, file: FileName): Problem[] {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const problems: Problem[] = [];
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    try {
      decoder.decode(bytes.subarray(start, stop));
    } catch {
      problems.push({
        file,
        line,
        message: 'holds bytes that are not UTF-8 text; save the file as UTF-8 (in Excel: "CSV UTF-8")',
      });
    }
    if (end === -1) break;
    start = end + 1;
    line += 1;
  }
  return problems;
}

interface ParsedRecord {
  record: string[];
  /** `bytes`: the offset just after the record (and its line break) in the file. */
  info: { bytes: number };
}

function parseCsv(bytes: Buffer, file: FileName): RawTable | { problems: Problem[] } {
  let records: ParsedRecord[];
  try {
    records = parse(bytes, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) return { problems: [describeCsvError(error, bytes, file)] };
    throw error;
  }
  const lineAt = lineCounter(bytes);
  let previousEnd = 0;
  const [header, ...rows] = records.map((record) => {
    const line = lineAt(startOfRecord(bytes, previousEnd));
    previousEnd = record.info.bytes;
    return { line, cells: record.record.map((cell) => cell.trim()) };
  });
  return {
    file,
    header: header?.cells ?? [],
    // A spreadsheet often saves rows of empty cells after the data: they hold nothing, so they are skipped.
    rows: rows.filter((row) => row.cells.some((cell) => cell !== '')),
  };
}

/**
 * Physical line numbers come from byte offsets: csv-parse's own line count goes wrong after a quoted value holding a
 * Windows line break (\r\n). A record starts where the previous one ended, after any blank lines it skipped.
 */
function startOfRecord(bytes: Buffer, previousEnd: number): number {
  let start = previousEnd;
  while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start += 1;
  return start;
}

/** The line of a byte offset; offsets must be asked for in increasing order. */
function lineCounter(bytes: Buffer): (offset: number) => number {
  let position = 0;
  let line = 1;
  return (offset) => {
    for (; position < offset && position < bytes.length; position += 1) if (bytes[position] === 0x0a) line += 1;
    return line;
  };
}

function describeCsvError(error: CsvError, bytes: Buffer, file: FileName): Problem {
  const detectedAt = lineCounter(bytes)(Number((error as unknown as { bytes?: number }).bytes ?? 0));
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return {
        file,
        line: lineOfUnclosedQuote(bytes.toString('utf8').replace(/^\uFEFF/, '')),
        message:
          'a quoted value starts on this line and its closing quote is missing, so the rest of the file is swallowed ' +
          'into it; close the quote, and write a quote inside a quoted value as two quotes ("")',
      };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return {
        file,
        line: detectedAt,
        message:
          'a quoted value is followed by more text after its closing quote; write a quote inside a quoted value as ' +
          'two quotes ("") and put a comma after the closing quote',
      };
    case 'INVALID_OPENING_QUOTE':
      return {
        file,
        line: detectedAt,
        message:
          'a quote appears inside a value that does not start with one; wrap the whole value in quotes and write ' + 'the quote inside it as two quotes ("")',
      };
    default:
      return { file, line: detectedAt, message: `the CSV cannot be read: ${error.message}` };
  }
}

/** The line of the quote that opens the value the file ends inside (csv-parse reports only the last line). */
function lineOfUnclosedQuote(text: string): number {
  let line = 1;
  let openedOn = 1;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\n') line += 1;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') i += 1;
      else if (char === '"') quoted = false;
    } else if (char === '"' && fieldStart) {
      quoted = true;
      openedOn = line;
    }
    fieldStart = !quoted && (char === ',' || char === '\n');
  }
  return openedOn;
}

/**
 * Raw cells -> typed records, and every check the data must pass before anything is written: the header against
 * the format, each cell against its column (required, type, allowed values, length), then across records: unique
 * natural keys and references that resolve to a record of the right kind. Problems are collected, never thrown, so
 * that one run reports all of them.
 */
import {
  MAX_VALUE_LENGTH,
  SEED_FILES,
  fileColumns,
  keyOf,
  referencedFile,
  seedFile,
  type Column,
  type Dataset,
  type FileName,
  type SeedFile,
  type SeedRow,
  type Value,
  type ValueType,
} from './format.js';
import { showValue, type Problem } from './problems.js';
import type { RawTable, ReadOutcome } from './read.js';

/** The line each record of a file came from, by position; generated data has none. */
export type SourceLines = Partial<Record<FileName, readonly number[]>>;

export interface Validation {
  dataset: Dataset;
  lines: SourceLines;
  /** Empty when the dataset may be written. */
  problems: Problem[];
}

/** Checks what readSeedFiles read; the dataset is complete only when there are no problems. */
export function validateTables(read: ReadOutcome): Validation {
  const problems = [...read.problems];
  const dataset = {} as Record<FileName, SeedRow[]>;
  const lines: Record<string, number[]> = {};
  // Files whose keys are unknown: references into them are not checked, to report the cause once, not per reference.
  const unreadable = new Set<FileName>();

  for (const spec of SEED_FILES) {
    const table = read.tables.get(spec.file);
    dataset[spec.file] = [];
    lines[spec.file] = [];
    if (!table) {
      unreadable.add(spec.file);
      continue;
    }
    const header = checkHeader(spec, table, problems);
    if (spec.key.some((column) => !header.has(column))) unreadable.add(spec.file);
    for (const row of table.rows) {
      const record: Record<string, Value> = {};
      if (row.cells.length === table.header.length) {
        for (const column of spec.columns) {
          const index = header.get(column.name);
          record[column.name] = index === undefined ? null : parseCell(spec.file, row.line, column, row.cells[index] ?? '', problems);
        }
      } else {
        problems.push({
          file: spec.file,
          line: row.line,
          message:
            `has ${row.cells.length} values but the header has ${table.header.length} columns; ` +
            'a value holding a comma must be wrapped in double quotes',
        });
        // The cells are shifted, but the key usually comes first and is intact: kept, so that references to this
        // record do not each report it again.
        for (const column of spec.columns) {
          const index = header.get(column.name);
          const parsed = index !== undefined && spec.key.includes(column.name) ? parseValue(column.type, row.cells[index] ?? '') : undefined;
          record[column.name] = parsed && 'value' in parsed ? parsed.value : null;
        }
      }
      dataset[spec.file].push(record);
      lines[spec.file]?.push(row.line);
    }
  }
  problems.push(...checkDataset(dataset, { lines, unreadable }));
  return { dataset, lines, problems };
}

/** Reports unknown, unnamed, repeated and missing columns; returns the position of each known column. */
function checkHeader(spec: SeedFile, table: RawTable, problems: Problem[]): Map<string, number> {
  const expected = fileColumns(spec).map((column) => column.name);
  const positions = new Map<string, number>();
  const problem = (message: string) => problems.push({ file: spec.file, line: 1, message });
  table.header.forEach((name, index) => {
    if (name === '') problem(`column ${index + 1} of the header has no name; the columns are ${expected.join(', ')}`);
    else if (!expected.includes(name)) problem(`unknown column ${showValue(name)}; the columns are ${expected.join(', ')}`);
    else if (positions.has(name)) problem(`column ${showValue(name)} appears twice`);
    else positions.set(name, index);
  });
  for (const name of expected) {
    if (!positions.has(name)) problem(`column ${showValue(name)} is missing; the columns are ${expected.join(', ')}`);
  }
  return positions;
}

function parseCell(file: FileName, line: number, column: Column, text: string, problems: Problem[]): Value {
  const problem = (message: string) => {
    problems.push({ file, line, column: column.name, message });
    return null;
  };
  if (text.length > MAX_VALUE_LENGTH) {
    return problem(
      `the value is ${text.length.toLocaleString('en-GB')} characters long (it starts ${showValue(text.slice(0, 40))}); ` +
        `the limit is ${MAX_VALUE_LENGTH.toLocaleString('en-GB')} characters per value`,
    );
  }
  if (text === '') return column.required ? problem('the cell is empty; a value is required') : null;
  const parsed = parseValue(column.type, text);
  return 'value' in parsed ? parsed.value : problem(`${showValue(text)} ${parsed.error}`);
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const ODS_CODE = /^[A-Z0-9]{3,5}$/;
const DETERMINANT_ID = /^D\d{2}$/;
const URL = /^https?:\/\/\S+$/;
const YEAR = /^\d{4}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const INTEGER = /^-?\d+$/;

/** One cell against its type: the value, or what is wrong with the text (it follows the quoted text). */
export function parseValue(type: ValueType, text: string): { value: Value } | { error: string } {
  const check = (valid: boolean, error: string, value: Value = text) => (valid ? { value } : { error });
  if (typeof type === 'object') return check(type.enum.includes(text), `is not allowed; use one of ${type.enum.join(', ')}`);
  switch (type) {
    case 'text':
      return { value: text };
    case 'slug':
      return check(SLUG.test(text), 'is not an id; use lower-case letters, digits and hyphens (e.g. i01-02)');
    case 'odsCode':
      return check(ODS_CODE.test(text), 'is not an ODS code; use 3 to 5 upper-case letters and digits (e.g. RGT)');
    case 'determinantId':
      return check(DETERMINANT_ID.test(text), 'is not a determinant id; use D and two digits (e.g. D07)');
    case 'url':
      return check(URL.test(text), 'is not a web address; use one starting with https:// (or http://)');
    case 'year':
      return check(YEAR.test(text), 'is not a year; use four digits (e.g. 2015)', Number(text));
    case 'date':
      return check(isCalendarDate(text), 'is not a date; use YYYY-MM-DD (e.g. 2022-11-08)');
    case 'month':
      return check(MONTH.test(text), 'is not a month; use YYYY-MM (e.g. 2024-06)');
    case 'number':
      return check(NUMBER.test(text), 'is not a number; use digits with an optional decimal point (e.g. 0.6988)', Number(text));
    case 'integer':
      return check(
        INTEGER.test(text) && Number.isSafeInteger(Number(text)),
        'is not a whole number; use digits only (e.g. 30461)',
        Number(text),
      );
    case 'boolean': {
      const lower = text.toLowerCase();
      return check(lower === 'true' || lower === 'false', 'is not allowed; use true or false', lower === 'true');
    }
  }
}

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export interface DatasetCheckOptions {
  lines?: SourceLines;
  /** Files whose keys are unknown; references into them are not checked. */
  unreadable?: ReadonlySet<FileName>;
}

/**
 * The checks across records, for read and for generated data alike: natural keys are unique within a file, and
 * every reference names a record of the file it should (or says which kind of record it names instead).
 */
export function checkDataset(dataset: Dataset, options: DatasetCheckOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const where = (file: FileName, index: number) => {
    const line = options.lines?.[file]?.[index];
    return line === undefined ? { file, record: index + 1 } : { file, line };
  };
  const keys = new Map<FileName, Set<string>>();

  for (const spec of SEED_FILES) {
    const seen = new Map<string, number>();
    dataset[spec.file].forEach((row, index) => {
      if (spec.key.some((column) => row[column] === null)) return;
      const key = keyOf(spec, row);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, index);
        return;
      }
      const earlier = where(spec.file, first);
      const earlierPlace = 'line' in earlier ? `line ${earlier.line}` : `record ${earlier.record}`;
      const [only] = spec.key;
      problems.push(
        spec.key.length === 1 && only !== undefined
          ? { ...where(spec.file, index), column: only, message: `${showValue(String(row[only]))} is already the ${only} on ${earlierPlace}; each ${only} must be unique` }
          : {
              ...where(spec.file, index),
              message: `repeats ${earlierPlace} (${spec.key.map((c) => `${c} ${showValue(String(row[c]))}`).join(', ')}); each combination may appear once`,
            },
      );
    });
    keys.set(spec.file, new Set(seen.keys()));
  }

  for (const spec of SEED_FILES) {
    dataset[spec.file].forEach((row, index) => {
      for (const column of spec.columns) {
        const value = row[column.name];
        const target = referencedFile(column, row);
        if (value === null || value === undefined || target === undefined || options.unreadable?.has(target)) continue;
        if (keys.get(target)?.has(String(value))) continue;
        problems.push({ ...where(spec.file, index), column: column.name, message: describeDangling(String(value), column, row, target, keys) });
      }
    });
  }
  return problems;
}

function describeDangling(
  value: string,
  column: Column,
  row: SeedRow,
  target: FileName,
  keys: ReadonlyMap<FileName, ReadonlySet<string>>,
): string {
  const targetSpec = seedFile(target);
  const actual = SEED_FILES.find((spec) => spec.shape === 'node' && spec.file !== target && keys.get(spec.file)?.has(value));
  if (actual) {
    const by = typeof column.references === 'object' ? ` (${column.references.by} ${String(row[column.references.by])})` : '';
    return `${showValue(value)} is ${withArticle(actual.noun)}, not ${withArticle(targetSpec.noun)}${by}`;
  }
  return `${showValue(value)} is not the ${targetSpec.key.join(':')} of any ${targetSpec.noun} in ${target}`;
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

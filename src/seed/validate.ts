/**
 * Raw cells -> typed records, and every check the data must pass before anything is written: the header against
 * the format, each cell against its column (required, type, allowed values, length), then across records: unique
 * natural keys and references that resolve to a record of the right kind. Problems are collected, never thrown, so
 * that one run reports all of them.
 * Long (about 460 lines) because it is every check of the format in one pass, file by file, so that a reader sees
 * every rule a row must meet in one place.
 */
import { assertNever } from '../assert-never.js';
import { isRangeIndexed } from '../db/migrations.js';
import {
  MAX_VALUE_LENGTH,
  SEED_FILES,
  fileColumns,
  keyOf,
  propertyName,
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
import { INVISIBLE_CHARACTERS, showValue, type Problem } from './problems.js';
import type { RawTable, ReadOutcome } from './read.js';
import type { Dangling } from './resolve.js';

/** The line each record of a file came from, by position; generated data has none. */
export type SourceLines = Partial<Record<FileName, readonly number[]>>;

export interface Validation {
  dataset: Dataset;
  /** Some files are missing: references to no record of the dataset are left to the load to find in the graph. */
  partial: boolean;
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
      if (!read.missing.includes(spec.file)) unreadable.add(spec.file);
      continue;
    }
    const header = checkHeader(spec, table, problems);
    if (spec.key.some((column) => !header.has(column))) unreadable.add(spec.file);
    for (const row of table.rows) {
      const record: Record<string, Value> = {};
      if (row.cells.length === table.header.length) {
        for (const column of spec.columns) {
          const index = header.get(column.name);
          record[column.name] = index === undefined ? null : parseCell(spec, row.line, column, row.cells[index] ?? '', problems);
        }
      } else {
        problems.push({
          file: spec.file,
          line: row.line,
          message:
            `has ${row.cells.length} values but the header has ${table.header.length} columns; ` + 'a value holding a comma must be wrapped in double quotes',
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
  const partial = read.missing.length > 0;
  problems.push(...checkDataset(dataset, { lines, unreadable, ...(partial ? { dangling: [] } : {}) }));
  return { dataset, partial, lines, problems };
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
  // An optional column may be left out of the header: a file written before the column existed stays valid.
  for (const column of fileColumns(spec)) {
    if (column.required && !positions.has(column.name)) problem(`column ${showValue(column.name)} is missing; the columns are ${expected.join(', ')}`);
  }
  return positions;
}

/**
 * The most bytes (UTF-8) of a value Neo4j keeps in a range index: natural keys and filtered properties such as a
 * trust's name. Neo4j refuses an index key over about 8 KB, and only when it writes, after earlier batches have
 * committed; half of that leaves room for the key's own overhead.
 */
export const MAX_INDEXED_BYTES = 4_000;

/** Bounds of numeric columns: counts are never negative, shares lie in 0..1. */
const NUMERIC_BOUNDS: Partial<Record<FileName, Readonly<Record<string, { min: number; max?: number; what: string }>>>> = {
  'observations.csv': {
    value: { min: 0, max: 1, what: 'a share; use a number from 0 to 1 (e.g. 0.6988 for 69.88%)' },
    numerator: { min: 0, what: 'a count; use a whole number of 0 or more' },
    denominator: { min: 0, what: 'a count; use a whole number of 0 or more' },
  },
};

const INVISIBLE = new RegExp(INVISIBLE_CHARACTERS.source);

/** The names of the invisible characters a message names; others by code point only. */
const CHARACTER_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (byte-order mark)',
};

function describeCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  const name = CHARACTER_NAMES[code] ?? (code < 0x20 || (code >= 0x7f && code <= 0x9f) ? 'a control character' : undefined);
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}${name ? ` (${name})` : ''}`;
}

function parseCell(spec: SeedFile, line: number, column: Column, text: string, problems: Problem[]): Value {
  const { file } = spec;
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
  const invisible = INVISIBLE.exec(text);
  if (invisible) {
    return problem(
      `${showValue(text)} holds ${describeCharacter(invisible[0])} at character ${invisible.index + 1}; control, ` +
        'bidirectional and zero-width characters are not allowed in values (they hide or reorder text): delete it',
    );
  }
  if (isIndexedColumn(spec, column)) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_INDEXED_BYTES) {
      return problem(
        `the value is ${bytes.toLocaleString('en-GB')} bytes in UTF-8 (it starts ${showValue(text.slice(0, 40))}); ` +
          `${column.name} is indexed, and an indexed value holds at most ${MAX_INDEXED_BYTES.toLocaleString('en-GB')} bytes ` +
          '(a letter outside ASCII takes 2 to 4): shorten it',
      );
    }
  }
  if (text === '') return column.required ? problem('the cell is empty; a value is required') : null;
  const parsed = parseValue(column.type, text);
  if (!('value' in parsed)) return problem(`${showValue(text)} ${parsed.error}`);
  const bounds = NUMERIC_BOUNDS[file]?.[column.name];
  if (bounds && typeof parsed.value === 'number' && (parsed.value < bounds.min || (bounds.max !== undefined && parsed.value > bounds.max))) {
    return problem(`${showValue(text)} is out of range: ${column.name} is ${bounds.what}`);
  }
  return parsed.value;
}

/** A natural key, or a property Neo4j keeps in a range index (src/db/migrations.ts). */
function isIndexedColumn(spec: SeedFile, column: Column): boolean {
  if (spec.key.includes(column.name)) return true;
  return spec.shape === 'node' && column.relationship === undefined && isRangeIndexed(spec.label, propertyName(column.name));
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
    case 'partialDate':
      return check(
        YEAR.test(text) || MONTH.test(text) || isCalendarDate(text),
        'is not a date; use YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known (e.g. 2022-11-08, 2022-11, 2022)',
      );
    case 'month':
      return check(MONTH.test(text), 'is not a month; use YYYY-MM (e.g. 2024-06)');
    case 'number':
      return check(NUMBER.test(text), 'is not a number; use digits with an optional decimal point (e.g. 0.6988)', Number(text));
    case 'integer':
      return check(INTEGER.test(text) && Number.isSafeInteger(Number(text)), 'is not a whole number; use digits only (e.g. 30461)', Number(text));
    case 'boolean': {
      const lower = text.toLowerCase();
      return check(lower === 'true' || lower === 'false', 'is not allowed; use true or false', lower === 'true');
    }
    default:
      return assertNever(type, 'value type');
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
  /** Where each record of an imported dataset came from (`TextSource "Interview 03" (guid ...)`), by position. */
  origins?: Partial<Record<FileName, readonly string[]>>;
  /** Files whose keys are unknown; references into them are not checked. */
  unreadable?: ReadonlySet<FileName>;
  /**
   * A partial dataset: references to no record of the dataset are collected here, to be looked up in the graph
   * (resolve.ts), instead of being problems.
   */
  dangling?: Dangling[];
}

/**
 * The checks across records, for read and for generated data alike: natural keys are unique within a file, and
 * every reference names a record of the file it should (or says which kind of record it names instead).
 */
export function checkDataset(dataset: Dataset, options: DatasetCheckOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const where = (file: FileName, index: number): { file: string; line: number } | { file: string; record: number } | { file: string } => {
    const origin = options.origins?.[file]?.[index];
    if (origin !== undefined) return { file: `${origin} (${file})` };
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
      const earlierPlace = 'line' in earlier ? `line ${earlier.line}` : 'record' in earlier ? `record ${earlier.record}` : earlier.file;
      const [only] = spec.key;
      problems.push(
        spec.key.length === 1 && only !== undefined
          ? {
              ...where(spec.file, index),
              column: only,
              message: `${showValue(String(row[only]))} is already the ${only} on ${earlierPlace}; each ${only} must be unique`,
            }
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
        if (options.dangling && !otherKindNamed(String(value), target, keys)) {
          options.dangling.push({ file: spec.file, where: where(spec.file, index), column: column.name, value: String(value), target });
          continue;
        }
        problems.push({ ...where(spec.file, index), column: column.name, message: describeDangling(String(value), column, row, target, keys) });
      }
    });
  }
  problems.push(...checkIllustrative(dataset, where), ...checkInterviewPlaces(dataset, where), ...checkParticipantTrusts(dataset, where));
  return problems;
}

type Where = (file: FileName, index: number) => Omit<Problem, 'message'>;

/**
 * Illustrative data is marked in data and API: a record is illustrative exactly when the source it cites is
 * (seeds/README.md). An illustrative insight citing a published report, or a real one citing the project's
 * illustrative data, would be mislabelled either way.
 */
function checkIllustrative(dataset: Dataset, where: Where): Problem[] {
  const illustrativeSources = new Map(dataset['sources.csv'].map((source) => [String(source.id), source.illustrative === true]));
  const problems: Problem[] = [];
  for (const spec of SEED_FILES) {
    if (spec.file === 'sources.csv' || !spec.columns.some((column) => column.name === 'illustrative')) continue;
    dataset[spec.file].forEach((row, index) => {
      const sourceIllustrative = illustrativeSources.get(String(row.source_id));
      if (sourceIllustrative === undefined || typeof row.illustrative !== 'boolean' || row.illustrative === sourceIllustrative) return;
      problems.push({
        ...where(spec.file, index),
        column: 'illustrative',
        message: row.illustrative
          ? `the record is illustrative but its source ${showValue(String(row.source_id))} is not; cite an illustrative source (illustrative-project-data), or set illustrative to false`
          : `the record is not illustrative but its source ${showValue(String(row.source_id))} is; cite the source of the real data, or set illustrative to true`,
      });
    });
  }
  return problems;
}

/**
 * An interview is about one trust, or, when the trust is unknown (a survey response, an article that does not name
 * it), about a trust of a known type and region: `trust_type` and `region` are given exactly when `trust_ods_code`
 * is not. With a trust they stay empty, since the trust's own type and region are the ones counted; a second
 * statement of them could only agree or contradict it.
 */
function checkInterviewPlaces(dataset: Dataset, where: Where): Problem[] {
  const problems: Problem[] = [];
  dataset['interviews.csv'].forEach((interview, index) => {
    const problem = (column: string, message: string) => problems.push({ ...where('interviews.csv', index), column, message });
    if (interview.trust_ods_code !== null) {
      for (const column of ['trust_type', 'region'] as const) {
        if (interview[column] !== null && interview[column] !== undefined) {
          problem(
            column,
            `${showValue(String(interview[column]))} is given beside the trust ${String(interview.trust_ods_code)}; leave ${column} empty when ` +
              "trust_ods_code is given (the trust's own type and region are used), or empty trust_ods_code when the trust is not known",
          );
        }
      }
      return;
    }
    for (const column of ['trust_type', 'region'] as const) {
      if (interview[column] === null || interview[column] === undefined) {
        problem(
          column,
          `the cell is empty and so is trust_ods_code; give the trust, or, when it is not known (a survey response, an ` +
            `article that does not name it), its trust_type and region`,
        );
      }
    }
  });
  return problems;
}

/**
 * An interview is about one trust, and every count of the evidence (trusts, regions, suppliers) uses that trust; so a
 * participant who works at a trust must work at the interview's. People at no trust (national bodies, suppliers) may
 * join any interview. An interview about two trusts is two interviews.
 */
function checkParticipantTrusts(dataset: Dataset, where: Where): Problem[] {
  const interviewTrust = new Map(dataset['interviews.csv'].map((interview) => [String(interview.id), interview.trust_ods_code]));
  const participantTrust = new Map(dataset['participants.csv'].map((participant) => [String(participant.code), participant.trust_ods_code]));
  const problems: Problem[] = [];
  dataset['interview_participants.csv'].forEach((link, index) => {
    const trust = interviewTrust.get(String(link.interview_id));
    const works = participantTrust.get(String(link.participant_code));
    if (trust === undefined || works === undefined || works === null || works === trust) return;
    if (trust === null) {
      problems.push({
        ...where('interview_participants.csv', index),
        column: 'participant_code',
        message:
          `participant ${showValue(String(link.participant_code))} works at ${String(works)}, but interview ` +
          `${showValue(String(link.interview_id))} has no trust; give the interview trust_ods_code ${String(works)}, or leave the ` +
          "participant's trust_ods_code empty when it is not known",
      });
      return;
    }
    problems.push({
      ...where('interview_participants.csv', index),
      column: 'participant_code',
      message:
        `participant ${showValue(String(link.participant_code))} works at ${String(works)}, but interview ` +
        `${showValue(String(link.interview_id))} is about ${String(trust)}; a participant works at the interview's trust or ` +
        'at none (leave trust_ods_code empty for national bodies and suppliers)',
    });
  });
  return problems;
}

function describeDangling(value: string, column: Column, row: SeedRow, target: FileName, keys: ReadonlyMap<FileName, ReadonlySet<string>>): string {
  const targetSpec = seedFile(target);
  const actual = otherKindNamed(value, target, keys);
  if (actual) {
    const by = typeof column.references === 'object' ? ` (${column.references.by} ${String(row[column.references.by])})` : '';
    return `${showValue(value)} is ${withArticle(actual.noun)}, not ${withArticle(targetSpec.noun)}${by}`;
  }
  return `${showValue(value)} is not the ${targetSpec.key.join(':')} of any ${targetSpec.noun} in ${target}`;
}

/**
 * The files a reference can name: those some column references. A file whose key is itself made of references (a
 * confidence judgement's key is its finding's id, `D01`) holds no record a reference could mean, so a value found
 * only there is not "another kind of record".
 */
const REFERABLE_FILES: ReadonlySet<FileName> = new Set(
  SEED_FILES.flatMap((spec) =>
    spec.columns.flatMap((column) =>
      column.references === undefined ? [] : typeof column.references === 'string' ? [column.references] : Object.values(column.references.files),
    ),
  ),
);

/** The record of another kind than `target` that a dangling value names, if one does. */
function otherKindNamed(value: string, target: FileName, keys: ReadonlyMap<FileName, ReadonlySet<string>>): SeedFile | undefined {
  return SEED_FILES.find((spec) => spec.shape === 'node' && spec.file !== target && REFERABLE_FILES.has(spec.file) && keys.get(spec.file)?.has(value));
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

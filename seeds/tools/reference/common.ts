/**
 * What the builders of the reference data share: the records they write (one interface per seed file, columns as in
 * the seed format), the curated tables, the reconciliation report and small CSV and naming helpers.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

import type { ImplementationStatus, Metric, Region, Stance, TrustType } from '../../../src/generated/resolvers.js';
import { readCuratedTables } from './curated.js';

// ---------------------------------------------------------------------------------------------------------------
// Output records: one interface per seed file, with the columns of seeds/README.md in the order they are written.
// ---------------------------------------------------------------------------------------------------------------

export interface Trust {
  ods_code: string;
  name: string;
  type: TrustType;
  region: Region;
  icb_code: string;
  icb_name: string;
  source_id: string;
  /** The source of `type`, which is not the ODS extract: the compiled type list, or the ODS name. */
  type_source_id: string;
}
export interface Supplier {
  id: string;
  name: string;
  source_id: string;
}
export interface Product {
  id: string;
  name: string;
  supplier_id: string;
  source_id: string;
}
export interface Implementation {
  id: string;
  trust_ods_code: string;
  product_id: string;
  status: ImplementationStatus;
  year: string;
  go_live_date: string;
  notes: string;
  source_id: string;
}
export interface Determinant {
  id: string;
  name: string;
  category: string;
  description: string;
  source_id: string;
}
export interface DeterminantSource {
  determinant_id: string;
  source_id: string;
  stance: Stance;
  note: string;
}
export interface Observation {
  trust_ods_code: string;
  metric: Metric;
  period: string;
  value: string;
  numerator: string;
  denominator: string;
  source_id: string;
}

export const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.';

/** The curated tables (reference-data/*.csv), read once. */
export const CURATED = readCuratedTables();

// ---------------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------------

/** Collects the lines of the reconciliation report; printed at the end so it reads top to bottom. */
export class Report {
  private readonly lines: string[] = [];
  section(title: string): void {
    this.lines.push('', `== ${title}`);
  }
  line(text: string): void {
    this.lines.push(`  ${text}`);
  }
  print(): void {
    console.log(this.lines.join('\n'));
  }
}

/** Stops the build: nothing is written when the input cannot be mapped faithfully. */
export function fail(message: string): never {
  throw new Error(message);
}

export function readCsvRecords(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true });
}

export function readCsvRows(file: string): string[][] {
  // relax_column_count: one A&E file has six stray empty columns in its header row only.
  return parse(readFileSync(file, 'utf8'), { bom: true, skip_empty_lines: true, relax_column_count: true });
}

export function writeCsv(file: string, columns: readonly string[], rows: readonly object[]): void {
  writeFileSync(file, stringify(rows as Record<string, unknown>[], { header: true, columns: [...columns] }));
}

/** Compares names loosely: case, punctuation and "&" against "and" do not make two trust names different. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]/g, '');
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

export const byKey =
  <T>(...keys: ((item: T) => string)[]) =>
  (a: T, b: T): number => {
    for (const key of keys) {
      const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
      if (order !== 0) return order;
    }
    return 0;
  };

// Words kept lower case inside a title-cased trust name, and words kept upper case.
export const LOWER_CASE_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'at', 'to', 'with', 'upon']);
export const UPPER_CASE_WORDS = new Set(['NHS', 'UK']);

/** "KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST" -> "King's College Hospital NHS Foundation Trust". */
export function titleCase(upperCaseName: string): string {
  const capitalise = (part: string, isFirst: boolean): string => {
    if (UPPER_CASE_WORDS.has(part.toUpperCase())) return part.toUpperCase();
    const lower = part.toLowerCase();
    if (!isFirst && LOWER_CASE_WORDS.has(lower.replace(/[^a-z]/g, ''))) return lower;
    // Upper-case the first letter only, so that "king's" becomes "King's" (not "King'S").
    return lower.replace(/[a-z]/, (letter) => letter.toUpperCase());
  };
  return upperCaseName
    .trim()
    .split(/\s+/)
    .map((word, wordIndex) =>
      // Hyphenated place names: "STOKE-ON-TRENT" -> "Stoke-on-Trent".
      word
        .split('-')
        .map((part, partIndex) => capitalise(part, wordIndex === 0 && partIndex === 0))
        .join('-'),
    )
    .join(' ');
}

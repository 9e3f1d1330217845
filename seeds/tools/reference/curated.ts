/**
 * The curated tables of build-reference-data.ts, read from the CSV files in seeds/tools/reference-data/ (what each holds and
 * where its rows come from: reference-data/README.md). A table that names a value outside its enum (a region, a
 * trust type, a source kind) or an unknown column stops the build: the tables are data, checked like data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'csv-parse/sync';

import { ENUM_VALUES } from '../../../src/generated/enum-values.js';
import type { Region, SourceKind, TrustType } from '../../../src/generated/resolvers.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'reference-data');

/** A row of sources.csv (the seed format's columns, as text). */
export interface Source {
  id: string;
  title: string;
  publisher: string;
  year: string;
  url: string;
  kind: SourceKind;
  illustrative: 'true' | 'false';
  note: string;
}

export interface ProductDefinition {
  id: string;
  name: string;
  /** The product's part of an implementation id (rgt-epic-2014). */
  short: string;
}

export interface CuratedTables {
  regionByEtrCode: Record<string, Region>;
  /** The compilation's region names, used only to cross-check the etr region code. */
  regionByName: Record<string, Region>;
  trustTypeDecisions: Record<string, { type: TrustType; typeSourceId: string; reason: string }>;
  /** By the input's supplier name. */
  suppliers: Record<string, { id: string; name: string }>;
  /** By `<input supplier>|<input product>`: the input names one product several ways. */
  products: Record<string, ProductDefinition>;
  publisherByHost: Record<string, string>;
  urlCorrections: Record<string, string>;
  articles: Record<string, { id: string; title: string; year?: string; note?: string }>;
  publishedSources: Source[];
  datasetSources: Source[];
  evidenceMatchers: Array<{ pattern: RegExp; sourceId: string }>;
}

function readTable(file: string, columns: readonly string[]): Array<Record<string, string>> {
  const rows: Array<Record<string, string>> = parse(readFileSync(path.join(DIR, file), 'utf8'), { columns: true, bom: true, skip_empty_lines: true });
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const unexpected = header.filter((column) => !columns.includes(column));
  const absent = columns.filter((column) => !header.includes(column));
  if (rows.length === 0 || unexpected.length > 0 || absent.length > 0) {
    throw new Error(`reference-data/${file}: expected the columns ${columns.join(', ')}; got ${header.join(', ') || 'no rows'}.`);
  }
  return rows;
}

/** An object from [key, value] pairs, typed (Object.fromEntries of inferred pairs gives `any`). */
function byKey<T>(pairs: Array<[string | undefined, T]>): Record<string, T> {
  return Object.fromEntries(pairs.map(([key, value]) => [String(key), value] as const));
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined, where: string): T {
  if (value !== undefined && (values as readonly string[]).includes(value)) return value as T;
  throw new Error(`${where}: "${value ?? ''}" is not one of ${values.join(', ')}.`);
}

const SOURCE_COLUMNS = ['id', 'title', 'publisher', 'year', 'url', 'kind', 'illustrative', 'note'] as const;

function readSources(file: string): Source[] {
  return readTable(file, SOURCE_COLUMNS).map((row, index) => ({
    id: row.id ?? '',
    title: row.title ?? '',
    publisher: row.publisher ?? '',
    year: row.year ?? '',
    url: row.url ?? '',
    kind: oneOf(ENUM_VALUES.SourceKind, row.kind, `reference-data/${file} row ${index + 2} kind`),
    illustrative: oneOf(['true', 'false'] as const, row.illustrative, `reference-data/${file} row ${index + 2} illustrative`),
    note: row.note ?? '',
  }));
}

/** Reads every curated table; throws, naming the file and row, on a value its column does not allow. */
export function readCuratedTables(): CuratedTables {
  const regions = readTable('regions.csv', ['region', 'etr_code', 'name', 'source_id']).map((row, index) => ({
    etrCode: row.etr_code ?? '',
    name: row.name ?? '',
    region: oneOf(ENUM_VALUES.Region, row.region, `reference-data/regions.csv row ${index + 2} region`),
  }));
  const optional = (text: string | undefined) => (text ? text : undefined);
  return {
    regionByEtrCode: byKey(regions.map((row) => [row.etrCode, row.region])),
    regionByName: byKey(regions.map((row) => [row.name, row.region])),
    trustTypeDecisions: byKey(
      readTable('trust-type-decisions.csv', ['ods_code', 'type', 'type_source_id', 'reason']).map((row, index) => [
        row.ods_code,
        {
          type: oneOf(ENUM_VALUES.TrustType, row.type, `reference-data/trust-type-decisions.csv row ${index + 2} type`),
          typeSourceId: row.type_source_id ?? '',
          reason: row.reason ?? '',
        },
      ]),
    ),
    suppliers: byKey(
      readTable('suppliers.csv', ['input_name', 'id', 'name']).map((row) => [row.input_name, { id: row.id ?? '', name: row.name ?? '' }]),
    ),
    products: byKey(
      readTable('products.csv', ['input_supplier', 'input_product', 'id', 'name', 'short', 'note']).map((row) => [
        `${row.input_supplier}|${row.input_product}`,
        { id: row.id ?? '', name: row.name ?? '', short: row.short ?? '' },
      ]),
    ),
    publisherByHost: byKey(readTable('publishers.csv', ['host', 'publisher']).map((row) => [row.host, row.publisher ?? ''])),
    urlCorrections: byKey(readTable('url-corrections.csv', ['cited_url', 'url', 'note']).map((row) => [row.cited_url, row.url ?? ''])),
    articles: byKey(
      readTable('articles.csv', ['url', 'id', 'title', 'year', 'note']).map((row) => [
        row.url,
        { id: row.id ?? '', title: row.title ?? '', year: optional(row.year), note: optional(row.note) },
      ]),
    ),
    publishedSources: readSources('published-sources.csv'),
    datasetSources: readSources('dataset-sources.csv'),
    // Every pattern is matched case-insensitively, as the evidence texts are written by hand.
    evidenceMatchers: readTable('evidence-matchers.csv', ['pattern', 'source_id']).map((row) => ({
      pattern: new RegExp(row.pattern ?? '', 'i'),
      sourceId: row.source_id ?? '',
    })),
  };
}

/** suppliers.csv, products.csv and implementations.csv from epr-implementations.csv, each fact with its article. */
import path from 'node:path';

import { ENUM_VALUES } from '../../../src/generated/enum-values.js';
import type { ImplementationStatus } from '../../../src/generated/resolvers.js';
import type { ProductDefinition, Source } from './curated.js';
import { byKey, countBy, CURATED, fail, readCsvRecords, slugify, type Implementation, type Product, type Report, type Supplier } from './common.js';

// ---------------------------------------------------------------------------------------------------------------
// 3. Suppliers, products and implementations, each fact with the article it comes from.
// ---------------------------------------------------------------------------------------------------------------

/** The input's statuses are the enum's values in lower case. */
function statusOf(input: string): ImplementationStatus | undefined {
  return ENUM_VALUES.ImplementationStatus.find((status) => status === input.toUpperCase());
}

function publisherOf(url: URL): string {
  const host = url.hostname.replace(/^www\./, '');
  return CURATED.publisherByHost[host] ?? host;
}

interface EprRow {
  ods_code: string;
  trust_name: string;
  supplier: string;
  product: string;
  status: string;
  year: string;
  date: string;
  note: string;
  source_url: string;
}

/** One source per distinct article. Returns the source and remembers it in `sources`. */
function articleSource(row: EprRow, sources: Map<string, Source>, report: Report): Source {
  // "(seen via a mirror copy)" after a URL: the fact was read in a copy; keep the original address, say so.
  const mirrored = /\(seen via a mirror copy\)/i.test(row.source_url);
  const cited = row.source_url.replace(/\s*\(seen via a mirror copy\)\s*/i, '').trim();
  const url = CURATED.urlCorrections[cited] ?? cited;
  const existing = [...sources.values()].find((source) => source.url === url);
  if (existing) return existing;

  const parsed = new URL(url);
  const known = CURATED.articles[url];
  const yearInUrl = /\/((?:19|20)\d{2})\//.exec(parsed.pathname)?.[1] ?? '';
  const notes: string[] = [];
  if (known?.note) notes.push(known.note);
  if (CURATED.urlCorrections[cited]) notes.push(`Cited in the input as ${cited} (the publisher's archive of that day).`);
  else if (/^\/\d{4}\/\d{2}\/(\d{2}\/)?$/.test(parsed.pathname)) {
    notes.push("The cited address is the publisher's archive of that date, not the article itself.");
  }
  if (mirrored) notes.push('Read via a mirror copy of the article.');
  if (!known) report.line(`no curated title for ${url}; a generic one was written`);

  const source: Source = {
    id: known?.id ?? slugify(`${publisherOf(parsed)}-${yearInUrl}-${parsed.pathname.split('/').filter(Boolean).pop() ?? ''}`),
    title: known?.title ?? `${row.trust_name}: ${row.supplier} ${row.product} (${row.status})`,
    publisher: publisherOf(parsed),
    year: known?.year ?? yearInUrl,
    url,
    kind: 'ARTICLE',
    illustrative: 'false',
    note: notes.join(' '),
  };
  sources.set(source.id, source);
  return source;
}

export function buildImplementations(
  dataDir: string,
  trustCodes: Set<string>,
  report: Report,
): { suppliers: Supplier[]; products: Product[]; implementations: Implementation[]; sources: Source[] } {
  report.section('Suppliers, products, implementations (epr-implementations.csv)');
  const rows = readCsvRecords(path.join(dataDir, 'epr-implementations.csv')) as unknown as EprRow[];
  const sources = new Map<string, Source>();
  const implementations: Implementation[] = [];
  // For each supplier and product: the sources of its implementations, to cite the earliest.
  const supplierEvidence = new Map<string, Source[]>();
  const productEvidence = new Map<string, { definition: ProductDefinition; supplierId: string; sources: Source[] }>();

  for (const row of rows) {
    if (!trustCodes.has(row.ods_code)) {
      report.line(`skipped, trust not in trusts.csv: ${row.ods_code} ${row.trust_name}`);
      continue;
    }
    const status = statusOf(row.status) ?? fail(`${row.ods_code}: unknown status "${row.status}"`);
    const supplier =
      CURATED.suppliers[row.supplier] ?? fail(`${row.ods_code}: unknown supplier "${row.supplier}"; add it to reference-data/suppliers.csv`);
    const product =
      CURATED.products[`${row.supplier}|${row.product}`] ??
      fail(`${row.ods_code}: unknown product "${row.product}"; add it to reference-data/products.csv`);
    if (row.year !== '' && !/^\d{4}$/.test(row.year)) fail(`${row.ods_code}: bad year "${row.year}"`);
    if (row.date !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(row.date)) fail(`${row.ods_code}: bad date "${row.date}"`);
    const source = articleSource(row, sources, report);

    implementations.push({
      id: [row.ods_code.toLowerCase(), product.short, row.year].filter(Boolean).join('-'),
      trust_ods_code: row.ods_code,
      product_id: product.id,
      status,
      year: row.year,
      go_live_date: row.date,
      notes: row.note,
      source_id: source.id,
    });
    supplierEvidence.set(supplier.id, [...(supplierEvidence.get(supplier.id) ?? []), source]);
    const evidence = productEvidence.get(product.id) ?? { definition: product, supplierId: supplier.id, sources: [] };
    evidence.sources.push(source);
    productEvidence.set(product.id, evidence);
  }

  markReplaced(implementations, report);

  // A supplier or product is evidenced by the earliest article that names it (by year, then id: deterministic).
  const earliest = (list: Source[]): string =>
    [...list].sort(byKey((s) => s.year || '9999', (s) => s.id))[0]?.id ?? fail('no source');
  const suppliers: Supplier[] = Object.values(CURATED.suppliers)
    .filter((supplier) => supplierEvidence.has(supplier.id))
    .map((supplier) => ({ ...supplier, source_id: earliest(supplierEvidence.get(supplier.id) ?? []) }));
  const products: Product[] = [...productEvidence.values()].map(({ definition, supplierId, sources: list }) => ({
    id: definition.id,
    name: definition.name,
    supplier_id: supplierId,
    source_id: earliest(list),
  }));

  suppliers.sort(byKey((s) => s.id));
  products.sort(byKey((p) => p.id));
  implementations.sort(byKey((i) => i.id));
  report.line(`input rows: ${rows.length}; implementations written: ${implementations.length}`);
  report.line(`by status: ${countBy(implementations, (i) => i.status)}`);
  report.line(`suppliers: ${suppliers.length} (${suppliers.map((s) => s.id).join(', ')}); products: ${products.length}; article sources: ${sources.size}`);
  for (const implementation of implementations) {
    if (/\b(replacing|replaces|upgraded from)\b/i.test(implementation.notes)) {
      report.line(`predecessor system named in a note, not in the data (no row added): ${implementation.id}: "${implementation.notes}"`);
    }
  }
  return { suppliers, products, implementations, sources: [...sources.values()] };
}

/**
 * An older LIVE implementation becomes REPLACED only when a later LIVE or CONTRACTED implementation at the same
 * trust, of another product, says in its note that it replaces it (names the older product or its supplier).
 */
function markReplaced(implementations: Implementation[], report: Report): void {
  const shortNameOf = new Map(Object.values(CURATED.products).map((product) => [product.id, product.short.replace(/-/g, ' ')]));
  for (const older of implementations) {
    if (older.status !== 'LIVE') continue;
    const productName = shortNameOf.get(older.product_id) ?? fail(`no product ${older.product_id}`);
    const replacement = implementations.find(
      (newer) =>
        newer.trust_ods_code === older.trust_ods_code &&
        newer.product_id !== older.product_id &&
        (newer.status === 'LIVE' || newer.status === 'CONTRACTED') &&
        Number(newer.year || 0) > Number(older.year || 0) &&
        new RegExp(`\\b(replac\\w*|upgraded from)\\b.*\\b${productName}\\b`, 'i').test(newer.notes),
    );
    if (replacement) {
      older.status = 'REPLACED';
      report.line(`marked REPLACED: ${older.id} (by ${replacement.id}: "${replacement.notes}")`);
    }
  }
}

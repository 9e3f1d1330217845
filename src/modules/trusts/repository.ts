/** All Cypher about trusts. */
import type { Database } from '../../db/database.js';
import type { EprStatus, Region, TrustSortField, TrustType, SortDirection } from '../../generated/resolvers.js';
import type { Keyed } from '../shared/batch.js';
import { keysetCondition, type Page } from '../shared/pagination.js';
import type { ImplementationWithProduct } from '../suppliers/model.js';
import type { TrustModel } from './model.js';
import { EPR_STATUS } from '../evidence/scope.js';
import { TRUST_PROJECTION as TRUST } from '../shared/trust-projection.js';

export interface TrustFilter {
  regions?: Region[] | null;
  types?: TrustType[] | null;
  eprStatuses?: EprStatus[] | null;
  supplierIds?: string[] | null;
  nameContains?: string | null;
  interviewed?: boolean | null;
}

export interface TrustSort {
  field: TrustSortField;
  direction: SortDirection;
}

const SORT_KEYS: Record<TrustSortField, string> = { NAME: 't.name', ODS_CODE: 't.odsCode' };

function filterClause(filter: TrustFilter): string {
  const conditions = ['true'];
  if (filter.regions) conditions.push('t.region IN $regions');
  if (filter.types) conditions.push('t.type IN $types');
  if (filter.eprStatuses) conditions.push(`${EPR_STATUS} IN $eprStatuses`);
  if (filter.supplierIds) {
    conditions.push('EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation)-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier) WHERE s.id IN $supplierIds }');
  }
  if (filter.nameContains) conditions.push('toLower(t.name) CONTAINS toLower($nameContains)');
  if (filter.interviewed === true) conditions.push('EXISTS { (:Interview)-[:AT]->(t) }');
  if (filter.interviewed === false) conditions.push('NOT EXISTS { (:Interview)-[:AT]->(t) }');
  return conditions.join(' AND ');
}

function filterParams(filter: TrustFilter) {
  return {
    regions: filter.regions ?? null,
    types: filter.types ?? null,
    eprStatuses: filter.eprStatuses ?? null,
    supplierIds: filter.supplierIds ?? null,
    nameContains: filter.nameContains ?? null,
  };
}

export interface TrustPageRow {
  trust: TrustModel;
  /** Oldest first, the order of the suppliers domain's `findImplementationsOfTrusts`. */
  implementations: ImplementationWithProduct[];
}

/**
 * One page of trusts, `page.first + 1` rows so the caller can tell whether more follow, and with `withTotal` the
 * number of trusts matching the filter (else null): one statement for what a list view shows. Each row also
 * carries the trust's implementations with their products and suppliers: a page is nearly always shown with them,
 * and fetching them here saves three more statements.
 */
export async function findTrustPage(
  db: Database,
  filter: TrustFilter,
  sort: TrustSort,
  page: Page,
  withTotal: boolean,
): Promise<{ rows: TrustPageRow[]; total: number | null }> {
  const [result] = await db.readQuery<{ rows: TrustPageRow[]; total: number | null }>(trustPageStatement(filter, sort, page.after !== null, withTotal), {
    ...filterParams(filter),
    afterKey: page.after?.[0] ?? null,
    afterId: page.after?.[1] ?? null,
    limit: page.first + 1,
  });
  return result ?? { rows: [], total: null };
}

/** The statement of `findTrustPage`: `after` when the page starts after a cursor (`$afterKey`, `$afterId`). */
export function trustPageStatement(filter: TrustFilter, sort: TrustSort, after: boolean, withTotal: boolean): string {
  const key = SORT_KEYS[sort.field];
  const afterCondition = after ? `AND ${keysetCondition(key, 't.odsCode', sort.direction)}` : '';
  return `${withTotal ? `CALL () { ${countCypher(filter)} }` : 'WITH null AS total'}
     CALL () {
       MATCH (t:Trust)
       WHERE ${filterClause(filter)} ${afterCondition}
       WITH t ORDER BY ${key} ${sort.direction}, t.odsCode ${sort.direction}
       LIMIT toInteger($limit)
       RETURN collect({
         trust: ${TRUST},
         implementations: COLLECT { MATCH (t)-[:HAS_IMPLEMENTATION]->(i:Implementation)
                                    OPTIONAL MATCH (i)-[:OF_PRODUCT]->(p:Product)
                                    OPTIONAL MATCH (p)-[:MADE_BY]->(s:Supplier)
                                    RETURN {implementation: properties(i), product: properties(p), supplier: properties(s)}
                                    ORDER BY coalesce(i.year, 0), i.goLiveDate, i.id }
       }) AS rows
     }
     RETURN rows, total`;
}

/** Counts the trusts matching the filter as `total`; with no filter Neo4j answers from its label counts. */
export function countCypher(filter: TrustFilter): string {
  const where = filterClause(filter);
  return `MATCH (t:Trust) ${where === 'true' ? '' : `WHERE ${where}`} RETURN count(t) AS total`;
}

export async function countTrusts(db: Database, filter: TrustFilter): Promise<number> {
  const [row] = await db.readQuery<{ total: number }>(countCypher(filter), filterParams(filter));
  return row?.total ?? 0;
}

export function trustSortValues(trust: TrustModel, field: TrustSortField): [string, string] {
  return [field === 'NAME' ? trust.name : trust.odsCode, trust.odsCode];
}

export async function findTrustsByOdsCodes(db: Database, odsCodes: readonly string[]): Promise<Array<Keyed<TrustModel>>> {
  return db.readQuery(`UNWIND $keys AS key MATCH (t:Trust {odsCode: key}) RETURN key, ${TRUST} AS node`, { keys: odsCodes });
}

/** Trusts with an implementation of each supplier's products, by name. */
export async function findTrustsBySupplierIds(db: Database, supplierIds: readonly string[]): Promise<Array<Keyed<TrustModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key
     MATCH (s:Supplier {id: key})<-[:MADE_BY]-(:Product)<-[:OF_PRODUCT]-(:Implementation)<-[:HAS_IMPLEMENTATION]-(t:Trust)
     WITH DISTINCT key, t ORDER BY t.name
     RETURN key, ${TRUST} AS node`,
    { keys: supplierIds },
  );
}

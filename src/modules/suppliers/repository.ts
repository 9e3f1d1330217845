/** All Cypher about suppliers, products and implementations. */
import type { Database } from '../../db/database.js';
import type { ImplementationSortField, Region, ImplementationStatus, SortDirection } from '../../generated/resolvers.js';
import type { Keyed } from '../shared/batch.js';
import type { Relation } from '../shared/repository.js';
import { keysetCondition, type Page } from '../shared/pagination.js';
import type { ImplementationModel, ImplementationWithProduct } from './model.js';

/** The relationship lists of this domain the loaders fetch with `findRelated`, in the order they are shown. */
export const SUPPLIER_RELATIONS = {
  productsOfSupplier: { from: 'Supplier', type: 'MADE_BY', direction: 'in', to: 'Product', orderBy: 'n.name' },
  supplierOfProduct: { from: 'Product', type: 'MADE_BY', direction: 'out', to: 'Supplier', orderBy: 'n.id' },
  productOfImplementation: { from: 'Implementation', type: 'OF_PRODUCT', direction: 'out', to: 'Product', orderBy: 'n.id' },
  implementationsOfProduct: {
    from: 'Product',
    type: 'OF_PRODUCT',
    direction: 'in',
    to: 'Implementation',
    orderBy: 'coalesce(n.year, 0) DESC, n.id DESC',
  },
} as const satisfies Record<string, Relation>;

/**
 * Each trust's implementations, oldest first (by year, then go-live date, then id; the trusts page returns them in
 * the same order), each with its product and supplier: they are nearly always shown together.
 */
export async function findImplementationsOfTrusts(db: Database, odsCodes: readonly string[]): Promise<Array<Keyed<ImplementationWithProduct>>> {
  return db.readQuery(
    `UNWIND $keys AS key
     MATCH (:Trust {odsCode: key})-[:HAS_IMPLEMENTATION]->(i:Implementation)
     OPTIONAL MATCH (i)-[:OF_PRODUCT]->(p:Product)
     OPTIONAL MATCH (p)-[:MADE_BY]->(s:Supplier)
     RETURN key, {implementation: properties(i), product: properties(p), supplier: properties(s)} AS node
     ORDER BY coalesce(i.year, 0), i.goLiveDate, i.id`,
    { keys: odsCodes },
  );
}

export async function findTrustOdsCodesByImplementationIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<string>>> {
  return db.readQuery(`UNWIND $keys AS key MATCH (:Implementation {id: key})<-[:HAS_IMPLEMENTATION]-(t:Trust) RETURN key, t.odsCode AS node`, { keys });
}

export async function findImplementationsBySupplierIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<ImplementationModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Supplier {id: key})<-[:MADE_BY]-(:Product)<-[:OF_PRODUCT]-(i:Implementation)
     RETURN key, properties(i) AS node ORDER BY coalesce(i.year, 0) DESC, i.id DESC`,
    { keys },
  );
}

export interface ImplementationFilter {
  supplierIds?: string[] | null;
  productIds?: string[] | null;
  statuses?: ImplementationStatus[] | null;
  trustOdsCodes?: string[] | null;
  regions?: Region[] | null;
  yearFrom?: number | null;
  yearTo?: number | null;
}

export interface ImplementationSort {
  field: ImplementationSortField;
  direction: SortDirection;
}

const SORT_KEYS: Record<ImplementationSortField, string> = { YEAR: 'coalesce(i.year, 0)', ID: 'i.id' };

const IMPLEMENTATION_MATCH = `MATCH (t:Trust)-[:HAS_IMPLEMENTATION]->(i:Implementation)-[:OF_PRODUCT]->(p:Product)-[:MADE_BY]->(s:Supplier)`;

function filterClause(filter: ImplementationFilter): string {
  const conditions = ['true'];
  if (filter.supplierIds) conditions.push('s.id IN $supplierIds');
  if (filter.productIds) conditions.push('p.id IN $productIds');
  if (filter.statuses) conditions.push('i.status IN $statuses');
  if (filter.trustOdsCodes) conditions.push('t.odsCode IN $trustOdsCodes');
  if (filter.regions) conditions.push('t.region IN $regions');
  if (filter.yearFrom != null) conditions.push('i.year >= $yearFrom');
  if (filter.yearTo != null) conditions.push('i.year <= $yearTo');
  return conditions.join(' AND ');
}

function filterParams(filter: ImplementationFilter) {
  return {
    supplierIds: filter.supplierIds ?? null,
    productIds: filter.productIds ?? null,
    statuses: filter.statuses ?? null,
    trustOdsCodes: filter.trustOdsCodes ?? null,
    regions: filter.regions ?? null,
    yearFrom: filter.yearFrom ?? null,
    yearTo: filter.yearTo ?? null,
  };
}

export async function findImplementationPage(db: Database, filter: ImplementationFilter, sort: ImplementationSort, page: Page): Promise<ImplementationModel[]> {
  const key = SORT_KEYS[sort.field];
  const after = page.after ? `AND ${keysetCondition(key, 'i.id', sort.direction)}` : '';
  const rows = await db.readQuery<{ node: ImplementationModel }>(
    `${IMPLEMENTATION_MATCH}
     WHERE ${filterClause(filter)} ${after}
     RETURN properties(i) AS node ORDER BY ${key} ${sort.direction}, i.id ${sort.direction}
     LIMIT toInteger($limit)`,
    { ...filterParams(filter), afterKey: page.after?.[0] ?? null, afterId: page.after?.[1] ?? null, limit: page.first + 1 },
  );
  return rows.map((row) => row.node);
}

export async function countImplementations(db: Database, filter: ImplementationFilter): Promise<number> {
  const [row] = await db.readQuery<{ count: number }>(`${IMPLEMENTATION_MATCH} WHERE ${filterClause(filter)} RETURN count(i) AS count`, filterParams(filter));
  return row?.count ?? 0;
}

export function implementationSortValues(implementation: ImplementationModel, field: ImplementationSortField): [string | number, string] {
  return [field === 'YEAR' ? (implementation.year ?? 0) : implementation.id, implementation.id];
}

/**
 * All Cypher of the evidence analytics. Every figure is counted here, in the database; TypeScript only divides,
 * grades and tests what comes back. Each function runs one query whatever the size of the graph.
 *
 * The evidence of an offer, a decision or a determinant's finding, and what supports or contradicts it, are those
 * of modules/evidence (the same scope as the trail of modules/outcomes); the counts of strength profiles and gaps
 * are the evidence module's maintained aggregates, read, not counted, here.
 */
import type { Database } from '../../db/database.js';
import { ENUM_VALUES } from '../../generated/enum-values.js';
import type { Metric } from '../../generated/resolvers.js';
import { readAggregatePart, readsOf } from '../evidence/aggregates.js';
import { subjectEvidence, type DeterminantLinksModel } from '../evidence/repository.js';
import { CURRENT_SUPPLIER_ID, EPR_STATUS, EPR_STATUSES, type SubjectKind as EvidenceSubjectKind } from '../evidence/scope.js';
import type { StratumCountModel } from '../evidence/model.js';
import type { Keyed } from '../shared/batch.js';
import type {
  ContestedDeterminantModel,
  EvidenceCountsModel,
  GoLiveCandidateModel,
  ImplementationStatusCountModel,
  SupplierMarketShareModel,
} from './model.js';

export type SubjectKind = Exclude<EvidenceSubjectKind, 'finding'>;

/** Every region and trust type, in the SDL's order (strata are listed in it). */
export const REGIONS = ENUM_VALUES.Region;
export const TRUST_TYPES = ENUM_VALUES.TrustType;

/** The stratum of trusts without a LIVE implementation on the supplier dimension. */
export const NO_SUPPLIER_KEY = 'none-recorded';

/** Evidence counts per offer or decision (the stored strength aggregates); `keys` null for every one of the kind. By id. */
export async function findSubjectEvidenceCounts(db: Database, kind: SubjectKind, keys: readonly string[] | null): Promise<Array<Keyed<EvidenceCountsModel>>> {
  return readAggregatePart<EvidenceCountsModel>(readsOf(db), kind, 'strength', keys);
}

/** Evidence counts per determinant (the evidence of its finding): the insights and the sources that EVIDENCE it. */
export async function findDeterminantEvidenceCounts(db: Database, keys: readonly string[]): Promise<Array<Keyed<EvidenceCountsModel>>> {
  return readAggregatePart<EvidenceCountsModel>(readsOf(db), 'finding', 'strength', keys);
}

export interface VoiceCountRow {
  key: string;
  insights: number;
  /** Every role, by id: insights in which it speaks, and those insights split equally between their roles. */
  byRole: Array<{ key: string; label: string; insights: number; weighted: number }>;
  /** Every trust type, in enum order. */
  byTrustType: Array<{ key: string; insights: number }>;
}

/** Who speaks in the evidence of each offer or decision, counted per role and per trust type. */
export async function findVoiceCounts(db: Database, kind: SubjectKind, keys: readonly string[]): Promise<VoiceCountRow[]> {
  return db.readQuery(voiceCountsStatement(kind), { keys, trustTypes: TRUST_TYPES });
}

/** The statement of `findVoiceCounts` (parameters `$keys`, `$trustTypes`). */
export function voiceCountsStatement(kind: SubjectKind): string {
  return `${subjectEvidence(kind)}
     WITH key, rows, COLLECT { MATCH (r:Role) RETURN r ORDER BY r.id } AS roles
     RETURN key, size(rows) AS insights,
       [r IN roles | {
         key: r.id, label: r.name,
         insights: size([x IN rows WHERE r.id IN x.roleIds]),
         weighted: reduce(w = 0.0, x IN rows | w + CASE WHEN r.id IN x.roleIds THEN 1.0 / size(x.roleIds) ELSE 0.0 END)
       }] AS byRole,
       [type IN $trustTypes | {key: type, insights: size([x IN rows WHERE x.type = type])}] AS byTrustType`;
}

/** Ids of determinants that no support offer addresses, by id. */
export async function findUnaddressedDeterminantIds(db: Database): Promise<string[]> {
  const rows = await db.readQuery<{ id: string }>(`MATCH (d:Determinant) WHERE NOT EXISTS { (:SupportOffer)-[:ADDRESSES]->(d) } RETURN d.id AS id ORDER BY id`);
  return rows.map((row) => row.id);
}

/** Determinants with more contradicting than supporting links, insights and sources counted alike (stored links); by id. */
export async function findContestedDeterminants(db: Database): Promise<ContestedDeterminantModel[]> {
  const rows = await readAggregatePart<DeterminantLinksModel>(readsOf(db), 'finding', 'links', null);
  return rows
    .filter(({ node }) => node.contradictingLinks > node.supportingLinks)
    .map(({ key, node }) => ({ determinantId: key, supporting: node.supportingLinks, contradicting: node.contradictingLinks }));
}

/**
 * Trusts per stratum of every dimension, in England and in the sample (trusts with an Interview AT them). Every
 * stratum appears, also those without trusts: each enum value, each supplier (by name) and `none-recorded`.
 */
export async function findStratumCounts(db: Database): Promise<StratumCountModel[]> {
  return db.readQuery(
    `MATCH (t:Trust)
     WITH collect({
       REGION: t.region,
       TRUST_TYPE: t.type,
       EPR_SUPPLIER: coalesce(${CURRENT_SUPPLIER_ID}, $noSupplier),
       EPR_STATUS: ${EPR_STATUS},
       sampled: EXISTS { (:Interview)-[:AT]->(t) }
     }) AS trusts
     WITH trusts,
          [x IN $regions | {key: x, label: x}] AS regions,
          [x IN $trustTypes | {key: x, label: x}] AS types,
          COLLECT { MATCH (s:Supplier) RETURN {key: s.id, label: s.name} AS x ORDER BY s.name, s.id }
            + [{key: $noSupplier, label: 'None recorded'}] AS suppliers,
          [x IN $statuses | {key: x, label: x}] AS statuses
     UNWIND [
       {dimension: 'REGION', strata: regions},
       {dimension: 'TRUST_TYPE', strata: types},
       {dimension: 'EPR_SUPPLIER', strata: suppliers},
       {dimension: 'EPR_STATUS', strata: statuses}
     ] AS dim
     UNWIND range(0, size(dim.strata) - 1) AS i
     WITH trusts, dim.dimension AS dimension, dim.strata[i] AS stratum, i
     RETURN dimension, stratum.key AS key, stratum.label AS label,
            size([x IN trusts WHERE x[dimension] = stratum.key]) AS populationTrusts,
            size([x IN trusts WHERE x[dimension] = stratum.key AND x.sampled]) AS sampleTrusts
     ORDER BY dimension, i`,
    { regions: REGIONS, trustTypes: TRUST_TYPES, statuses: EPR_STATUSES, noSupplier: NO_SUPPLIER_KEY },
  );
}

/**
 * Every supplier with its live trusts (trusts whose most recent LIVE implementation is its product), per region
 * and per trust type; most live trusts first, then by name.
 */
export async function findSupplierMarketShares(db: Database): Promise<Array<Omit<SupplierMarketShareModel, 'marketShare'> & { trustsWithLiveEpr: number }>> {
  return db.readQuery(
    `MATCH (t:Trust)
     WITH collect({supplierId: ${CURRENT_SUPPLIER_ID}, region: t.region, type: t.type}) AS trusts
     WITH trusts, size([x IN trusts WHERE x.supplierId IS NOT NULL]) AS trustsWithLiveEpr
     MATCH (s:Supplier)
     WITH s, trustsWithLiveEpr, [x IN trusts WHERE x.supplierId = s.id] AS mine
     ORDER BY size(mine) DESC, s.name, s.id
     RETURN s.id AS supplierId, trustsWithLiveEpr, size(mine) AS liveTrusts,
            COLLECT { UNWIND mine AS x WITH x.region AS key, count(*) AS count RETURN {key: key, count: count} AS c ORDER BY key } AS byRegion,
            COLLECT { UNWIND mine AS x WITH x.type AS key, count(*) AS count RETURN {key: key, count: count} AS c ORDER BY key } AS byTrustType`,
  );
}

export interface LandscapeTotalsRow {
  trustsWithLiveEpr: number;
  implementations: ImplementationStatusCountModel[];
  trustsWithoutEprOdsCodes: string[];
}

/** Implementations per status and year, trusts with a LIVE EPR, and trusts with no implementation recorded. */
export async function findLandscapeTotals(db: Database): Promise<LandscapeTotalsRow> {
  const [row] = await db.readQuery<LandscapeTotalsRow>(
    `CALL () {
       MATCH (i:Implementation)
       WITH i.status AS status, i.year AS year, count(*) AS count
       ORDER BY year, status
       RETURN collect({status: status, year: year, count: count}) AS implementations
     }
     CALL () {
       RETURN COUNT { MATCH (t:Trust) WHERE ${EPR_STATUS} = 'LIVE' } AS trustsWithLiveEpr
     }
     CALL () {
       MATCH (t:Trust) WHERE NOT EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation) }
       WITH t ORDER BY t.name
       RETURN collect(t.odsCode) AS trustsWithoutEprOdsCodes
     }
     RETURN trustsWithLiveEpr, implementations, trustsWithoutEprOdsCodes`,
  );
  return row ?? { trustsWithLiveEpr: 0, implementations: [], trustsWithoutEprOdsCodes: [] };
}

/**
 * Implementations that went live (LIVE, or REPLACED with a go-live date) in a month after the trust's first month
 * of `metric` data and no later than its last: those with data on both sides. By go-live date, then ODS code.
 */
export async function findGoLivesInsideData(db: Database, metric: Metric): Promise<GoLiveCandidateModel[]> {
  return db.readQuery(
    `MATCH (t:Trust)-[:HAS_IMPLEMENTATION]->(i:Implementation)
     WHERE i.status IN ['LIVE', 'REPLACED'] AND i.goLiveDate IS NOT NULL
     WITH t, i, substring(toString(i.goLiveDate), 0, 7) AS goLiveMonth
     CALL (t) {
       MATCH (t)-[:REPORTED]->(o:Observation {metric: $metric})
       RETURN min(o.period) AS firstMonth, max(o.period) AS lastMonth
     }
     WITH t, i, goLiveMonth WHERE firstMonth < goLiveMonth AND goLiveMonth <= lastMonth
     RETURN i.id AS implementationId, t.odsCode AS trustOdsCode ORDER BY i.goLiveDate, trustOdsCode`,
    { metric },
  );
}

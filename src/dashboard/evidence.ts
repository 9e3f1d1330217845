/**
 * The evidence view's numbers, computed in the page from the insights of one subject so that a filter recomputes
 * them at once: the stance counts, who was heard, the strength profile and the representativeness of the trail's
 * own trusts. The rules are the server's own (src/modules/analytics/grading.ts and src/modules/evidence/representativeness.ts, pure
 * modules the page bundles), so the page and the API can never grade or test differently.
 */
import type {
  CoherenceCategory,
  DashboardDeterminantInsightsQuery,
  DashboardTrustsQuery,
  EvidenceInsightRowFragment,
  Region,
  TrustType,
} from '../client/index.js';
import { assertNever } from '../assert-never.js';
import { gradeEvidence } from '../modules/analytics/grading.js';
import type { StratificationDimension } from '../generated/resolvers.js';
import type { EvidenceStrengthModel } from '../modules/analytics/model.js';
import type { RepresentativenessTestModel, StratumCountModel } from '../modules/evidence/model.js';
import { testRepresentativeness } from '../modules/evidence/representativeness.js';
import { EPR_STATUS_LABELS, REGION_LABELS, TRUST_TYPE_LABELS, type RowStance } from './labels.js';

export type TrustRow = DashboardTrustsQuery['trusts']['nodes'][number];

/** One evidence insight of the subject, in one shape for offers, decisions and determinants. */
export interface EvidenceRow {
  id: string;
  insightId: string;
  summary: string;
  illustrative: boolean;
  stance: RowStance;
  direct: boolean;
  determinantIds: string[];
  interviewId: string;
  /** Null when the interview's trust is not known (a survey response): then only its type and region are. */
  trust: { id: string; odsCode: string; name: string } | null;
  trustType: TrustType;
  region: Region;
  /** Undefined where the role may not see them (a determinant's insights below the researcher role). */
  roles: Array<{ roleId: string; name: string }> | undefined;
  suppliers: Array<{ supplierId: string; name: string }>;
  /** The study the insight was coded in (src/modules/studies). */
  study: { studyId: string; title: string };
}

const ROW_STANCE: Record<CoherenceCategory, RowStance> = { SUPPORTING: 'SUPPORTS', CONTRADICTING: 'CONTRADICTS', MIXED: 'MIXED' };

export function fromTrailInsight(entry: EvidenceInsightRowFragment): EvidenceRow {
  return {
    id: entry.insight.id,
    insightId: entry.insight.insightId,
    summary: entry.insight.summary,
    illustrative: entry.insight.illustrative,
    // The server's coherence split, the one its profile counts: an insight that informs the subject directly and
    // contradicts one of its determinants is MIXED there, so the stance counts of the rows and of the profile agree.
    stance: ROW_STANCE[entry.coherence],
    direct: entry.direct,
    determinantIds: entry.determinants.map((link) => link.determinant.determinantId),
    interviewId: entry.interview.interviewId,
    trust: entry.trust,
    trustType: entry.trustType,
    region: entry.region,
    roles: entry.roles,
    suppliers: entry.suppliers,
    study: entry.insight.study,
  };
}

type DeterminantInsight = NonNullable<NonNullable<DashboardDeterminantInsightsQuery['determinant']>['insights']>['nodes'][number];

/** A determinant's insight: its stance is that of its links to this determinant (both kinds: MIXED). */
export function fromDeterminantInsight(insight: DeterminantInsight, determinantId: string): EvidenceRow {
  const stances = new Set(insight.determinants.filter((link) => link.determinant.determinantId === determinantId).map((link) => link.stance));
  const { trust } = insight.interview;
  const roles = insight.interview.participants?.map((participant) => participant.role);
  return {
    id: insight.id,
    insightId: insight.insightId,
    summary: insight.summary,
    illustrative: insight.illustrative,
    stance: stances.size > 1 ? 'MIXED' : stances.has('CONTRADICTS') ? 'CONTRADICTS' : 'SUPPORTS',
    direct: false,
    determinantIds: [determinantId],
    interviewId: insight.interview.interviewId,
    trust: trust ? { id: trust.id, odsCode: trust.odsCode, name: trust.name } : null,
    trustType: insight.interview.trustType,
    region: insight.interview.region,
    roles: roles && uniqueBy(roles, (role) => role.roleId),
    suppliers: trust?.currentImplementation ? [trust.currentImplementation.supplier] : [],
    study: insight.study,
  };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

export interface Filters {
  regions: ReadonlySet<string>;
  trustTypes: ReadonlySet<string>;
  roleIds: ReadonlySet<string>;
  supplierIds: ReadonlySet<string>;
  stances: ReadonlySet<string>;
  studyIds: ReadonlySet<string>;
}

export const NO_FILTERS: Filters = {
  regions: new Set(),
  trustTypes: new Set(),
  roleIds: new Set(),
  supplierIds: new Set(),
  stances: new Set(),
  studyIds: new Set(),
};

export function isFiltered(filters: Filters): boolean {
  return Object.values(filters).some((values: ReadonlySet<string>) => values.size > 0);
}

/** Rows that pass every filter; an empty filter passes everything, values inside one filter combine with OR. */
export function filterRows(rows: readonly EvidenceRow[], filters: Filters): EvidenceRow[] {
  const pass = (chosen: ReadonlySet<string>, values: readonly string[]) => chosen.size === 0 || values.some((value) => chosen.has(value));
  return rows.filter(
    (row) =>
      pass(filters.regions, [row.region]) &&
      pass(filters.trustTypes, [row.trustType]) &&
      pass(filters.roleIds, row.roles?.map((role) => role.roleId) ?? []) &&
      pass(
        filters.supplierIds,
        row.suppliers.map((supplier) => supplier.supplierId),
      ) &&
      pass(filters.stances, [row.stance]) &&
      pass(filters.studyIds, [row.study.studyId]),
  );
}

export interface StanceCounts {
  /** Insights whose every link supports (or that informed the subject directly). */
  supporting: number;
  /** Insights whose every link contradicts. */
  contradicting: number;
  /** Insights with links of both kinds. */
  mixed: number;
  /** supporting + contradicting + mixed. */
  total: number;
}

export function countStances(rows: readonly EvidenceRow[]): StanceCounts {
  const count = (stance: RowStance) => rows.filter((row) => row.stance === stance).length;
  return { supporting: count('SUPPORTS'), contradicting: count('CONTRADICTS'), mixed: count('MIXED'), total: rows.length };
}

export interface Tally {
  key: string;
  label: string;
  insights: number;
}

/** Insights per group, every known group included (at 0 when unheard), most insights first, then by label. */
export function tally(
  rows: readonly EvidenceRow[],
  groups: (row: EvidenceRow) => ReadonlyArray<{ key: string; label: string }>,
  known: ReadonlyArray<{ key: string; label: string }> = [],
): Tally[] {
  const tallies = new Map<string, Tally>(known.map(({ key, label }) => [key, { key, label, insights: 0 }]));
  for (const row of rows) {
    for (const { key, label } of uniqueBy([...groups(row)], (group) => group.key)) {
      const entry = tallies.get(key) ?? { key, label, insights: 0 };
      entry.insights += 1;
      tallies.set(key, entry);
    }
  }
  return [...tallies.values()].sort((a, b) => b.insights - a.insights || a.label.localeCompare(b.label));
}

export const enumGroups = <K extends string>(labels: Record<K, string>) => Object.entries<string>(labels).map(([key, label]) => ({ key, label }));

/** The sources' part of a profile, which the insight filters do not change. */
export type SourceCounts = Pick<EvidenceStrengthModel, 'sources' | 'supportingSources' | 'contradictingSources'>;

/** The strength profile of the rows (for a filtered view), by the server's grading rule. */
export function gradeRows(rows: readonly EvidenceRow[], sources: SourceCounts): EvidenceStrengthModel {
  const distinct = (values: string[]) => new Set(values).size;
  return gradeEvidence({
    insights: rows.length,
    supportingInsights: rows.filter((row) => row.stance !== 'CONTRADICTS').length,
    contradictingInsights: rows.filter((row) => row.stance !== 'SUPPORTS').length,
    interviews: distinct(rows.map((row) => row.interviewId)),
    trusts: distinct(rows.flatMap((row) => (row.trust ? [row.trust.odsCode] : []))),
    roles: distinct(rows.flatMap((row) => row.roles?.map((role) => role.roleId) ?? [])),
    regions: distinct(rows.map((row) => row.region)),
    trustTypes: distinct(rows.map((row) => row.trustType)),
    suppliers: distinct(rows.flatMap((row) => row.suppliers.map((supplier) => supplier.supplierId))),
    ...sources,
  });
}

export const NONE_RECORDED = 'none-recorded';

/** The stratum of a trust on each dimension, with its label. */
function stratumOf(trust: TrustRow, dimension: StratificationDimension): { key: string; label: string } {
  switch (dimension) {
    case 'REGION':
      return { key: trust.region, label: REGION_LABELS[trust.region] };
    case 'TRUST_TYPE':
      return { key: trust.type, label: TRUST_TYPE_LABELS[trust.type] };
    case 'EPR_STATUS':
      return { key: trust.eprStatus, label: EPR_STATUS_LABELS[trust.eprStatus] };
    case 'EPR_SUPPLIER': {
      const supplier = trust.currentImplementation?.supplier;
      return supplier ? { key: supplier.supplierId, label: supplier.name } : { key: NONE_RECORDED, label: 'No live EPR' };
    }
    default:
      return assertNever(dimension, 'stratification dimension');
  }
}

export interface SupplierName {
  supplierId: string;
  name: string;
}

/**
 * The trusts this evidence comes from (the rows' trusts) against every trust in England, on each dimension, with
 * the server's chi-square test. Every stratum is listed, also those without trusts (every supplier, at 0).
 */
export function representTrail(rows: readonly EvidenceRow[], trusts: readonly TrustRow[], suppliers: readonly SupplierName[]): RepresentativenessTestModel[] {
  const sample = new Set(rows.flatMap((row) => (row.trust ? [row.trust.odsCode] : [])));
  const known: Record<StratificationDimension, Array<{ key: string; label: string }>> = {
    REGION: enumGroups(REGION_LABELS),
    TRUST_TYPE: enumGroups(TRUST_TYPE_LABELS),
    EPR_SUPPLIER: [...suppliers]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((s) => ({ key: s.supplierId, label: s.name }))
      .concat({ key: NONE_RECORDED, label: 'No live EPR' }),
    EPR_STATUS: enumGroups(EPR_STATUS_LABELS),
  };
  return (Object.keys(known) as StratificationDimension[]).map((dimension) => {
    const counts = new Map<string, StratumCountModel>(
      known[dimension].map(({ key, label }) => [key, { dimension, key, label, populationTrusts: 0, sampleTrusts: 0 }]),
    );
    for (const trust of trusts) {
      const { key, label } = stratumOf(trust, dimension);
      const entry = counts.get(key) ?? { dimension, key, label, populationTrusts: 0, sampleTrusts: 0 };
      entry.populationTrusts += 1;
      if (sample.has(trust.odsCode)) entry.sampleTrusts += 1;
      counts.set(key, entry);
    }
    return testRepresentativeness(dimension, [...counts.values()]);
  });
}

import type { Context } from '../../context.js';
import type { Metric, Resolvers, StratificationDimension } from '../../generated/resolvers.js';
import { loadAllRequired, loadRequired, required } from '../shared/batch.js';
import { gradeEvidence } from './grading.js';
import type {
  EvidenceCountsModel,
  EvidenceGapsModel,
  EvidenceStrengthModel,
  EvidenceVoicesModel,
  GoLiveImpactModel,
  RepresentativenessModel,
  SupplierLandscapeModel,
  ThinEvidenceModel,
} from './model.js';
import {
  findContestedDeterminants,
  findGoLivesInsideData,
  findLandscapeTotals,
  findStratumCounts,
  findSubjectEvidenceCounts,
  findSupplierMarketShares,
  findUnaddressedDeterminantIds,
  type SubjectKind,
  type VoiceCountRow,
} from './repository.js';
import { testRepresentativeness } from '../evidence/representativeness.js';

const share = (part: number, whole: number): number | null => (whole === 0 ? null : Number((part / whole).toFixed(6)));

function toStrength(counts: EvidenceCountsModel | null, what: string): EvidenceStrengthModel {
  return gradeEvidence(required(counts, what));
}

function toVoices(row: VoiceCountRow | null, what: string): EvidenceVoicesModel {
  const { insights, byRole, byTrustType } = required(row, what);
  return {
    insights,
    byRole: byRole.map((r) => ({
      key: r.key,
      label: r.label,
      insights: r.insights,
      share: share(r.insights, insights),
      weightedShare: share(r.weighted, insights),
    })),
    byTrustType: byTrustType.map((t) => ({
      key: t.key,
      label: t.key,
      insights: t.insights,
      share: share(t.insights, insights),
      weightedShare: share(t.insights, insights),
    })),
  };
}

async function findThinEvidence(context: Context, kind: SubjectKind): Promise<ThinEvidenceModel[]> {
  const rows = await findSubjectEvidenceCounts(context.db, kind, null);
  return rows.flatMap(({ key, node }) => {
    const reasons: ThinEvidenceModel['reasons'] = [];
    if (node.insights === 0) reasons.push('NO_EVIDENCE');
    else {
      if (node.trusts === 1) reasons.push('SINGLE_TRUST');
      if (node.roles === 1) reasons.push('SINGLE_ROLE');
      if (node.regions === 1) reasons.push('SINGLE_REGION');
    }
    return reasons.length === 0 ? [] : [{ kind, id: key, reasons, trusts: node.trusts, roles: node.roles, regions: node.regions }];
  });
}

async function findEvidenceGaps(context: Context): Promise<EvidenceGapsModel> {
  const [unaddressedDeterminantIds, offers, decisions, contestedDeterminants] = await Promise.all([
    findUnaddressedDeterminantIds(context.db),
    findThinEvidence(context, 'offer'),
    findThinEvidence(context, 'decision'),
    findContestedDeterminants(context.db),
  ]);
  return { unaddressedDeterminantIds, thinEvidence: [...offers, ...decisions], contestedDeterminants };
}

async function findRepresentativeness(context: Context): Promise<RepresentativenessModel> {
  const counts = await findStratumCounts(context.db);
  const test = (dimension: StratificationDimension) =>
    testRepresentativeness(
      dimension,
      counts.filter((c) => c.dimension === dimension),
    );
  const byRegion = test('REGION');
  return {
    populationTrusts: byRegion.strata.reduce((sum, s) => sum + s.populationTrusts, 0),
    sampleTrusts: byRegion.strata.reduce((sum, s) => sum + s.sampleTrusts, 0),
    byRegion,
    byTrustType: test('TRUST_TYPE'),
    bySupplier: test('EPR_SUPPLIER'),
    byEprStatus: test('EPR_STATUS'),
  };
}

async function findSupplierLandscape(context: Context): Promise<SupplierLandscapeModel> {
  const [suppliers, totals] = await Promise.all([findSupplierMarketShares(context.db), findLandscapeTotals(context.db)]);
  return {
    ...totals,
    suppliers: suppliers.map(({ trustsWithLiveEpr: _total, ...s }) => ({ ...s, marketShare: share(s.liveTrusts, totals.trustsWithLiveEpr) })),
  };
}

async function findGoLiveImpact(context: Context, metric: Metric, months: number): Promise<GoLiveImpactModel> {
  const candidates = await findGoLivesInsideData(context.db, metric);
  const performances = await loadAllRequired(
    context.loaders.performance.goLivePerformance,
    candidates.map((c) => ({ implementationId: c.implementationId, metric, months })),
    (key) => `performance around go-live of ${key.implementationId}`,
  );
  const trusts = candidates.map((c, i) => ({ ...c, performance: performances[i]! }));
  const changes = trusts.flatMap((t) => (t.performance.change === null ? [] : [t.performance.change]));
  const meanChange = changes.length === 0 ? null : Number((changes.reduce((a, b) => a + b, 0) / changes.length).toFixed(4));
  return { metric, months, trusts, meanChange };
}

export const analyticsResolvers: Resolvers = {
  Query: {
    evidenceGaps: (_parent, _args, context) => findEvidenceGaps(context),
    representativeness: (_parent, _args, context) => findRepresentativeness(context),
    supplierLandscape: (_parent, _args, context) => findSupplierLandscape(context),
    goLiveImpact: (_parent, { metric, months }, context) => findGoLiveImpact(context, metric, months),
  },
  SupportOffer: {
    evidenceStrength: async (offer, _args, context) => toStrength(await context.loaders.analytics.offerEvidence.get(offer.id), `evidence of offer ${offer.id}`),
    evidenceVoices: async (offer, _args, context) => toVoices(await context.loaders.analytics.offerVoices.get(offer.id), `evidence of offer ${offer.id}`),
  },
  PolicyDecision: {
    evidenceStrength: async (decision, _args, context) =>
      toStrength(await context.loaders.analytics.decisionEvidence.get(decision.id), `evidence of decision ${decision.id}`),
    evidenceVoices: async (decision, _args, context) =>
      toVoices(await context.loaders.analytics.decisionVoices.get(decision.id), `evidence of decision ${decision.id}`),
  },
  Determinant: {
    evidenceStrength: async (determinant, _args, context) =>
      toStrength(await context.loaders.analytics.determinantEvidence.get(determinant.id), `evidence of determinant ${determinant.id}`),
  },
  EvidenceGaps: {
    unaddressedDeterminants: (gaps, _args, { loaders }) =>
      loadAllRequired(loaders.determinants.determinant, gaps.unaddressedDeterminantIds, (id) => `determinant ${id}`),
  },
  ThinEvidence: {
    supportOffer: (thin, _args, { loaders }) => (thin.kind === 'offer' ? loaders.outcomes.supportOffer.get(thin.id) : null),
    policyDecision: (thin, _args, { loaders }) => (thin.kind === 'decision' ? loaders.outcomes.policyDecision.get(thin.id) : null),
  },
  ContestedDeterminant: {
    determinant: (row, _args, { loaders }) => loadRequired(loaders.determinants.determinant, row.determinantId, `determinant ${row.determinantId}`),
  },
  SupplierMarketShare: {
    supplier: (row, _args, { loaders }) => loadRequired(loaders.suppliers.supplier, row.supplierId, `supplier ${row.supplierId}`),
  },
  SupplierLandscape: {
    trustsWithoutEpr: (landscape, _args, { loaders }) =>
      loadAllRequired(loaders.trusts.trust, landscape.trustsWithoutEprOdsCodes, (odsCode) => `trust ${odsCode}`),
  },
  GoLiveImpactTrust: {
    trust: (row, _args, { loaders }) => loadRequired(loaders.trusts.trust, row.trustOdsCode, `trust ${row.trustOdsCode}`),
    implementation: (row, _args, { loaders }) => loadRequired(loaders.suppliers.implementation, row.implementationId, `implementation ${row.implementationId}`),
  },
};

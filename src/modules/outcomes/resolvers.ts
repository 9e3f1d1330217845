import type { Context } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { required } from '../shared/batch.js';
import { findAll } from '../shared/repository.js';
import { toGlobalId } from '../shared/global-id.js';
import { buildEvidenceGraph } from './evidence-graph.js';
import type { EvidenceSubject, PolicyDecisionModel, SupportOfferModel } from './model.js';
import {
  findAddressedDeterminants,
  findDeterminantEvidence,
  findEvidenceSummary,
  findEvidenceWorkshops,
  findInsightEvidence,
  findSourceEvidence,
  findWorkshopOffers,
} from './repository.js';

/** One drawing per trail per request, whether a client asks for nodes, edges or both. */
const drawings = new WeakMap<EvidenceSubject, ReturnType<typeof drawEvidence>>();

function drawEvidenceOnce(subject: EvidenceSubject, context: Context) {
  let drawing = drawings.get(subject);
  if (!drawing) {
    drawing = drawEvidence(subject, context);
    drawings.set(subject, drawing);
  }
  return drawing;
}

async function drawEvidence(subject: EvidenceSubject, { db, loaders }: Context) {
  const record =
    subject.kind === 'offer' ? await loaders.supportOffer.load(subject.id) : await loaders.policyDecision.load(subject.id);
  const offers = subject.kind === 'offer' ? (record ? [record] : []) : await loaders.offersByDecision.load(subject.id);
  const [addressed, determinants, insights, sources, workshops, produced] = await Promise.all([
    findAddressedDeterminants(db, subject),
    findDeterminantEvidence(db, subject),
    findInsightEvidence(db, subject),
    findSourceEvidence(db, subject),
    findEvidenceWorkshops(db, subject),
    findWorkshopOffers(db, subject),
  ]);
  return buildEvidenceGraph({
    subject: { ...subject, name: required(record, `${subject.kind} ${subject.id}`).name },
    offers,
    addressed,
    determinants,
    insights,
    sources,
    workshops,
    produced,
  });
}

export const outcomeResolvers: Resolvers = {
  Query: {
    supportOffer: (_parent, { id }, { loaders }) => loaders.supportOffer.load(id),
    supportOffers: (_parent, _args, { db }) => findAll<SupportOfferModel>(db, 'SupportOffer', 'name'),
    policyDecision: (_parent, { id }, { loaders }) => loaders.policyDecision.load(id),
    policyDecisions: (_parent, _args, { db }) => findAll<PolicyDecisionModel>(db, 'PolicyDecision', 'name'),
  },
  SupportOffer: {
    id: (offer) => toGlobalId('SupportOffer', offer.id),
    offerId: (offer) => offer.id,
    source: async (offer, _args, { loaders }) => required(await loaders.source.load(offer.sourceId), `source ${offer.sourceId}`),
    determinants: (offer, _args, { loaders }) => loaders.determinantsByOffer.load(offer.id),
    workshops: (offer, _args, { loaders }) => loaders.workshopsByOffer.load(offer.id),
    insights: (offer, _args, { loaders }) => loaders.insightsByOffer.load(offer.id),
    sources: (offer, _args, { loaders }) => loaders.sourcesByOffer.load(offer.id),
    policyDecisions: (offer, _args, { loaders }) => loaders.decisionsByOffer.load(offer.id),
    evidence: (offer) => ({ kind: 'offer', id: offer.id }),
    evidenceGraph: (offer) => ({ kind: 'offer', id: offer.id }),
  },
  PolicyDecision: {
    id: (decision) => toGlobalId('PolicyDecision', decision.id),
    decisionId: (decision) => decision.id,
    source: async (decision, _args, { loaders }) => required(await loaders.source.load(decision.sourceId), `source ${decision.sourceId}`),
    supportOffers: (decision, _args, { loaders }) => loaders.offersByDecision.load(decision.id),
    insights: (decision, _args, { loaders }) => loaders.insightsByDecision.load(decision.id),
    sources: (decision, _args, { loaders }) => loaders.sourcesByDecision.load(decision.id),
    evidence: (decision) => ({ kind: 'decision', id: decision.id }),
    evidenceGraph: (decision) => ({ kind: 'decision', id: decision.id }),
  },
  EvidenceTrail: {
    determinants: (subject, _args, { db }) => findDeterminantEvidence(db, subject),
    insights: (subject, _args, { db }) => findInsightEvidence(db, subject),
    workshops: (subject, _args, { db }) => findEvidenceWorkshops(db, subject),
    sources: (subject, _args, { db }) => findSourceEvidence(db, subject),
    supportOffers: (subject, _args, { loaders }) => (subject.kind === 'decision' ? loaders.offersByDecision.load(subject.id) : []),
    summary: (subject, _args, { db }) => findEvidenceSummary(db, subject),
  },
  EvidenceGraph: {
    nodes: async (subject, _args, context) => (await drawEvidenceOnce(subject, context)).nodes,
    edges: async (subject, _args, context) => (await drawEvidenceOnce(subject, context)).edges,
  },
  DeterminantEvidence: {
    determinant: async (row, _args, { loaders }) =>
      required(await loaders.determinant.load(row.determinantId), `determinant ${row.determinantId}`),
  },
  InsightEvidence: {
    insight: async (row, _args, { loaders }) => required(await loaders.insight.load(row.insightId), `insight ${row.insightId}`),
    interview: async (row, _args, { loaders }) => required(await loaders.interview.load(row.interviewId), `interview ${row.interviewId}`),
    trust: async (row, _args, { loaders }) => required(await loaders.trust.load(row.trustOdsCode), `trust ${row.trustOdsCode}`),
    roles: async (row, _args, { loaders }) =>
      (await loaders.role.loadMany(row.roleIds)).map((role, i) => required(role instanceof Error ? null : role, `role ${row.roleIds[i]}`)),
    suppliers: async (row, _args, { loaders }) =>
      (await loaders.supplier.loadMany(row.supplierIds)).map((s, i) => required(s instanceof Error ? null : s, `supplier ${row.supplierIds[i]}`)),
  },
  SourceEvidence: {
    source: async (row, _args, { loaders }) => required(await loaders.source.load(row.sourceId), `source ${row.sourceId}`),
  },
};

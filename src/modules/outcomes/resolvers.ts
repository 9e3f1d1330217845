import type { Context } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { loadRequired, startEarly } from '../shared/batch.js';
import { findAll } from '../shared/repository.js';
import { toGlobalId } from '../shared/global-id.js';
import { connectionResolvers, plannedTotal, readPage, toConnection, type Page } from '../shared/pagination.js';
import type { FieldPlan } from '../shared/planner.js';
import type { EvidenceSubject, PolicyDecisionModel, SupportOfferModel } from './model.js';
import { TRAIL_PART_NAMES } from './repository.js';

/** The name a trail's page cursors carry, so that a cursor of one trail is refused by another. */
function trailPageName(subject: EvidenceSubject): string {
  return `evidenceInsights:${subject.kind}:${subject.id}`;
}

/** How the page of a trail's `insightsConnection` is read from its arguments, and the key the planner keeps it under. */
function trailPageReading(subject: EvidenceSubject, { config }: Context) {
  const name = trailPageName(subject);
  return { key: name, read: (args: Record<string, unknown>): Page => readPage(args, name, config.maxPageSize) };
}

/**
 * Starts reading the trail a query asks for below an offer or decision while the offer or decision itself is
 * being looked up, rather than after: the trail's resolvers then find its parts and its page of insights already
 * under way in the loaders (one round trip instead of two). What the viewer may not see is not read; a page whose
 * arguments are wrong is not either, and its own resolver says what is wrong.
 */
function prefetchEvidence(subject: EvidenceSubject, context: Context, record: FieldPlan): void {
  const { outcomes } = context.loaders;
  for (const trail of record.fields('evidence')) {
    const pages = trail.fields('insightsConnection');
    const counted = pages.some((page) => page.selects('totalCount'));
    for (const part of TRAIL_PART_NAMES) {
      if (trail.selects(part) || (part === 'summary' && counted)) startEarly(outcomes.trailPart(subject, part));
    }
    const { key, read } = trailPageReading(subject, context);
    for (const field of pages) {
      const page = field.peek(key, read);
      if (page) startEarly(outcomes.trailInsightPages.get({ ...subject, page }));
    }
  }
}

export const outcomeResolvers: Resolvers = {
  Query: {
    supportOffer: (_parent, { id }, context, info) => {
      prefetchEvidence({ kind: 'offer', id }, context, context.planner.plan(info));
      return context.loaders.outcomes.supportOffer.get(id);
    },
    supportOffers: (_parent, _args, { db }) => findAll<SupportOfferModel>(db, 'SupportOffer', 'name'),
    policyDecision: (_parent, { id }, context, info) => {
      prefetchEvidence({ kind: 'decision', id }, context, context.planner.plan(info));
      return context.loaders.outcomes.policyDecision.get(id);
    },
    policyDecisions: (_parent, _args, { db }) => findAll<PolicyDecisionModel>(db, 'PolicyDecision', 'name'),
  },
  SupportOffer: {
    id: (offer) => toGlobalId('SupportOffer', offer.id),
    offerId: (offer) => offer.id,
    source: (offer, _args, { loaders }) => loadRequired(loaders.provenance.source, offer.sourceId, `source ${offer.sourceId}`),
    determinants: (offer, _args, { loaders }) => loaders.outcomes.determinantsByOffer.get(offer.id),
    workshops: (offer, _args, { loaders }) => loaders.outcomes.workshopsByOffer.get(offer.id),
    insights: (offer, _args, { loaders }) => loaders.outcomes.insightsByOffer.get(offer.id),
    sources: (offer, _args, { loaders }) => loaders.outcomes.sourcesByOffer.get(offer.id),
    policyDecisions: (offer, _args, { loaders }) => loaders.outcomes.decisionsByOffer.get(offer.id),
    evidence: (offer) => ({ kind: 'offer', id: offer.id }),
    evidenceGraph: (offer) => ({ kind: 'offer', id: offer.id }),
  },
  PolicyDecision: {
    id: (decision) => toGlobalId('PolicyDecision', decision.id),
    decisionId: (decision) => decision.id,
    source: (decision, _args, { loaders }) => loadRequired(loaders.provenance.source, decision.sourceId, `source ${decision.sourceId}`),
    supportOffers: (decision, _args, { loaders }) => loaders.outcomes.offersByDecision.get(decision.id),
    insights: (decision, _args, { loaders }) => loaders.outcomes.insightsByDecision.get(decision.id),
    sources: (decision, _args, { loaders }) => loaders.outcomes.sourcesByDecision.get(decision.id),
    evidence: (decision) => ({ kind: 'decision', id: decision.id }),
    evidenceGraph: (decision) => ({ kind: 'decision', id: decision.id }),
  },
  EvidenceTrail: {
    determinants: (subject, _args, { loaders }) => loaders.outcomes.trailPart(subject, 'determinants'),
    insights: (subject, _args, { loaders }) => loaders.outcomes.trailInsights.get(subject),
    insightsConnection: async (subject, _args, context, info) => {
      const { outcomes } = context.loaders;
      const plan = context.planner.plan(info);
      const { key, read } = trailPageReading(subject, context);
      const page = plan.derive(key, read);
      const totalCount = plannedTotal(plan, async () => (await outcomes.trailPart(subject, 'summary')).insights);
      const rows = await outcomes.trailInsightPages.get({ ...subject, page });
      return toConnection(rows, page, trailPageName(subject), (row) => [row.insight.id], totalCount);
    },
    workshops: (subject, _args, { loaders }) => loaders.outcomes.trailPart(subject, 'workshops'),
    sources: (subject, _args, { loaders }) => loaders.outcomes.trailPart(subject, 'sources'),
    supportOffers: (subject, _args, { loaders }) => (subject.kind === 'decision' ? loaders.outcomes.offersByDecision.get(subject.id) : []),
    summary: (subject, _args, { loaders }) => loaders.outcomes.trailPart(subject, 'summary'),
  },
  EvidenceGraph: {
    nodes: async (subject, _args, { loaders }) => (await loaders.outcomes.evidenceGraph(subject)).nodes,
    edges: async (subject, _args, { loaders }) => (await loaders.outcomes.evidenceGraph(subject)).edges,
  },
  InsightEvidenceConnection: connectionResolvers,
  InsightEvidence: {
    trustType: (row) => row.trustType,
    region: (row) => row.region,
  },
};

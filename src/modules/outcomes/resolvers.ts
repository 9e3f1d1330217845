import { getArgumentValues, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';

import { hasRole } from '../../auth/viewer.js';
import type { Context } from '../../context.js';
import type { Loaders } from '../../loaders.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { loadRequired, required } from '../shared/batch.js';
import { findAll } from '../shared/repository.js';
import { toGlobalId } from '../shared/global-id.js';
import { selectedFields } from '../shared/selection.js';
import { connectionResolvers, countWhenSelected, readPage, toConnection } from '../shared/pagination.js';
import { buildEvidenceGraph } from './evidence-graph.js';
import type { EvidenceSubject, InsightEvidenceModel, PolicyDecisionModel, SupportOfferModel } from './model.js';
import {
  TRAIL_PART_NAMES,
  type TrailPart,
  type TrailParts,
} from './repository.js';

/**
 * An evidence row holds the insight's interview and trust: seed the loaders with them, so that following an
 * interview's or a trust's own fields from a row runs no query for what the row already fetched.
 */
function primeLoaders(rows: InsightEvidenceModel[], { loaders }: Context): InsightEvidenceModel[] {
  for (const { insight, interview, trust } of rows) {
    loaders.insight.prime(insight.id, insight);
    loaders.interviewByInsight.prime(insight.id, interview);
    loaders.interview.prime(interview.id, interview);
    loaders.trustByInterview.prime(interview.id, trust?.odsCode ?? null);
    if (trust) loaders.trust.prime(trust.odsCode, trust);
  }
  return rows;
}

/** The name a trail's page cursors carry, so that a cursor of one trail is refused by another. */
function trailPageName(subject: EvidenceSubject): string {
  return `evidenceInsights:${subject.kind}:${subject.id}`;
}

/**
 * Starts fetching the trail a query asks for below an offer or decision while the offer or decision itself is
 * being looked up, rather than after: the trail's resolvers then find its parts and its page of insights already
 * under way in the loaders (one round trip instead of two). Errors are left to those resolvers to report.
 */
function prefetchEvidence(subject: EvidenceSubject, { loaders, config, viewer }: Context, info: GraphQLResolveInfo): void {
  const trails = selectedFields(info, info.fieldNodes, 'evidence');
  // Insights are for analysts: for anyone else the page's resolver refuses, so there is nothing to fetch early.
  const pages = viewer && hasRole(viewer.role, 'analyst') ? selectedFields(info, trails, 'insightsConnection') : [];
  for (const part of TRAIL_PART_NAMES) {
    const counted = part === 'summary' && selectedFields(info, pages, 'totalCount').length > 0;
    if (counted || selectedFields(info, trails, part).length > 0) void loaders.trailParts.load({ ...subject, part }).catch(() => {});
  }
  const definition = (info.schema.getType('EvidenceTrail') as GraphQLObjectType).getFields().insightsConnection!;
  for (const field of pages) {
    try {
      const page = readPage(getArgumentValues(definition, field, info.variableValues), trailPageName(subject), config.maxPageSize);
      void loaders.trailInsightPages.load({ ...subject, page }).catch(() => {});
    } catch {
      // Bad arguments: the field's own resolver reads them again and answers with what is wrong.
    }
  }
}

/** A part of a trail; the parts a request shows are fetched together, in one statement per trail. */
function loadTrailPart<P extends TrailPart>(loaders: Loaders, subject: EvidenceSubject, part: P): Promise<TrailParts[P]> {
  return loaders.trailParts.load({ ...subject, part }) as Promise<TrailParts[P]>;
}

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

/**
 * Everything is asked of the loaders at once, before the first await: in the same tick as the trail's own fields,
 * so a request that shows a trail and its graph reads the trail once.
 */
async function drawEvidence(subject: EvidenceSubject, { loaders }: Context) {
  const part = <P extends TrailPart>(name: P) => loadTrailPart(loaders, subject, name);
  const [record, decisionOffers, addressed, determinants, sources, workshops, produced, insights] = await Promise.all([
    subject.kind === 'offer' ? loaders.supportOffer.load(subject.id) : loaders.policyDecision.load(subject.id),
    subject.kind === 'offer' ? null : loaders.offersByDecision.load(subject.id),
    part('addressed'),
    part('determinants'),
    part('sources'),
    part('workshops'),
    part('produced'),
    loaders.trailInsights.load(subject),
  ]);
  const offers = decisionOffers ?? (record ? [record] : []);
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
    supportOffer: (_parent, { id }, context, info) => {
      prefetchEvidence({ kind: 'offer', id }, context, info);
      return context.loaders.supportOffer.load(id);
    },
    supportOffers: (_parent, _args, { db }) => findAll<SupportOfferModel>(db, 'SupportOffer', 'name'),
    policyDecision: (_parent, { id }, context, info) => {
      prefetchEvidence({ kind: 'decision', id }, context, info);
      return context.loaders.policyDecision.load(id);
    },
    policyDecisions: (_parent, _args, { db }) => findAll<PolicyDecisionModel>(db, 'PolicyDecision', 'name'),
  },
  SupportOffer: {
    id: (offer) => toGlobalId('SupportOffer', offer.id),
    offerId: (offer) => offer.id,
    source: (offer, _args, { loaders }) => loadRequired(loaders.source, offer.sourceId, `source ${offer.sourceId}`),
    determinants: (offer, _args, { loaders }) => loaders.determinantsByOffer.get(offer.id),
    workshops: (offer, _args, { loaders }) => loaders.workshopsByOffer.get(offer.id),
    insights: (offer, _args, { loaders }) => loaders.insightsByOffer.get(offer.id),
    sources: (offer, _args, { loaders }) => loaders.sourcesByOffer.get(offer.id),
    policyDecisions: (offer, _args, { loaders }) => loaders.decisionsByOffer.get(offer.id),
    evidence: (offer) => ({ kind: 'offer', id: offer.id }),
    evidenceGraph: (offer) => ({ kind: 'offer', id: offer.id }),
  },
  PolicyDecision: {
    id: (decision) => toGlobalId('PolicyDecision', decision.id),
    decisionId: (decision) => decision.id,
    source: (decision, _args, { loaders }) => loadRequired(loaders.source, decision.sourceId, `source ${decision.sourceId}`),
    supportOffers: (decision, _args, { loaders }) => loaders.offersByDecision.get(decision.id),
    insights: (decision, _args, { loaders }) => loaders.insightsByDecision.get(decision.id),
    sources: (decision, _args, { loaders }) => loaders.sourcesByDecision.get(decision.id),
    evidence: (decision) => ({ kind: 'decision', id: decision.id }),
    evidenceGraph: (decision) => ({ kind: 'decision', id: decision.id }),
  },
  EvidenceTrail: {
    determinants: (subject, _args, { loaders }) => loadTrailPart(loaders, subject, 'determinants'),
    insights: async (subject, _args, context) => primeLoaders(await context.loaders.trailInsights.load(subject), context),
    insightsConnection: async (subject, args, context, info) => {
      const name = trailPageName(subject);
      const page = readPage(args, name, context.config.maxPageSize);
      const totalCount = countWhenSelected(info, async () => (await loadTrailPart(context.loaders, subject, 'summary')).insights);
      const rows = primeLoaders(await context.loaders.trailInsightPages.load({ ...subject, page }), context);
      return toConnection(rows, page, name, (row) => [row.insight.id], totalCount);
    },
    workshops: (subject, _args, { loaders }) => loadTrailPart(loaders, subject, 'workshops'),
    sources: (subject, _args, { loaders }) => loadTrailPart(loaders, subject, 'sources'),
    supportOffers: (subject, _args, { loaders }) => (subject.kind === 'decision' ? loaders.offersByDecision.load(subject.id) : []),
    summary: (subject, _args, { loaders }) => loadTrailPart(loaders, subject, 'summary'),
  },
  EvidenceGraph: {
    nodes: async (subject, _args, context) => (await drawEvidenceOnce(subject, context)).nodes,
    edges: async (subject, _args, context) => (await drawEvidenceOnce(subject, context)).edges,
  },
  InsightEvidenceConnection: connectionResolvers,
  InsightEvidence: {
    trustType: (row) => row.trustType,
    region: (row) => row.region,
  },
};

/**
 * The outcome loaders of a request: support offers and policy decisions, the lists around them, and their evidence
 * trails. A trail's parts asked for in one tick are one statement per trail; its insights, and each page of them,
 * one statement each. Every evidence row's insight, interview and trust seed the research and trust loaders.
 */
import type { Database } from '../../db/database.js';
import type { ResearchLoaders } from '../research/loaders.js';
import type { InsightModel } from '../research/model.js';
import { PrimedLoader, required } from '../shared/batch.js';
import { recordLoaders } from '../shared/loaders.js';
import type { Page } from '../shared/pagination.js';
import type { SourceModel } from '../provenance/model.js';
import type { DeterminantModel } from '../determinants/model.js';
import type { WorkshopModel } from '../research/model.js';
import { buildEvidenceGraph } from './evidence-graph.js';
import type { EvidenceSubject, InsightEvidenceModel, PolicyDecisionModel, SupportOfferModel } from './model.js';
import { findInsightEvidence, findInsightEvidencePage, findTrailParts, OUTCOME_RELATIONS as OUTCOMES, type TrailPart, type TrailParts } from './repository.js';

/** One part of one evidence trail (see `findTrailParts`). */
export type TrailPartKey = EvidenceSubject & { part: TrailPart };

/** One page of one evidence trail's insights. */
export type TrailPageKey = EvidenceSubject & { page: Page };

const subjectKey = ({ kind, id }: EvidenceSubject) => `${kind}:${id}`;

export function createOutcomeLoaders(db: Database, { research }: { research: ResearchLoaders }) {
  const { byKey, related } = recordLoaders(db);
  /** Evidence rows hold the insight's interview and trust: following them from a row runs no query. */
  const primed = (rows: InsightEvidenceModel[]) => {
    for (const { insight } of rows) research.insight.prime(insight.id, insight);
    research.primeInsightOrigins(rows);
    return rows;
  };
  const loaders = {
    supportOffer: byKey<SupportOfferModel>('SupportOffer'),
    policyDecision: byKey<PolicyDecisionModel>('PolicyDecision'),
    determinantsByOffer: related<DeterminantModel>(OUTCOMES.determinantsOfOffer),
    offersByDeterminant: related<SupportOfferModel>(OUTCOMES.offersOfDeterminant),
    workshopsByOffer: related<WorkshopModel>(OUTCOMES.workshopsOfOffer),
    offersByWorkshop: related<SupportOfferModel>(OUTCOMES.offersOfWorkshop),
    insightsByOffer: related<InsightModel>(OUTCOMES.insightsOfOffer),
    sourcesByOffer: related<SourceModel>(OUTCOMES.sourcesOfOffer),
    insightsByDecision: related<InsightModel>(OUTCOMES.insightsOfDecision),
    sourcesByDecision: related<SourceModel>(OUTCOMES.sourcesOfDecision),
    offersByDecision: related<SupportOfferModel>(OUTCOMES.offersOfDecision),
    decisionsByOffer: related<PolicyDecisionModel>(OUTCOMES.decisionsOfOffer),
    offersByInsight: related<SupportOfferModel>(OUTCOMES.offersOfInsight),
    offersBySource: related<SupportOfferModel>(OUTCOMES.offersOfSource),
    decisionsBySource: related<PolicyDecisionModel>(OUTCOMES.decisionsOfSource),
    /** The parts of trails asked for in one tick: one statement per trail, so siblings such as `summary` and `sources` share it. */
    trailParts: new PrimedLoader<TrailPartKey, TrailParts[TrailPart]>((keys) => loadTrailParts(db, keys), {
      cacheKeyFn: ({ kind, id, part }) => `${kind}:${id}:${part}`,
    }),
    /** Every insight of a trail, one statement per trail: its `insights` field and its graph share it. */
    trailInsights: new PrimedLoader<EvidenceSubject, InsightEvidenceModel[]>(
      (keys) => Promise.all(keys.map((key) => findInsightEvidence(db, key).then(primed, (error: unknown) => error as Error))),
      { cacheKeyFn: subjectKey },
    ),
    /** Pages of a trail's insights, one statement per page; a loader so that a page started early is not fetched twice. */
    trailInsightPages: new PrimedLoader<TrailPageKey, InsightEvidenceModel[]>(
      (keys) => Promise.all(keys.map((key) => findInsightEvidencePage(db, key, key.page).then(primed, (error: unknown) => error as Error))),
      { cacheKeyFn: ({ kind, id, page }) => JSON.stringify([kind, id, page.first, page.after]) },
    ),
    /** A part of a trail, typed by the part asked for. */
    trailPart<P extends TrailPart>(subject: EvidenceSubject, part: P): TrailParts[P] | Promise<TrailParts[P]> {
      return loaders.trailParts.get({ ...subject, part }) as TrailParts[P] | Promise<TrailParts[P]>;
    },
    /** A trail drawn as nodes and edges, once per request whether a client asks for nodes, edges or both. */
    evidenceGraph(subject: EvidenceSubject): ReturnType<typeof drawEvidence> {
      const key = subjectKey(subject);
      let drawing = drawings.get(key);
      if (!drawing) drawings.set(key, (drawing = drawEvidence(subject)));
      return drawing;
    },
  };
  const drawings = new Map<string, ReturnType<typeof drawEvidence>>();

  /**
   * Everything is asked of the loaders at once, before the first await: in the same tick as the trail's own fields,
   * so a request that shows a trail and its graph reads the trail once.
   */
  async function drawEvidence(subject: EvidenceSubject) {
    const part = <P extends TrailPart>(name: P) => loaders.trailPart(subject, name);
    const [record, decisionOffers, addressed, determinants, sources, workshops, produced, insights] = await Promise.all([
      subject.kind === 'offer' ? loaders.supportOffer.get(subject.id) : loaders.policyDecision.get(subject.id),
      subject.kind === 'offer' ? null : loaders.offersByDecision.get(subject.id),
      part('addressed'),
      part('determinants'),
      part('sources'),
      part('workshops'),
      part('produced'),
      loaders.trailInsights.get(subject),
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

  return loaders;
}

export type OutcomeLoaders = ReturnType<typeof createOutcomeLoaders>;

/** The parts asked for in one tick, one statement per trail. */
async function loadTrailParts(db: Database, keys: readonly TrailPartKey[]): Promise<Array<TrailParts[TrailPart] | Error>> {
  const trails = new Map<string, { subject: EvidenceSubject; parts: Set<TrailPart> }>();
  for (const { part, ...subject } of keys) {
    const trail = trails.get(subjectKey(subject)) ?? { subject, parts: new Set<TrailPart>() };
    trail.parts.add(part);
    trails.set(subjectKey(subject), trail);
  }
  const found = new Map(
    await Promise.all(
      [...trails].map(async ([key, { subject, parts }]) => {
        const result = await findTrailParts(db, subject, [...parts]).catch((error: unknown) => error as Error);
        return [key, result] as const;
      }),
    ),
  );
  return keys.map((key) => {
    const result = found.get(subjectKey(key))!;
    return result instanceof Error ? result : result[key.part];
  });
}

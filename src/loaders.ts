/**
 * Every DataLoader of a request, created together so that any resolver reaches any of them through the context.
 * Each batch runs one Cypher query (UNWIND $keys), so the number of queries per request does not grow with the
 * number of items returned.
 */
import DataLoader from 'dataloader';

import type { Database } from './db/database.js';
import { findSourceLinksByDeterminantIds, findDeterminantLinksBySourceIds } from './modules/determinants/repository.js';
import type { DeterminantModel } from './modules/determinants/model.js';
import type { EvidenceSubject, PolicyDecisionModel, SupportOfferModel } from './modules/outcomes/model.js';
import type { InsightEvidenceModel } from './modules/outcomes/model.js';
import {
  findInsightEvidence,
  findInsightEvidencePage,
  findTrailParts,
  OUTCOME_RELATIONS as OUTCOMES,
  type TrailPart,
  type TrailParts,
} from './modules/outcomes/repository.js';
import type { Page } from './modules/shared/pagination.js';
import type { ObservationModel } from './modules/performance/model.js';
import {
  findGoLivePerformance,
  findObservations,
  findTrustOdsCodesByObservationIds,
  type GoLiveKey,
  type PerformanceKey,
} from './modules/performance/repository.js';
import type { SourceModel } from './modules/provenance/model.js';
import type { InsightModel, InterviewDetails, InterviewModel, ParticipantModel, RoleModel, WorkshopModel } from './modules/research/model.js';
import {
  findDeterminantLinksByInsightIds,
  findInsightPages,
  findInterviewDetailsOfTrusts,
  findTrustOdsCodesByInterviewIds,
  findTrustOdsCodesByParticipantCodes,
  RESEARCH_RELATIONS as RESEARCH,
  type InsightPageRequest,
} from './modules/research/repository.js';
import { createManyLoader, createOneLoader } from './modules/shared/batch.js';
import { findByKeys, findRelated, type Relation } from './modules/shared/repository.js';
import type { ImplementationModel, ImplementationWithProduct, ProductModel, SupplierModel } from './modules/suppliers/model.js';
import {
  findImplementationsBySupplierIds,
  findImplementationsOfTrusts,
  findLiveSuppliersByTrustOdsCodes,
  findTrustOdsCodesByImplementationIds,
  SUPPLIER_RELATIONS as SUPPLIERS,
} from './modules/suppliers/repository.js';
import type { StudyModel } from './modules/studies/model.js';
import { STUDY_RELATIONS as STUDIES } from './modules/studies/repository.js';
import { findTrustsByOdsCodes, findTrustsBySupplierIds } from './modules/trusts/repository.js';

export function createLoaders(db: Database) {
  const loaders = createRecordLoaders(db);
  return {
    ...loaders,
    // These bring related records along and seed the loaders above with them.
    implementationsByTrust: createManyLoader<ImplementationModel>(async (keys) => {
      const rows = await findImplementationsOfTrusts(db, keys);
      for (const { node } of rows) primeImplementation(loaders, node);
      return rows.map(({ key, node }) => ({ key, node: node.implementation }));
    }),
    /** A trust's interviews with their participants and insights, for a request that shows them (a trust's story). */
    interviewDetailsByTrust: createManyLoader<InterviewModel>(async (keys) => {
      const rows = await findInterviewDetailsOfTrusts(db, keys);
      return rows.flatMap(({ key, node: { interviews, determinants } }) => {
        for (const determinant of determinants) loaders.determinant.prime(determinant.id, determinant);
        return interviews.map((details) => {
          primeInterviewDetails(loaders, key, details);
          return { key, node: details.interview };
        });
      });
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** The loaders that fetch only what their key names. */
function createRecordLoaders(db: Database) {
  const related = <T>(relation: Relation) => createManyLoader<T>((keys) => findRelated<T>(db, relation, keys));
  const relatedOne = <T>(relation: Relation) => createOneLoader<T>((keys) => findRelated<T>(db, relation, keys));
  const byKey = <T>(label: Parameters<typeof findByKeys>[1]) => createOneLoader<T>((keys) => findByKeys<T>(db, label, keys));
  return {
    trust: createOneLoader((keys) => findTrustsByOdsCodes(db, keys)),
    source: byKey<SourceModel>('Source'),
    study: byKey<StudyModel>('Study'),
    supplier: byKey<SupplierModel>('Supplier'),
    product: byKey<ProductModel>('Product'),
    implementation: byKey<ImplementationModel>('Implementation'),
    role: byKey<RoleModel>('Role'),
    participant: byKey<ParticipantModel>('Participant'),
    interview: byKey<InterviewModel>('Interview'),
    insight: byKey<InsightModel>('Insight'),
    determinant: byKey<DeterminantModel>('Determinant'),
    workshop: byKey<WorkshopModel>('Workshop'),
    supportOffer: byKey<SupportOfferModel>('SupportOffer'),
    policyDecision: byKey<PolicyDecisionModel>('PolicyDecision'),
    observation: byKey<ObservationModel>('Observation'),

    // Trusts and suppliers
    interviewsByTrust: related<InterviewModel>(RESEARCH.interviewsOfTrust),
    liveSuppliersByTrust: createManyLoader((keys) => findLiveSuppliersByTrustOdsCodes(db, keys)),
    productsBySupplier: related<ProductModel>(SUPPLIERS.productsOfSupplier),
    implementationsBySupplier: createManyLoader((keys) => findImplementationsBySupplierIds(db, keys)),
    trustsBySupplier: createManyLoader((keys) => findTrustsBySupplierIds(db, keys)),
    supplierByProduct: relatedOne<SupplierModel>(SUPPLIERS.supplierOfProduct),
    implementationsByProduct: related<ImplementationModel>(SUPPLIERS.implementationsOfProduct),
    productByImplementation: relatedOne<ProductModel>(SUPPLIERS.productOfImplementation),
    trustByImplementation: createOneLoader((keys) => findTrustOdsCodesByImplementationIds(db, keys)),

    // Research
    /** Pages of insights (`Query.insights`, `Determinant.insights`): one statement per shape of request. */
    insightPages: new DataLoader((requests: readonly InsightPageRequest[]) => findInsightPages(db, requests), {
      cacheKeyFn: (request) => JSON.stringify(request),
    }),
    participantsByRole: related<ParticipantModel>(RESEARCH.participantsOfRole),
    roleByParticipant: relatedOne<RoleModel>(RESEARCH.roleOfParticipant),
    trustByParticipant: createOneLoader((keys) => findTrustOdsCodesByParticipantCodes(db, keys)),
    interviewsByParticipant: related<InterviewModel>(RESEARCH.interviewsOfParticipant),
    workshopsByParticipant: related<WorkshopModel>(RESEARCH.workshopsOfParticipant),
    participantsByInterview: related<ParticipantModel>(RESEARCH.participantsOfInterview),
    trustByInterview: createOneLoader((keys) => findTrustOdsCodesByInterviewIds(db, keys)),
    insightsByInterview: related<InsightModel>(RESEARCH.insightsOfInterview),
    interviewByInsight: relatedOne<InterviewModel>(RESEARCH.interviewOfInsight),
    determinantLinksByInsight: createManyLoader((keys) => findDeterminantLinksByInsightIds(db, keys)),
    participantsByWorkshop: related<ParticipantModel>(RESEARCH.participantsOfWorkshop),

    // Studies
    studyByInterview: relatedOne<StudyModel>(STUDIES.studyOfInterview),
    studyByParticipant: relatedOne<StudyModel>(STUDIES.studyOfParticipant),
    studyByInsight: relatedOne<StudyModel>(STUDIES.studyOfInsight),

    // Determinants and sources
    sourceLinksByDeterminant: createManyLoader((keys) => findSourceLinksByDeterminantIds(db, keys)),
    determinantLinksBySource: createManyLoader((keys) => findDeterminantLinksBySourceIds(db, keys)),

    // Offers and decisions
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
    trailParts: new DataLoader<TrailPartKey, TrailParts[TrailPart], string>((keys) => loadTrailParts(db, keys), {
      cacheKeyFn: ({ kind, id, part }) => `${kind}:${id}:${part}`,
    }),
    /** Every insight of a trail: its `insights` field and its graph share one fetch. */
    trailInsights: new DataLoader<EvidenceSubject, InsightEvidenceModel[], string>(
      (keys) => Promise.all(keys.map((key) => findInsightEvidence(db, key).catch((error: unknown) => error as Error))),
      { cacheKeyFn: ({ kind, id }) => `${kind}:${id}` },
    ),
    /** Pages of a trail's insights; a loader so that a page started early is not fetched twice. */
    trailInsightPages: new DataLoader<TrailPageKey, InsightEvidenceModel[], string>(
      (keys) => Promise.all(keys.map((key) => findInsightEvidencePage(db, key, key.page).catch((error: unknown) => error as Error))),
      { cacheKeyFn: ({ kind, id, page }) => JSON.stringify([kind, id, page.first, page.after]) },
    ),

    // Performance: keys carry arguments, so they are objects cached by the JSON of their values.
    observations: new DataLoader<PerformanceKey, ObservationModel[], string>(
      async (keys) => {
        const rows = await findObservations(db, keys);
        const lists = keys.map((): ObservationModel[] => []);
        for (const row of rows) lists[Number(row.key)]?.push(row.node);
        return lists;
      },
      { cacheKeyFn: ({ odsCode, metric, from, to }) => JSON.stringify([odsCode, metric, from, to]) },
    ),
    goLivePerformance: new DataLoader<GoLiveKey, Awaited<ReturnType<typeof findGoLivePerformance>>[number]['node'] | null, string>(
      async (keys) => {
        const rows = await findGoLivePerformance(db, keys);
        const results = keys.map(() => null as (typeof rows)[number]['node'] | null);
        for (const row of rows) results[Number(row.key)] = row.node;
        return results;
      },
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
    trustByObservation: createOneLoader((keys) => findTrustOdsCodesByObservationIds(db, keys)),
  };
}

type RecordLoaders = ReturnType<typeof createRecordLoaders>;

/** Seeds the loaders with an implementation's product and supplier. */
function primeImplementation(loaders: RecordLoaders, { implementation, product, supplier }: ImplementationWithProduct): void {
  loaders.implementation.prime(implementation.id, implementation);
  loaders.productByImplementation.prime(implementation.id, product);
  if (!product) return;
  loaders.product.prime(product.id, product);
  loaders.supplierByProduct.prime(product.id, supplier);
  if (supplier) loaders.supplier.prime(supplier.id, supplier);
}

/** Seeds the loaders with a trust's implementations, their products and suppliers (fetched by a page of trusts). */
export function primeImplementationsOfTrust(loaders: Loaders, odsCode: string, rows: ImplementationWithProduct[]): void {
  loaders.implementationsByTrust.prime(odsCode, rows.map((row) => row.implementation));
  for (const row of rows) primeImplementation(loaders, row);
}

/** Seeds the loaders with an interview's participants, roles, insights and determinant links (not the determinants). */
function primeInterviewDetails(loaders: RecordLoaders, odsCode: string, { interview, participants, insights }: InterviewDetails): void {
  loaders.interview.prime(interview.id, interview);
  loaders.trustByInterview.prime(interview.id, odsCode);
  loaders.participantsByInterview.prime(interview.id, participants.map((row) => row.participant));
  for (const { participant, role } of participants) {
    loaders.participant.prime(participant.code, participant);
    loaders.roleByParticipant.prime(participant.code, role);
    if (role) loaders.role.prime(role.id, role);
  }
  loaders.insightsByInterview.prime(interview.id, insights.map((row) => row.insight));
  for (const { insight, links } of insights) {
    loaders.insight.prime(insight.id, insight);
    loaders.interviewByInsight.prime(insight.id, interview);
    loaders.determinantLinksByInsight.prime(insight.id, links);
  }
}

/** One part of one evidence trail (see `findTrailParts`). */
export type TrailPartKey = EvidenceSubject & { part: TrailPart };

/** One page of one evidence trail's insights. */
export type TrailPageKey = EvidenceSubject & { page: Page };

/** The parts asked for in one tick, one statement per trail: siblings such as `summary` and `sources` share it. */
async function loadTrailParts(db: Database, keys: readonly TrailPartKey[]): Promise<Array<TrailParts[TrailPart] | Error>> {
  const trails = new Map<string, { subject: EvidenceSubject; parts: Set<TrailPart> }>();
  for (const { part, ...subject } of keys) {
    const key = `${subject.kind}:${subject.id}`;
    const trail = trails.get(key) ?? { subject, parts: new Set<TrailPart>() };
    trail.parts.add(part);
    trails.set(key, trail);
  }
  const found = new Map(
    await Promise.all(
      [...trails].map(async ([key, { subject, parts }]) => {
        const result = await findTrailParts(db, subject, [...parts]).catch((error: unknown) => error as Error);
        return [key, result] as const;
      }),
    ),
  );
  return keys.map(({ kind, id, part }) => {
    const result = found.get(`${kind}:${id}`)!;
    return result instanceof Error ? result : result[part];
  });
}

/**
 * Every DataLoader of a request, created together so that any resolver reaches any of them through the context.
 * Each batch runs one Cypher query (UNWIND $keys), so the number of queries per request does not grow with the
 * number of items returned.
 */
import DataLoader from 'dataloader';

import type { Database } from './db/database.js';
import { findSourceLinksByDeterminantIds, findDeterminantLinksBySourceIds } from './modules/determinants/repository.js';
import type { DeterminantModel } from './modules/determinants/model.js';
import type { PolicyDecisionModel, SupportOfferModel } from './modules/outcomes/model.js';
import { findDeterminantsByOfferIds, findOffersByDeterminantIds, findOffersByWorkshopIds, findWorkshopsByOfferIds } from './modules/outcomes/repository.js';
import type { ObservationModel } from './modules/performance/model.js';
import {
  findGoLivePerformance,
  findObservations,
  findTrustOdsCodesByObservationIds,
  type GoLiveKey,
  type PerformanceKey,
} from './modules/performance/repository.js';
import type { SourceModel } from './modules/provenance/model.js';
import type { InsightModel, InterviewModel, ParticipantModel, RoleModel, WorkshopModel } from './modules/research/model.js';
import {
  findDeterminantLinksByInsightIds,
  findInsightsByInterviewIds,
  findInterviewsByInsightIds,
  findInterviewsByParticipantCodes,
  findInterviewsByTrustOdsCodes,
  findParticipantsByInterviewIds,
  findParticipantsByRoleIds,
  findParticipantsByWorkshopIds,
  findRolesByParticipantCodes,
  findTrustOdsCodesByInterviewIds,
  findTrustOdsCodesByParticipantCodes,
  findWorkshopsByParticipantCodes,
} from './modules/research/repository.js';
import { createManyLoader, createOneLoader } from './modules/shared/batch.js';
import { findByKeys, findRelated, type Relation } from './modules/shared/repository.js';
import type { ImplementationModel, ProductModel, SupplierModel } from './modules/suppliers/model.js';
import {
  findImplementationsByProductIds,
  findImplementationsBySupplierIds,
  findImplementationsByTrustOdsCodes,
  findLiveSuppliersByTrustOdsCodes,
  findProductsByImplementationIds,
  findProductsBySupplierIds,
  findSuppliersByProductIds,
  findTrustOdsCodesByImplementationIds,
} from './modules/suppliers/repository.js';
import { findTrustsByOdsCodes, findTrustsBySupplierIds } from './modules/trusts/repository.js';

const INFORMED_BY = (from: 'SupportOffer' | 'PolicyDecision', to: 'Insight' | 'Source' | 'SupportOffer'): Relation => ({
  from,
  type: 'INFORMED_BY',
  direction: 'out',
  to,
  orderBy: to === 'SupportOffer' ? 'n.name' : 'n.id',
});

const INFORMS = (from: 'Insight' | 'Source' | 'SupportOffer', to: 'SupportOffer' | 'PolicyDecision'): Relation => ({
  from,
  type: 'INFORMED_BY',
  direction: 'in',
  to,
  orderBy: 'n.name',
});

export function createLoaders(db: Database) {
  const related = <T>(relation: Relation) => createManyLoader<T>((keys) => findRelated<T>(db, relation, keys));
  const byKey = <T>(label: Parameters<typeof findByKeys>[1]) => createOneLoader<T>((keys) => findByKeys<T>(db, label, keys));
  return {
    trust: createOneLoader((keys) => findTrustsByOdsCodes(db, keys)),
    source: byKey<SourceModel>('Source'),
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
    implementationsByTrust: createManyLoader((keys) => findImplementationsByTrustOdsCodes(db, keys)),
    interviewsByTrust: createManyLoader((keys) => findInterviewsByTrustOdsCodes(db, keys)),
    liveSuppliersByTrust: createManyLoader((keys) => findLiveSuppliersByTrustOdsCodes(db, keys)),
    productsBySupplier: createManyLoader((keys) => findProductsBySupplierIds(db, keys)),
    implementationsBySupplier: createManyLoader((keys) => findImplementationsBySupplierIds(db, keys)),
    trustsBySupplier: createManyLoader((keys) => findTrustsBySupplierIds(db, keys)),
    supplierByProduct: createOneLoader((keys) => findSuppliersByProductIds(db, keys)),
    implementationsByProduct: createManyLoader((keys) => findImplementationsByProductIds(db, keys)),
    productByImplementation: createOneLoader((keys) => findProductsByImplementationIds(db, keys)),
    trustByImplementation: createOneLoader((keys) => findTrustOdsCodesByImplementationIds(db, keys)),

    // Research
    participantsByRole: createManyLoader((keys) => findParticipantsByRoleIds(db, keys)),
    roleByParticipant: createOneLoader((keys) => findRolesByParticipantCodes(db, keys)),
    trustByParticipant: createOneLoader((keys) => findTrustOdsCodesByParticipantCodes(db, keys)),
    interviewsByParticipant: createManyLoader((keys) => findInterviewsByParticipantCodes(db, keys)),
    workshopsByParticipant: createManyLoader((keys) => findWorkshopsByParticipantCodes(db, keys)),
    participantsByInterview: createManyLoader((keys) => findParticipantsByInterviewIds(db, keys)),
    trustByInterview: createOneLoader((keys) => findTrustOdsCodesByInterviewIds(db, keys)),
    insightsByInterview: createManyLoader((keys) => findInsightsByInterviewIds(db, keys)),
    interviewByInsight: createOneLoader((keys) => findInterviewsByInsightIds(db, keys)),
    determinantLinksByInsight: createManyLoader((keys) => findDeterminantLinksByInsightIds(db, keys)),
    participantsByWorkshop: createManyLoader((keys) => findParticipantsByWorkshopIds(db, keys)),

    // Determinants and sources
    sourceLinksByDeterminant: createManyLoader((keys) => findSourceLinksByDeterminantIds(db, keys)),
    determinantLinksBySource: createManyLoader((keys) => findDeterminantLinksBySourceIds(db, keys)),

    // Offers and decisions
    determinantsByOffer: createManyLoader((keys) => findDeterminantsByOfferIds(db, keys)),
    offersByDeterminant: createManyLoader((keys) => findOffersByDeterminantIds(db, keys)),
    workshopsByOffer: createManyLoader((keys) => findWorkshopsByOfferIds(db, keys)),
    offersByWorkshop: createManyLoader((keys) => findOffersByWorkshopIds(db, keys)),
    insightsByOffer: related<InsightModel>(INFORMED_BY('SupportOffer', 'Insight')),
    sourcesByOffer: related<SourceModel>(INFORMED_BY('SupportOffer', 'Source')),
    insightsByDecision: related<InsightModel>(INFORMED_BY('PolicyDecision', 'Insight')),
    sourcesByDecision: related<SourceModel>(INFORMED_BY('PolicyDecision', 'Source')),
    offersByDecision: related<SupportOfferModel>(INFORMED_BY('PolicyDecision', 'SupportOffer')),
    decisionsByOffer: related<PolicyDecisionModel>(INFORMS('SupportOffer', 'PolicyDecision')),
    offersByInsight: related<SupportOfferModel>(INFORMS('Insight', 'SupportOffer')),
    offersBySource: related<SupportOfferModel>(INFORMS('Source', 'SupportOffer')),
    decisionsBySource: related<PolicyDecisionModel>(INFORMS('Source', 'PolicyDecision')),

    // Performance: keys carry arguments, so they are objects cached by their JSON.
    observations: new DataLoader<PerformanceKey, ObservationModel[], string>(
      async (keys) => {
        const rows = await findObservations(db, keys);
        const lists = keys.map((): ObservationModel[] => []);
        for (const row of rows) lists[Number(row.key)]?.push(row.node);
        return lists;
      },
      { cacheKeyFn: (key) => JSON.stringify(key) },
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

export type Loaders = ReturnType<typeof createLoaders>;

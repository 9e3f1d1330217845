/**
 * All Cypher about support offers, policy decisions and the evidence behind them.
 *
 * Every evidence query starts from the same scope: the subject, the offers whose evidence counts (the offer
 * itself, or a decision's informing offers), the determinants those offers address, and the insights and sources
 * that directly informed the subject or its offers. Counts are computed here, in Cypher.
 */
import type { Database } from '../../db/database.js';
import type { Relation } from '../shared/repository.js';
import type { InsightModel, WorkshopModel } from '../research/model.js';
import type { SourceModel } from '../provenance/model.js';
import type { DeterminantModel } from '../determinants/model.js';
import type {
  DeterminantEvidenceModel,
  EvidenceSubject,
  EvidenceSummaryModel,
  InsightEvidenceModel,
  PolicyDecisionModel,
  SourceEvidenceModel,
  SupportOfferModel,
} from './model.js';

const SCOPES: Record<EvidenceSubject['kind'], string> = {
  offer: `MATCH (subject:SupportOffer {id: $id}) WITH subject, [subject] AS offers`,
  decision: `MATCH (subject:PolicyDecision {id: $id})
             OPTIONAL MATCH (subject)-[:INFORMED_BY]->(o:SupportOffer)
             WITH subject, collect(o) AS offers`,
};

function scope(subject: EvidenceSubject): string {
  return `${SCOPES[subject.kind]}
    WITH subject, offers,
         COLLECT { UNWIND offers AS o MATCH (o)-[:ADDRESSES]->(d:Determinant) RETURN DISTINCT d } AS determinants,
         COLLECT { UNWIND offers + [subject] AS x MATCH (x)-[:INFORMED_BY]->(n:Insight) RETURN DISTINCT n } AS directInsights`;
}

/** One row per evidence insight, with its stance towards the subject and its context. */
function evidenceRows(subject: EvidenceSubject): string {
  return `${scope(subject)}
    CALL (determinants, directInsights) {
      UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(n:Insight) RETURN n
      UNION
      UNWIND directInsights AS n RETURN n
    }
    MATCH (n)-[:FROM]->(iv:Interview)-[:AT]->(t:Trust)
    WITH n, iv, t, n IN directInsights AS direct,
         COLLECT { MATCH (n)-[e:EVIDENCES]->(d:Determinant) WHERE d IN determinants
                   RETURN {determinantId: d.id, stance: e.stance, note: null} ORDER BY d.id } AS links
    WITH n, iv, t, direct, links,
         any(l IN links WHERE l.stance = 'SUPPORTS') AS supports,
         any(l IN links WHERE l.stance = 'CONTRADICTS') AS contradicts
    WITH n, iv, t, direct, links, direct OR supports AS supporting, contradicts, supports AND contradicts AS mixed,
         COLLECT { MATCH (iv)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) RETURN DISTINCT r.id ORDER BY r.id } AS roleIds,
         COLLECT { MATCH (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'})-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier)
                   RETURN DISTINCT s.id ORDER BY s.id } AS supplierIds`;
}

export async function findInsightEvidence(db: Database, subject: EvidenceSubject): Promise<InsightEvidenceModel[]> {
  const rows = await db.readQuery<{ row: InsightEvidenceModel }>(
    `${evidenceRows(subject)}
     RETURN {
       insightId: n.id, insightSummary: n.summary,
       stance: CASE WHEN supporting THEN 'SUPPORTS' ELSE 'CONTRADICTS' END,
       mixed: mixed,
       direct: direct, determinants: links,
       informedBy: COLLECT { MATCH (x)-[:INFORMED_BY]->(n) WHERE x:SupportOffer OR x:PolicyDecision
                           RETURN {kind: CASE WHEN x:SupportOffer THEN 'offer' ELSE 'decision' END, id: x.id} ORDER BY x.id },
       interviewId: iv.id, interviewDate: iv.date, trustOdsCode: t.odsCode, trustName: t.name,
       trustType: t.type, region: t.region, roleIds: roleIds, supplierIds: supplierIds
     } AS row
     ORDER BY n.id`,
    { id: subject.id },
  );
  return rows.map((r) => r.row);
}

export async function findEvidenceSummary(db: Database, subject: EvidenceSubject): Promise<EvidenceSummaryModel> {
  const [row] = await db.readQuery<{ summary: EvidenceSummaryModel }>(
    `${SCOPES[subject.kind]}
     WITH subject, offers,
          COLLECT { UNWIND offers AS o MATCH (o)-[:ADDRESSES]->(d:Determinant) RETURN DISTINCT d } AS determinants
     WITH subject, offers, determinants,
          COLLECT { UNWIND offers AS o MATCH (o)<-[:PRODUCED]-(w:Workshop) RETURN DISTINCT w } AS workshops,
          COLLECT { CALL (offers, subject, determinants) {
                      UNWIND offers + [subject] AS x MATCH (x)-[:INFORMED_BY]->(s:Source) RETURN s
                      UNION
                      UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(s:Source) RETURN s }
                    RETURN DISTINCT s } AS sources
     CALL (subject) {
       ${evidenceRows(subject).replace(/^/gm, '  ')}
       RETURN collect({insight: n, interview: iv.id, trust: t.odsCode, type: t.type, region: t.region,
                       supporting: supporting, contradicts: contradicts, roleIds: roleIds, supplierIds: supplierIds}) AS rows
     }
     RETURN {
       insights: size(rows),
       supportingInsights: size([r IN rows WHERE r.supporting]),
       contradictingInsights: size([r IN rows WHERE r.contradicts]),
       illustrativeInsights: size([r IN rows WHERE r.insight.illustrative]),
       interviews: COUNT { UNWIND rows AS r RETURN DISTINCT r.interview },
       trusts: COUNT { UNWIND rows AS r RETURN DISTINCT r.trust },
       roles: COUNT { UNWIND rows AS r UNWIND r.roleIds AS x RETURN DISTINCT x },
       regions: COUNT { UNWIND rows AS r RETURN DISTINCT r.region },
       trustTypes: COUNT { UNWIND rows AS r RETURN DISTINCT r.type },
       suppliers: COUNT { UNWIND rows AS r UNWIND r.supplierIds AS x RETURN DISTINCT x },
       sources: size(sources),
       determinants: size(determinants),
       workshops: size(workshops)
     } AS summary`,
    { id: subject.id },
  );
  if (!row) throw new Error(`Evidence summary: no ${subject.kind} "${subject.id}".`);
  return row.summary;
}

export async function findDeterminantEvidence(db: Database, subject: EvidenceSubject): Promise<DeterminantEvidenceModel[]> {
  const rows = await db.readQuery<{ row: DeterminantEvidenceModel }>(
    `${scope(subject)}
     UNWIND determinants AS d
     RETURN {
       determinantId: d.id, determinantName: d.name,
       supportingInsights: COUNT { MATCH (d)<-[:EVIDENCES {stance: 'SUPPORTS'}]-(n:Insight) RETURN DISTINCT n },
       contradictingInsights: COUNT { MATCH (d)<-[:EVIDENCES {stance: 'CONTRADICTS'}]-(n:Insight) RETURN DISTINCT n },
       sources: COUNT { MATCH (d)<-[:EVIDENCES]-(s:Source) RETURN DISTINCT s }
     } AS row ORDER BY d.id`,
    { id: subject.id },
  );
  return rows.map((r) => r.row);
}

export async function findSourceEvidence(db: Database, subject: EvidenceSubject): Promise<SourceEvidenceModel[]> {
  const rows = await db.readQuery<{ row: SourceEvidenceModel }>(
    `${scope(subject)}
     CALL (offers, subject, determinants) {
       UNWIND offers + [subject] AS x MATCH (x)-[:INFORMED_BY]->(s:Source) RETURN s, true AS direct
       UNION
       UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(s:Source) RETURN s, false AS direct
     }
     WITH s, determinants, any(flag IN collect(direct) WHERE flag) AS direct
     RETURN {
       sourceId: s.id, sourceTitle: s.title, direct: direct,
       informedBy: COLLECT { MATCH (x)-[:INFORMED_BY]->(s) WHERE x:SupportOffer OR x:PolicyDecision
                           RETURN {kind: CASE WHEN x:SupportOffer THEN 'offer' ELSE 'decision' END, id: x.id} ORDER BY x.id },
       determinants: COLLECT { MATCH (s)-[e:EVIDENCES]->(d:Determinant) WHERE d IN determinants
                               RETURN {determinantId: d.id, stance: e.stance, note: e.note} ORDER BY d.id }
     } AS row ORDER BY s.id`,
    { id: subject.id },
  );
  return rows.map((r) => r.row);
}

export async function findEvidenceWorkshops(db: Database, subject: EvidenceSubject): Promise<WorkshopModel[]> {
  const rows = await db.readQuery<{ node: WorkshopModel }>(
    `${SCOPES[subject.kind]}
     UNWIND offers AS o MATCH (o)<-[:PRODUCED]-(w:Workshop)
     WITH DISTINCT w RETURN properties(w) AS node ORDER BY w.date, w.id`,
    { id: subject.id },
  );
  return rows.map((r) => r.node);
}

/** Offer id -> workshop ids that produced it (for drawing the trail). */
export async function findWorkshopOffers(db: Database, subject: EvidenceSubject): Promise<Array<{ workshopId: string; offerId: string }>> {
  return db.readQuery(
    `${SCOPES[subject.kind]}
     UNWIND offers AS o MATCH (o)<-[:PRODUCED]-(w:Workshop)
     RETURN w.id AS workshopId, o.id AS offerId ORDER BY w.id, o.id`,
    { id: subject.id },
  );
}

/** Offer id -> determinant ids it addresses, for the offers in the subject's scope. */
export async function findAddressedDeterminants(db: Database, subject: EvidenceSubject): Promise<Array<{ offerId: string; determinantId: string }>> {
  return db.readQuery(
    `${SCOPES[subject.kind]}
     UNWIND offers AS o MATCH (o)-[:ADDRESSES]->(d:Determinant)
     RETURN o.id AS offerId, d.id AS determinantId ORDER BY o.id, d.id`,
    { id: subject.id },
  );
}

/** The relationship lists of this domain the loaders fetch with `findRelated`, in the order they are shown. */
export const OUTCOME_RELATIONS = {
  determinantsOfOffer: { from: 'SupportOffer', type: 'ADDRESSES', direction: 'out', to: 'Determinant', orderBy: 'n.id' },
  offersOfDeterminant: { from: 'Determinant', type: 'ADDRESSES', direction: 'in', to: 'SupportOffer', orderBy: 'n.name' },
  workshopsOfOffer: { from: 'SupportOffer', type: 'PRODUCED', direction: 'in', to: 'Workshop', orderBy: 'n.date, n.id' },
  offersOfWorkshop: { from: 'Workshop', type: 'PRODUCED', direction: 'out', to: 'SupportOffer', orderBy: 'n.name' },
  insightsOfOffer: { from: 'SupportOffer', type: 'INFORMED_BY', direction: 'out', to: 'Insight', orderBy: 'n.id' },
  sourcesOfOffer: { from: 'SupportOffer', type: 'INFORMED_BY', direction: 'out', to: 'Source', orderBy: 'n.id' },
  insightsOfDecision: { from: 'PolicyDecision', type: 'INFORMED_BY', direction: 'out', to: 'Insight', orderBy: 'n.id' },
  sourcesOfDecision: { from: 'PolicyDecision', type: 'INFORMED_BY', direction: 'out', to: 'Source', orderBy: 'n.id' },
  offersOfDecision: { from: 'PolicyDecision', type: 'INFORMED_BY', direction: 'out', to: 'SupportOffer', orderBy: 'n.name' },
  decisionsOfOffer: { from: 'SupportOffer', type: 'INFORMED_BY', direction: 'in', to: 'PolicyDecision', orderBy: 'n.name' },
  offersOfInsight: { from: 'Insight', type: 'INFORMED_BY', direction: 'in', to: 'SupportOffer', orderBy: 'n.name' },
  offersOfSource: { from: 'Source', type: 'INFORMED_BY', direction: 'in', to: 'SupportOffer', orderBy: 'n.name' },
  decisionsOfSource: { from: 'Source', type: 'INFORMED_BY', direction: 'in', to: 'PolicyDecision', orderBy: 'n.name' },
} as const satisfies Record<string, Relation>;


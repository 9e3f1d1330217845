/**
 * All Cypher of curation. Each mutation is one write transaction (`db.writeTransaction`, retried by the driver on
 * transient errors): it locks the record it changes, checks the records the input names, applies the change and
 * writes an AuditEntry about it. All of that commits, or none of it does. Input that is wrong whatever the graph
 * holds (formats, lengths) is checked before, in validate.ts; what depends on the graph (unknown ids, an id taken)
 * is checked here, inside the transaction, and comes back as user errors with nothing written. The blocks every
 * mutation is made of (check, lock, create once, update) are writes.ts's; the audit entries and the trail's reads
 * are audit.ts's.
 */
import type { Database, WriteTransaction } from '../../db/database.js';
import type { Sentiment, Stance } from '../../generated/resolvers.js';
import {
  EVIDENCE_RELATIONSHIPS,
  INSIGHT_UPDATABLE,
  SUPPORT_OFFER_UPDATABLE,
  type EvidenceSubjectRecord,
  type EvidenceSubjectType,
  type EvidenceType,
  type InsightModel,
  type MutationOutcome,
  type PolicyDecisionModel,
  type SupportOfferModel,
} from './model.js';
import { recordChange } from './audit.js';
import { notFound } from '../shared/user-errors.js';
import { applyUpdate, checkExisting, createRecord, done, given, lockRecord, NOUNS, rejected } from './writes.js';

// The audit trail's reads and writer, for the resolvers and modules/confidence that reach them through this module.
export { countAuditEntries, findAuditPage, recordChange, type AuditFilter, type Change } from './audit.js';

// ---------------------------------------------------------------------------------------------------------------
// Insights

export interface DeterminantStance {
  determinantId: string;
  stance: Stance;
}

export interface CreateInsight {
  insightId: string;
  interviewId: string;
  summary: string;
  quote?: string | null;
  sentiment: Sentiment;
  illustrative?: boolean | null;
  sourceId: string;
  determinants?: DeterminantStance[] | null;
}

export async function createInsight(db: Database, actor: string, input: CreateInsight): Promise<MutationOutcome<InsightModel>> {
  const links = input.determinants ?? [];
  return createRecord(db, actor, {
    label: 'Insight',
    action: 'CREATE_INSIGHT',
    field: ['input', 'insightId'],
    properties: {
      id: input.insightId,
      summary: input.summary,
      quote: input.quote ?? null,
      sentiment: input.sentiment,
      illustrative: input.illustrative ?? false,
      sourceId: input.sourceId,
    },
    references: [
      { label: 'Interview', ids: [input.interviewId], field: () => ['input', 'interviewId'] },
      { label: 'Source', ids: [input.sourceId], field: () => ['input', 'sourceId'] },
      { label: 'Determinant', ids: links.map((link) => link.determinantId), field: (index) => ['input', 'determinants', String(index), 'determinantId'] },
    ],
    relationships: [
      { type: 'FROM', target: 'Interview', links: [{ id: input.interviewId }] },
      { type: 'EVIDENCES', target: 'Determinant', links: links.map((link) => ({ id: link.determinantId, properties: { stance: link.stance } })) },
    ],
    audit: { interviewId: input.interviewId, determinants: links },
  });
}

export interface UpdateInsight {
  insightId: string;
  summary?: string | null;
  quote?: string | null;
  sentiment?: Sentiment | null;
  illustrative?: boolean | null;
}

export async function updateInsight(db: Database, actor: string, input: UpdateInsight): Promise<MutationOutcome<InsightModel>> {
  return db.writeTransaction(async (tx) => {
    const before = await lockRecord<InsightModel>(tx, 'Insight', input.insightId);
    if (!before) return rejected([notFound(['input', 'insightId'], 'insight', input.insightId)]);
    return applyUpdate(tx, actor, 'Insight', 'UPDATE_INSIGHT', before, given(input, INSIGHT_UPDATABLE));
  });
}

/** Locks the insight and checks both ends of an insight -> determinant link; null when both exist. */
async function checkLinkEnds(tx: WriteTransaction, insightId: string, determinantId: string) {
  const insight = await lockRecord<InsightModel>(tx, 'Insight', insightId);
  const errors = [
    ...(insight ? [] : [notFound(['input', 'insightId'], 'insight', insightId)]),
    ...(await checkExisting(tx, 'Determinant', [determinantId], () => ['input', 'determinantId'])),
  ];
  return insight && errors.length === 0 ? { insight } : { errors };
}

export async function linkInsightToDeterminant(
  db: Database,
  actor: string,
  input: DeterminantStance & { insightId: string },
): Promise<MutationOutcome<InsightModel>> {
  return db.writeTransaction(async (tx) => {
    const ends = await checkLinkEnds(tx, input.insightId, input.determinantId);
    if (!ends.insight) return rejected(ends.errors);
    const [row] = await tx.run<{ before: Stance | null }>(
      `MATCH (n:Insight {id: $insightId}), (d:Determinant {id: $determinantId})
       OPTIONAL MATCH (n)-[old:EVIDENCES]->(d)
       WITH n, d, old.stance AS before
       MERGE (n)-[link:EVIDENCES]->(d) ON CREATE SET link.origin = 'curation'
       SET link.stance = $stance
       RETURN before`,
      { ...input },
    );
    const before = row?.before ?? null;
    if (before !== input.stance) {
      await recordChange(tx, {
        actor,
        action: 'LINK_INSIGHT_TO_DETERMINANT',
        targetType: 'Insight',
        targetId: input.insightId,
        before: before && { determinantId: input.determinantId, stance: before },
        after: { determinantId: input.determinantId, stance: input.stance },
      });
    }
    return done(ends.insight);
  });
}

export async function unlinkInsightFromDeterminant(
  db: Database,
  actor: string,
  input: { insightId: string; determinantId: string },
): Promise<MutationOutcome<InsightModel>> {
  return db.writeTransaction(async (tx) => {
    const ends = await checkLinkEnds(tx, input.insightId, input.determinantId);
    if (!ends.insight) return rejected(ends.errors);
    const [row] = await tx.run<{ stance: Stance }>(
      `MATCH (:Insight {id: $insightId})-[link:EVIDENCES]->(:Determinant {id: $determinantId})
       WITH link, link.stance AS stance
       DELETE link
       RETURN stance`,
      input,
    );
    if (!row) {
      return rejected([
        {
          field: ['input', 'determinantId'],
          code: 'NOT_FOUND',
          message: `Insight "${input.insightId}" has no link to determinant "${input.determinantId}", so there is nothing to remove.`,
        },
      ]);
    }
    await recordChange(tx, {
      actor,
      action: 'UNLINK_INSIGHT_FROM_DETERMINANT',
      targetType: 'Insight',
      targetId: input.insightId,
      before: { determinantId: input.determinantId, stance: row.stance },
      after: null,
    });
    return done(ends.insight);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Support offers and policy decisions

export interface CreateSupportOffer {
  offerId: string;
  name: string;
  summary: string;
  description?: string | null;
  illustrative?: boolean | null;
  sourceId: string;
  determinantIds?: string[] | null;
}

export async function createSupportOffer(db: Database, actor: string, input: CreateSupportOffer): Promise<MutationOutcome<SupportOfferModel>> {
  const determinantIds = input.determinantIds ?? [];
  return createRecord(db, actor, {
    label: 'SupportOffer',
    action: 'CREATE_SUPPORT_OFFER',
    field: ['input', 'offerId'],
    properties: {
      id: input.offerId,
      name: input.name,
      summary: input.summary,
      description: input.description ?? null,
      illustrative: input.illustrative ?? false,
      sourceId: input.sourceId,
    },
    references: [
      { label: 'Source', ids: [input.sourceId], field: () => ['input', 'sourceId'] },
      { label: 'Determinant', ids: determinantIds, field: (index) => ['input', 'determinantIds', String(index)] },
    ],
    relationships: [{ type: 'ADDRESSES', target: 'Determinant', links: determinantIds.map((id) => ({ id })) }],
    audit: { determinantIds },
  });
}

export interface UpdateSupportOffer {
  offerId: string;
  name?: string | null;
  summary?: string | null;
  description?: string | null;
  illustrative?: boolean | null;
}

export async function updateSupportOffer(db: Database, actor: string, input: UpdateSupportOffer): Promise<MutationOutcome<SupportOfferModel>> {
  return db.writeTransaction(async (tx) => {
    const before = await lockRecord<SupportOfferModel>(tx, 'SupportOffer', input.offerId);
    if (!before) return rejected([notFound(['input', 'offerId'], 'support offer', input.offerId)]);
    return applyUpdate(tx, actor, 'SupportOffer', 'UPDATE_SUPPORT_OFFER', before, given(input, SUPPORT_OFFER_UPDATABLE));
  });
}

export interface CreatePolicyDecision {
  decisionId: string;
  name: string;
  summary: string;
  description?: string | null;
  date?: string | null;
  illustrative?: boolean | null;
  sourceId: string;
}

export async function createPolicyDecision(db: Database, actor: string, input: CreatePolicyDecision): Promise<MutationOutcome<PolicyDecisionModel>> {
  return createRecord(db, actor, {
    label: 'PolicyDecision',
    action: 'CREATE_POLICY_DECISION',
    field: ['input', 'decisionId'],
    properties: {
      id: input.decisionId,
      name: input.name,
      summary: input.summary,
      description: input.description ?? null,
      illustrative: input.illustrative ?? false,
      sourceId: input.sourceId,
    },
    dates: { date: input.date ?? null },
    references: [{ label: 'Source', ids: [input.sourceId], field: () => ['input', 'sourceId'] }],
    relationships: [],
    audit: { date: input.date ?? null },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Evidence links

export interface EvidenceLink {
  subjectType: EvidenceSubjectType;
  subjectId: string;
  evidenceType: EvidenceType;
  evidenceId: string;
}

const SUBJECT_LABELS = { SUPPORT_OFFER: 'SupportOffer', POLICY_DECISION: 'PolicyDecision' } as const;
const EVIDENCE_LABELS = { INSIGHT: 'Insight', SOURCE: 'Source', SUPPORT_OFFER: 'SupportOffer', DETERMINANT: 'Determinant' } as const;

export function linkEvidence(db: Database, actor: string, input: EvidenceLink): Promise<MutationOutcome<EvidenceSubjectRecord>> {
  return changeEvidence(db, actor, input, 'LINK_EVIDENCE');
}

export function unlinkEvidence(db: Database, actor: string, input: EvidenceLink): Promise<MutationOutcome<EvidenceSubjectRecord>> {
  return changeEvidence(db, actor, input, 'UNLINK_EVIDENCE');
}

async function changeEvidence(
  db: Database,
  actor: string,
  input: EvidenceLink,
  action: 'LINK_EVIDENCE' | 'UNLINK_EVIDENCE',
): Promise<MutationOutcome<EvidenceSubjectRecord>> {
  const type = EVIDENCE_RELATIONSHIPS[input.subjectType][input.evidenceType];
  if (!type) throw new Error(`Evidence pair ${input.subjectType} -> ${input.evidenceType} reached the repository unchecked.`);
  const subjectLabel = SUBJECT_LABELS[input.subjectType];
  const evidenceLabel = EVIDENCE_LABELS[input.evidenceType];
  return db.writeTransaction(async (tx) => {
    const subject = await lockRecord<SupportOfferModel & PolicyDecisionModel>(tx, subjectLabel, input.subjectId);
    const errors = [
      ...(subject ? [] : [notFound(['input', 'subjectId'], NOUNS[subjectLabel], input.subjectId)]),
      ...(await checkExisting(tx, evidenceLabel, [input.evidenceId], () => ['input', 'evidenceId'])),
    ];
    if (!subject || errors.length > 0) return rejected(errors);

    const ends = `MATCH (s:${subjectLabel} {id: $subjectId}), (e:${evidenceLabel} {id: $evidenceId})`;
    const link = { relationship: type, evidenceType: input.evidenceType, evidenceId: input.evidenceId };
    const change = { actor, action, targetType: subjectLabel, targetId: input.subjectId };
    if (action === 'LINK_EVIDENCE') {
      const [row] = await tx.run<{ existed: boolean }>(
        `${ends} OPTIONAL MATCH (s)-[old:${type}]->(e) WITH s, e, old IS NOT NULL AS existed MERGE (s)-[r:${type}]->(e) ON CREATE SET r.origin = 'curation' RETURN existed`,
        { ...input },
      );
      if (!row?.existed) await recordChange(tx, { ...change, before: null, after: link });
    } else {
      const [row] = await tx.run<{ removed: number }>(`${ends} OPTIONAL MATCH (s)-[r:${type}]->(e) DELETE r RETURN count(r) AS removed`, { ...input });
      if (!row?.removed) {
        return rejected([
          {
            field: ['input', 'evidenceId'],
            code: 'NOT_FOUND',
            message: `The ${NOUNS[subjectLabel]} "${input.subjectId}" has no ${type} link to the ${NOUNS[evidenceLabel]} "${input.evidenceId}", so there is nothing to remove.`,
          },
        ]);
      }
      await recordChange(tx, { ...change, before: link, after: null });
    }
    return done<EvidenceSubjectRecord>(
      input.subjectType === 'SUPPORT_OFFER' ? { type: 'SUPPORT_OFFER', record: subject } : { type: 'POLICY_DECISION', record: subject },
    );
  });
}

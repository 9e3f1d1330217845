/**
 * All Cypher of curation. Each mutation is one write transaction (`db.writeTransaction`, retried by the driver on
 * transient errors): it locks the record it changes, checks the records the input names, applies the change and
 * writes an AuditEntry about it. All of that commits, or none of it does. Input that is wrong whatever the graph
 * holds (formats, lengths) is checked before, in validate.ts; what depends on the graph (unknown ids, an id taken)
 * is checked here, inside the transaction, and comes back as user errors with nothing written.
 */
import { randomUUID } from 'node:crypto';

import { assertNever } from '../../assert-never.js';
import type { Database, WriteTransaction } from '../../db/database.js';
import { DatabaseError } from '../../db/errors.js';
import type { AuditAction, Sentiment, Stance } from '../../generated/resolvers.js';
import { refreshEvidenceAggregates, type Touched } from '../evidence/aggregates.js';
import type { Page } from '../shared/pagination.js';
import {
  EVIDENCE_RELATIONSHIPS,
  INSIGHT_UPDATABLE,
  SUPPORT_OFFER_UPDATABLE,
  type AuditEntryModel,
  type AuditedLabel,
  type CuratedLabel,
  type EvidenceSubjectRecord,
  type EvidenceSubjectType,
  type EvidenceType,
  type InsightModel,
  type Outcome,
  type PolicyDecisionModel,
  type SupportOfferModel,
  type UserError,
} from './model.js';
import { alreadyExists, notFound, type Field } from './validate.js';

type Label = CuratedLabel | 'Interview' | 'Source' | 'Determinant';

const NOUNS: Record<Label, string> = {
  Insight: 'insight',
  Interview: 'interview',
  Source: 'source',
  Determinant: 'determinant',
  SupportOffer: 'support offer',
  PolicyDecision: 'policy decision',
};

const done = <T>(record: T): Outcome<T> => ({ kind: 'done', record });
const rejected = <T>(userErrors: UserError[]): Outcome<T> => ({ kind: 'rejected', userErrors });

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

/** The ids among `ids` that no record of `label` has, as NOT_FOUND errors at `field(index)`. */
async function checkExisting(tx: WriteTransaction, label: Label, ids: readonly string[], field: (index: number) => Field): Promise<UserError[]> {
  // The label comes from the constant Label type, never from a request.
  const [row] = await tx.run<{ missing: string[] }>(
    `UNWIND $ids AS id WITH id WHERE NOT EXISTS { MATCH (:${label} {id: id}) } RETURN collect(id) AS missing`,
    { ids },
  );
  const missing = new Set(row?.missing ?? []);
  return ids.flatMap((id, index) => (missing.has(id) ? [notFound(field(index), NOUNS[label], id)] : []));
}

/**
 * Takes the record's write lock and returns its properties (null when there is none). The lock is held until the
 * transaction ends, so concurrent changes to one record run one after the other and each sees the one before it:
 * the audit trail's "before" is always true, and a relationship MERGEd twice at once is still created once.
 */
async function lockRecord<T>(tx: WriteTransaction, label: CuratedLabel, id: string): Promise<T | null> {
  const [row] = await tx.run<{ node: T }>(
    `MATCH (n:${label} {id: $id}) SET n._lock = true REMOVE n._lock RETURN properties(n) AS node`,
    { id },
  );
  return row?.node ?? null;
}

export interface Change {
  actor: string;
  action: AuditAction;
  targetType: AuditedLabel;
  targetId: string;
  before: unknown;
  after: unknown;
}

/**
 * Writes the AuditEntry of a change, linked to its target (which every curation mutation leaves in place), and
 * refreshes the evidence aggregates of the subjects the change touched, in the same transaction. Also the audit
 * writer of modules/confidence (findings, appraisals, judgements), so that one trail holds every change.
 */
export async function recordChange(tx: WriteTransaction, change: Change): Promise<void> {
  const touched = evidenceTouchedBy(change);
  if (touched) await refreshEvidenceAggregates(tx, touched);
  await tx.run(
    `CREATE (a:AuditEntry {id: $id, at: datetime(), actor: $actor, action: $action,
                           targetType: $targetType, targetId: $targetId, changes: $changes, origin: 'curation'})
     WITH a
     OPTIONAL MATCH (x:${change.targetType} {id: $targetId})
     FOREACH (target IN CASE WHEN x IS NULL THEN [] ELSE [x] END | CREATE (a)-[:ABOUT {origin: 'curation'}]->(target))`,
    {
      id: randomUUID(),
      actor: change.actor,
      action: change.action,
      targetType: change.targetType,
      targetId: change.targetId,
      changes: JSON.stringify({ before: change.before, after: change.after }),
    },
  );
}

/**
 * The records whose evidence a change can move (null: none; no aggregate counts a finding's statement, an appraisal
 * or a judgement). A removed link is named by both its ends, since after the write the graph no longer joins them.
 */
function evidenceTouchedBy(change: Change): Touched | null {
  const touched: Touched = { insights: [], sources: [], determinants: [], offers: [], decisions: [] };
  const ends = [change.before, change.after].filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
  switch (change.action) {
    case 'CREATE_INSIGHT':
    case 'UPDATE_INSIGHT':
    case 'LINK_INSIGHT_TO_DETERMINANT':
    case 'UNLINK_INSIGHT_FROM_DETERMINANT':
      touched.insights.push(change.targetId);
      for (const end of ends) if (typeof end.determinantId === 'string') touched.determinants.push(end.determinantId);
      return touched;
    case 'CREATE_SUPPORT_OFFER':
    case 'UPDATE_SUPPORT_OFFER':
      touched.offers.push(change.targetId);
      return touched;
    case 'CREATE_POLICY_DECISION':
      touched.decisions.push(change.targetId);
      return touched;
    case 'LINK_EVIDENCE':
    case 'UNLINK_EVIDENCE': {
      (change.targetType === 'SupportOffer' ? touched.offers : touched.decisions).push(change.targetId);
      const lists: Record<EvidenceType, string[]> = {
        INSIGHT: touched.insights,
        SOURCE: touched.sources,
        SUPPORT_OFFER: touched.offers,
        DETERMINANT: touched.determinants,
      };
      for (const end of ends) if (typeof end.evidenceId === 'string') lists[end.evidenceType as EvidenceType].push(end.evidenceId);
      return touched;
    }
    case 'UPDATE_FINDING':
    case 'RECORD_APPRAISAL':
    case 'RECORD_JUDGEMENT':
    case 'RECORD_CONFIDENCE':
      return null;
    default:
      return assertNever(change.action, 'audit action');
  }
}

/**
 * Runs a creation. An id already taken is refused up front; identical creations racing past that check all try
 * to CREATE, and the unique constraint on the id lets exactly one of them commit. The others fail with a
 * constraint error (their transactions, audit entry included, roll back), reported as the same ALREADY_EXISTS.
 */
async function createOnce<T>(
  db: Database,
  label: CuratedLabel,
  id: string,
  field: Field,
  work: (tx: WriteTransaction) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const taken = () => rejected<T>([alreadyExists(field, NOUNS[label], id)]);
  try {
    return await db.writeTransaction(async (tx) => ((await checkExisting(tx, label, [id], () => field)).length === 0 ? taken() : work(tx)));
  } catch (error) {
    if (error instanceof DatabaseError && error.kind === 'constraint') return taken();
    throw error;
  }
}

/**
 * Sets the given properties that differ from the stored ones (null removes one) and records the difference.
 * Nothing differs: nothing is written, and there is nothing to audit.
 */
async function applyUpdate<T extends { id: string }>(
  tx: WriteTransaction,
  actor: string,
  label: CuratedLabel,
  action: AuditAction,
  before: T,
  given: Record<string, unknown>,
): Promise<Outcome<T>> {
  const stored = before as unknown as Record<string, unknown>;
  const keys = Object.keys(given).filter((key) => (stored[key] ?? null) !== given[key]);
  if (keys.length === 0) return done(before);
  const changes = Object.fromEntries(keys.map((key) => [key, given[key]]));
  const [row] = await tx.run<{ node: T }>(
    `MATCH (n:${label} {id: $id}) SET n += $changes, n.updatedAt = datetime() RETURN properties(n) AS node`,
    { id: before.id, changes },
  );
  await recordChange(tx, {
    actor,
    action,
    targetType: label,
    targetId: before.id,
    before: Object.fromEntries(keys.map((key) => [key, stored[key] ?? null])),
    after: changes,
  });
  return done(row!.node);
}

/** The keys of `input` among `keys` that the client gave (null included: it means "remove"). */
function given(input: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([key, value]) => keys.includes(key) && value !== undefined));
}

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

export async function createInsight(db: Database, actor: string, input: CreateInsight): Promise<Outcome<InsightModel>> {
  return createOnce(db, 'Insight', input.insightId, ['input', 'insightId'], async (tx) => {
    const links = input.determinants ?? [];
    const errors = [
      ...(await checkExisting(tx, 'Interview', [input.interviewId], () => ['input', 'interviewId'])),
      ...(await checkExisting(tx, 'Source', [input.sourceId], () => ['input', 'sourceId'])),
      ...(await checkExisting(tx, 'Determinant', links.map((link) => link.determinantId), (index) => ['input', 'determinants', String(index), 'determinantId'])),
    ];
    if (errors.length > 0) return rejected(errors);
    const properties = {
      id: input.insightId,
      summary: input.summary,
      quote: input.quote ?? null,
      sentiment: input.sentiment,
      illustrative: input.illustrative ?? false,
      sourceId: input.sourceId,
    };
    const [row] = await tx.run<{ node: InsightModel }>(
      `MATCH (interview:Interview {id: $interviewId})
       CREATE (n:Insight)-[:FROM {origin: 'curation'}]->(interview)
       SET n = $properties, n.origin = 'curation', n.createdAt = datetime()
       WITH n
       CALL (n) {
         UNWIND $links AS link
         MATCH (d:Determinant {id: link.determinantId})
         CREATE (n)-[:EVIDENCES {stance: link.stance, origin: 'curation'}]->(d)
       }
       RETURN properties(n) AS node`,
      { interviewId: input.interviewId, properties, links },
    );
    const after = { ...properties, interviewId: input.interviewId, determinants: links };
    await recordChange(tx, { actor, action: 'CREATE_INSIGHT', targetType: 'Insight', targetId: input.insightId, before: null, after });
    return done(row!.node);
  });
}

export interface UpdateInsight {
  insightId: string;
  summary?: string | null;
  quote?: string | null;
  sentiment?: Sentiment | null;
  illustrative?: boolean | null;
}

export async function updateInsight(db: Database, actor: string, input: UpdateInsight): Promise<Outcome<InsightModel>> {
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
): Promise<Outcome<InsightModel>> {
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
): Promise<Outcome<InsightModel>> {
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

export async function createSupportOffer(db: Database, actor: string, input: CreateSupportOffer): Promise<Outcome<SupportOfferModel>> {
  return createOnce(db, 'SupportOffer', input.offerId, ['input', 'offerId'], async (tx) => {
    const determinantIds = input.determinantIds ?? [];
    const errors = [
      ...(await checkExisting(tx, 'Source', [input.sourceId], () => ['input', 'sourceId'])),
      ...(await checkExisting(tx, 'Determinant', determinantIds, (index) => ['input', 'determinantIds', String(index)])),
    ];
    if (errors.length > 0) return rejected(errors);
    const properties = {
      id: input.offerId,
      name: input.name,
      summary: input.summary,
      description: input.description ?? null,
      illustrative: input.illustrative ?? false,
      sourceId: input.sourceId,
    };
    const [row] = await tx.run<{ node: SupportOfferModel }>(
      `CREATE (n:SupportOffer)
       SET n = $properties, n.origin = 'curation', n.createdAt = datetime()
       WITH n
       CALL (n) {
         UNWIND $determinantIds AS determinantId
         MATCH (d:Determinant {id: determinantId})
         CREATE (n)-[:ADDRESSES {origin: 'curation'}]->(d)
       }
       RETURN properties(n) AS node`,
      { properties, determinantIds },
    );
    const after = { ...properties, determinantIds };
    await recordChange(tx, { actor, action: 'CREATE_SUPPORT_OFFER', targetType: 'SupportOffer', targetId: input.offerId, before: null, after });
    return done(row!.node);
  });
}

export interface UpdateSupportOffer {
  offerId: string;
  name?: string | null;
  summary?: string | null;
  description?: string | null;
  illustrative?: boolean | null;
}

export async function updateSupportOffer(db: Database, actor: string, input: UpdateSupportOffer): Promise<Outcome<SupportOfferModel>> {
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

export async function createPolicyDecision(db: Database, actor: string, input: CreatePolicyDecision): Promise<Outcome<PolicyDecisionModel>> {
  return createOnce(db, 'PolicyDecision', input.decisionId, ['input', 'decisionId'], async (tx) => {
    const errors = await checkExisting(tx, 'Source', [input.sourceId], () => ['input', 'sourceId']);
    if (errors.length > 0) return rejected(errors);
    const properties = {
      id: input.decisionId,
      name: input.name,
      summary: input.summary,
      description: input.description ?? null,
      illustrative: input.illustrative ?? false,
      sourceId: input.sourceId,
    };
    const [row] = await tx.run<{ node: PolicyDecisionModel }>(
      `CREATE (n:PolicyDecision)
       SET n = $properties, n.date = date($date), n.origin = 'curation', n.createdAt = datetime()
       RETURN properties(n) AS node`,
      { properties, date: input.date ?? null },
    );
    const after = { ...properties, date: input.date ?? null };
    await recordChange(tx, { actor, action: 'CREATE_POLICY_DECISION', targetType: 'PolicyDecision', targetId: input.decisionId, before: null, after });
    return done(row!.node);
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

export function linkEvidence(db: Database, actor: string, input: EvidenceLink): Promise<Outcome<EvidenceSubjectRecord>> {
  return changeEvidence(db, actor, input, 'LINK_EVIDENCE');
}

export function unlinkEvidence(db: Database, actor: string, input: EvidenceLink): Promise<Outcome<EvidenceSubjectRecord>> {
  return changeEvidence(db, actor, input, 'UNLINK_EVIDENCE');
}

async function changeEvidence(
  db: Database,
  actor: string,
  input: EvidenceLink,
  action: 'LINK_EVIDENCE' | 'UNLINK_EVIDENCE',
): Promise<Outcome<EvidenceSubjectRecord>> {
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

// ---------------------------------------------------------------------------------------------------------------
// The audit trail

export interface AuditFilter {
  targetId?: string | null;
  actor?: string | null;
}

const AUDIT_FILTER = '($targetId IS NULL OR a.targetId = $targetId) AND ($actor IS NULL OR a.actor = $actor)';

/**
 * One page of audit entries, newest first (`page.first + 1` rows). The cursor carries `at` as an ISO string, so the
 * keyset condition turns it back into a datetime (string and datetime never compare equal in Cypher).
 */
export async function findAuditPage(db: Database, filter: AuditFilter, page: Page): Promise<AuditEntryModel[]> {
  const after = page.after ? 'AND (a.at < datetime($afterKey) OR (a.at = datetime($afterKey) AND a.id < $afterId))' : '';
  const rows = await db.readQuery<{ node: AuditEntryModel }>(
    `MATCH (a:AuditEntry) WHERE ${AUDIT_FILTER} ${after}
     RETURN properties(a) AS node ORDER BY a.at DESC, a.id DESC LIMIT toInteger($limit)`,
    {
      targetId: filter.targetId ?? null,
      actor: filter.actor ?? null,
      afterKey: page.after?.[0] ?? null,
      afterId: page.after?.[1] ?? null,
      limit: page.first + 1,
    },
  );
  return rows.map((row) => row.node);
}

export async function countAuditEntries(db: Database, filter: AuditFilter): Promise<number> {
  const [row] = await db.readQuery<{ count: number }>(`MATCH (a:AuditEntry) WHERE ${AUDIT_FILTER} RETURN count(a) AS count`, {
    targetId: filter.targetId ?? null,
    actor: filter.actor ?? null,
  });
  return row?.count ?? 0;
}

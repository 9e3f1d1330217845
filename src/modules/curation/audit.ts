/**
 * The audit trail of curation: the AuditEntry each change writes (in the change's own transaction, with the refresh
 * of the evidence aggregates it moves) and the trail's reads. Every curation mutation and every change of
 * modules/confidence (findings, appraisals, judgements) records itself here, so that one trail holds every change.
 */
import { randomUUID } from 'node:crypto';

import { assertNever } from '../../assert-never.js';

import type { Database, WriteTransaction } from '../../db/database.js';
import type { AuditAction } from '../../generated/resolvers.js';
import { refreshEvidenceAggregates, type Touched } from '../evidence/aggregates.js';
import type { Page } from '../shared/pagination.js';
import type { AuditEntryModel, AuditedLabel, EvidenceType } from './model.js';

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

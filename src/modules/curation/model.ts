import type { AuditAction } from '../../generated/resolvers.js';
import type { InsightModel } from '../research/model.js';
import type { PolicyDecisionModel, SupportOfferModel } from '../outcomes/model.js';
import type { Connection } from '../shared/pagination.js';
import type { UserError } from '../shared/user-errors.js';

/** What a mutation did: changed (or confirmed) the record, or refused the input and changed nothing. */
export type MutationOutcome<T> = { kind: 'done'; record: T } | { kind: 'rejected'; userErrors: UserError[] };

/** The properties a partial update may change. */
export const INSIGHT_UPDATABLE = ['summary', 'quote', 'sentiment', 'illustrative'] as const;
export const SUPPORT_OFFER_UPDATABLE = ['name', 'summary', 'description', 'illustrative'] as const;

/** The records curation changes, by their label; audit entries name them so. */
export type CuratedLabel = 'Insight' | 'SupportOffer' | 'PolicyDecision';

/** Every label an audit entry can be about: curation's, and a finding's determinant or a study (modules/confidence). */
export type AuditedLabel = CuratedLabel | 'Determinant' | 'Study';

export type EvidenceSubjectType = 'SUPPORT_OFFER' | 'POLICY_DECISION';
export type EvidenceType = 'INSIGHT' | 'SOURCE' | 'SUPPORT_OFFER' | 'DETERMINANT';

/**
 * The relationship from subject to evidence for every pair the graph model has (seeds/README.md: offer_evidence,
 * offer_determinants, decision_evidence); a pair not listed cannot be linked.
 */
export const EVIDENCE_RELATIONSHIPS: Record<EvidenceSubjectType, Partial<Record<EvidenceType, 'INFORMED_BY' | 'ADDRESSES'>>> = {
  SUPPORT_OFFER: { INSIGHT: 'INFORMED_BY', SOURCE: 'INFORMED_BY', DETERMINANT: 'ADDRESSES' },
  POLICY_DECISION: { INSIGHT: 'INFORMED_BY', SOURCE: 'INFORMED_BY', SUPPORT_OFFER: 'INFORMED_BY' },
};

/** The offer or decision `linkEvidence` and `unlinkEvidence` changed. */
export type EvidenceSubjectRecord = { type: 'SUPPORT_OFFER'; record: SupportOfferModel } | { type: 'POLICY_DECISION'; record: PolicyDecisionModel };

export interface AuditEntryModel {
  id: string;
  at: string;
  actor: string;
  action: AuditAction;
  targetType: AuditedLabel;
  targetId: string;
  changes: string;
}

export type AuditEntryConnectionModel = Connection<AuditEntryModel>;

export type { InsightModel, PolicyDecisionModel, SupportOfferModel };

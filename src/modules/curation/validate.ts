/**
 * The checks of each curation mutation's input that need no database, made of the shared checks of
 * ../shared/user-errors.ts; the ids the input refers to are checked against the graph only when the input is well
 * formed (repository.ts).
 */
import type {
  CreateInsightInput,
  CreatePolicyDecisionInput,
  CreateSupportOfferInput,
  EvidenceLinkInput,
  UpdateInsightInput,
  UpdateSupportOfferInput,
} from '../../generated/resolvers.js';
import { checkNewId, checkNoDuplicates, checkNotNull, checkSomethingToChange, checkText, type UserError } from '../shared/user-errors.js';
import { EVIDENCE_RELATIONSHIPS, INSIGHT_UPDATABLE, SUPPORT_OFFER_UPDATABLE } from './model.js';

export const TEXT_LIMITS = { name: 200, summary: 1000, quote: 2000, description: 5000 } as const;

export function validateCreateInsight(input: CreateInsightInput): UserError[] {
  return [
    ...checkNewId(input.insightId, ['input', 'insightId']),
    ...checkText(input.summary, ['input', 'summary'], TEXT_LIMITS.summary, true),
    ...checkText(input.quote, ['input', 'quote'], TEXT_LIMITS.quote, false),
    ...checkNoDuplicates(
      (input.determinants ?? []).map((link) => link.determinantId),
      (index) => ['input', 'determinants', String(index), 'determinantId'],
    ),
  ];
}

export function validateUpdateInsight(input: UpdateInsightInput): UserError[] {
  return [
    ...checkSomethingToChange(input, INSIGHT_UPDATABLE),
    ...checkNotNull(input, 'summary', ['input', 'summary']),
    ...checkNotNull(input, 'sentiment', ['input', 'sentiment']),
    ...checkNotNull(input, 'illustrative', ['input', 'illustrative']),
    ...(input.summary != null ? checkText(input.summary, ['input', 'summary'], TEXT_LIMITS.summary, true) : []),
    ...checkText(input.quote, ['input', 'quote'], TEXT_LIMITS.quote, false),
  ];
}

export function validateCreateSupportOffer(input: CreateSupportOfferInput): UserError[] {
  return [
    ...checkNewId(input.offerId, ['input', 'offerId']),
    ...checkText(input.name, ['input', 'name'], TEXT_LIMITS.name, true),
    ...checkText(input.summary, ['input', 'summary'], TEXT_LIMITS.summary, true),
    ...checkText(input.description, ['input', 'description'], TEXT_LIMITS.description, false),
    ...checkNoDuplicates(input.determinantIds ?? [], (index) => ['input', 'determinantIds', String(index)]),
  ];
}

export function validateUpdateSupportOffer(input: UpdateSupportOfferInput): UserError[] {
  return [
    ...checkSomethingToChange(input, SUPPORT_OFFER_UPDATABLE),
    ...checkNotNull(input, 'name', ['input', 'name']),
    ...checkNotNull(input, 'summary', ['input', 'summary']),
    ...checkNotNull(input, 'illustrative', ['input', 'illustrative']),
    ...(input.name != null ? checkText(input.name, ['input', 'name'], TEXT_LIMITS.name, true) : []),
    ...(input.summary != null ? checkText(input.summary, ['input', 'summary'], TEXT_LIMITS.summary, true) : []),
    ...checkText(input.description, ['input', 'description'], TEXT_LIMITS.description, false),
  ];
}

export function validateCreatePolicyDecision(input: CreatePolicyDecisionInput): UserError[] {
  return [
    ...checkNewId(input.decisionId, ['input', 'decisionId']),
    ...checkText(input.name, ['input', 'name'], TEXT_LIMITS.name, true),
    ...checkText(input.summary, ['input', 'summary'], TEXT_LIMITS.summary, true),
    ...checkText(input.description, ['input', 'description'], TEXT_LIMITS.description, false),
  ];
}

export function validateEvidenceLink(input: EvidenceLinkInput): UserError[] {
  const allowed = EVIDENCE_RELATIONSHIPS[input.subjectType];
  if (allowed[input.evidenceType]) return [];
  return [
    {
      field: ['input', 'evidenceType'],
      code: 'NOT_ALLOWED',
      message:
        `A ${input.subjectType} cannot be linked to a ${input.evidenceType} (allowed: ${Object.keys(allowed).join(', ')}). ` +
        'An offer is informed by insights and sources and addresses determinants; a decision is informed by insights, sources and offers.',
    },
  ];
}

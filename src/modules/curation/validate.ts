/**
 * Checks of a mutation's input that need no database: id format, blank and over-long texts, duplicates in lists.
 * Each returns the user errors it finds (none: an empty list), so a client learns every format problem at once; the
 * ids the input refers to are checked against the graph only when the input is well formed (repository.ts). Also the factories of the user errors the repository finds (unknown ids, existing ids), so messages read alike.
 */
import type {
  CreateInsightInput,
  CreatePolicyDecisionInput,
  CreateSupportOfferInput,
  EvidenceLinkInput,
  UpdateInsightInput,
  UpdateSupportOfferInput,
} from '../../generated/resolvers.js';
import { EVIDENCE_RELATIONSHIPS, INSIGHT_UPDATABLE, SUPPORT_OFFER_UPDATABLE, type UserError } from './model.js';

/** The seeds' id format (seeds/README.md): lower-case slugs, kept short enough to read in a URL or a cursor. */
const SLUG = /^[a-z0-9][a-z0-9-]*$/;
export const MAX_ID_LENGTH = 64;

export const TEXT_LIMITS = { name: 200, summary: 1000, quote: 2000, description: 5000 } as const;

export type Field = string[];

export function checkNewId(value: string, field: Field): UserError[] {
  if (value.length > MAX_ID_LENGTH || !SLUG.test(value)) {
    return [
      {
        field,
        code: 'INVALID_FORMAT',
        message:
          `${last(field)} must be a lower-case slug of at most ${MAX_ID_LENGTH} characters: a-z, 0-9 and hyphens, ` +
          `starting with a letter or digit, e.g. "i01-04" (got ${JSON.stringify(shorten(value))}).`,
      },
    ];
  }
  return [];
}

/** A text that must hold something other than spaces when `required`, and at most `max` characters. */
export function checkText(value: string | null | undefined, field: Field, max: number, required: boolean): UserError[] {
  if (value === null || value === undefined || value.trim() === '') {
    return required
      ? [{ field, code: 'REQUIRED', message: `${last(field)} must not be blank (got ${JSON.stringify(value ?? null)}). Write at least one word.` }]
      : [];
  }
  if (value.length > max) {
    return [
      {
        field,
        code: 'TOO_LONG',
        message: `${last(field)} must be at most ${max} characters (got ${value.length}). Shorten it.`,
      },
    ];
  }
  return [];
}

/** A field a partial update may omit but not set to null, because the record must always have it. */
export function checkNotNull(input: object, key: string, field: Field): UserError[] {
  return key in input && (input as Record<string, unknown>)[key] === null
    ? [{ field, code: 'REQUIRED', message: `${last(field)} cannot be removed (got null). Give a value, or omit it to keep the current one.` }]
    : [];
}

/** A partial update that names no field to change is almost certainly a mistake. */
export function checkSomethingToChange(input: object, keys: readonly string[]): UserError[] {
  return keys.some((key) => key in input)
    ? []
    : [{ field: ['input'], code: 'REQUIRED', message: `Give at least one of ${keys.join(', ')} to change (got none).` }];
}

/** Every repeated value of a list, flagged at its second and later positions. */
export function checkNoDuplicates(values: readonly string[], field: (index: number) => Field): UserError[] {
  const seen = new Set<string>();
  const errors: UserError[] = [];
  values.forEach((value, index) => {
    if (seen.has(value)) {
      errors.push({ field: field(index), code: 'DUPLICATE', message: `"${value}" is listed more than once. Give each at most once.` });
    }
    seen.add(value);
  });
  return errors;
}

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

export function notFound(field: Field, noun: string, id: string): UserError {
  return { field, code: 'NOT_FOUND', message: `No ${noun} has the id "${shorten(id)}". Check the id, or create the ${noun} first.` };
}

export function alreadyExists(field: Field, noun: string, id: string): UserError {
  return {
    field,
    code: 'ALREADY_EXISTS',
    message: `The ${noun} id "${id}" is taken already. Choose another id, or update the existing ${noun}.`,
  };
}

function last(field: Field): string {
  return field[field.length - 1] ?? 'value';
}

function shorten(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}...` : value;
}

/**
 * The user errors of every mutation (curation's and confidence's): their shape, the checks of input that need no
 * database (id format, blank and over-long texts, nulls, duplicates in lists) and the factories of the errors a
 * repository finds (unknown ids, ids taken), so that every mutation's messages read alike. Each check returns the
 * errors it finds (none: an empty list), so a client learns every format problem at once.
 */
import type { UserErrorCode } from '../../generated/resolvers.js';

/** A problem with one part of a mutation's input; see `UserError` in schema/curation.graphql. */
export interface UserError {
  field: string[];
  message: string;
  code: UserErrorCode;
}

/** The seeds' id format (seeds/README.md): lower-case slugs, kept short enough to read in a URL or a cursor. */
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

export const MAX_ID_LENGTH = 64;

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

/**
 * Every error code a client can see, in one enum, with small factories and the `formatError` hook.
 *
 * Messages state what was expected, what arrived and how to fix it. `formatError` never throws, maps database
 * errors to codes a client can act on, and hides internal details in production.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, isEnumType, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';

import { DatabaseError } from './db/errors.js';

export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  CONFLICT = 'CONFLICT',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  DATABASE_TIMEOUT = 'DATABASE_TIMEOUT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** A `documentId` the server does not know (src/trusted-documents.ts). */
  PERSISTED_DOCUMENT_NOT_FOUND = 'PERSISTED_DOCUMENT_NOT_FOUND',
  /** A document sent as text to a server that runs only trusted documents (TRUSTED_DOCUMENTS=required). */
  PERSISTED_DOCUMENT_REQUIRED = 'PERSISTED_DOCUMENT_REQUIRED',
}

export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument && { argument }) } });
}

const DATABASE_ERROR_CODES: Record<DatabaseError['kind'], ErrorCode> = {
  unavailable: ErrorCode.SERVICE_UNAVAILABLE,
  timeout: ErrorCode.DATABASE_TIMEOUT,
  deadline: ErrorCode.DATABASE_TIMEOUT,
  constraint: ErrorCode.CONFLICT,
  query: ErrorCode.INTERNAL_SERVER_ERROR,
};

const DATABASE_ERROR_MESSAGES: Record<DatabaseError['kind'], string> = {
  unavailable: 'The database is not reachable right now. Retry in a few seconds.',
  timeout: 'The database took too long to answer. Narrow the query (fewer items, more filters) and retry.',
  // Follows the error's own message, which names the deadline (REQUEST_TIMEOUT_MS).
  deadline: 'Retry in a few seconds; if it keeps happening, narrow the query (fewer items, more filters).',
  constraint: 'The change conflicts with an existing record.',
  query: 'The server failed to run this query. The error has been logged.',
};

const UNKNOWN_ENUM = /Value "([^"]*)" does not exist in "(\w+)" enum\.(?: Did you mean [^?]*\?)?/;

/**
 * graphql-js names a wrong enum value and guesses one; a user is better served by every allowed value. Such an
 * error, in a literal or a variable, is bad input: BAD_USER_INPUT.
 */
function explainUnknownEnum(formatted: GraphQLFormattedError, schema: GraphQLSchema | undefined): GraphQLFormattedError {
  const match = UNKNOWN_ENUM.exec(formatted.message);
  const type = match && schema?.getType(match[2]!);
  if (!match || !isEnumType(type)) return formatted;
  const allowed = type
    .getValues()
    .map((value) => value.name)
    .join(', ');
  const message = formatted.message.replace(match[0], `Value "${match[1]}" does not exist in "${match[2]}" enum. Allowed values: ${allowed}.`);
  return { ...formatted, message, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
}

function isBadUserInput(error: unknown): boolean {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  return original instanceof GraphQLError && original.extensions?.code === ErrorCode.BAD_USER_INPUT;
}

/**
 * Builds Apollo's `formatError`. Never throws: whatever arrives, a well-formed error leaves.
 * @param exposeDetails include internal messages (development only)
 */
export function createFormatError(exposeDetails: boolean, log: (error: unknown) => void, schema?: GraphQLSchema) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    try {
      const original = unwrapResolverError(error);
      if (original instanceof DatabaseError) {
        if (original.kind === 'query') log(original);
        return {
          ...formatted,
          message:
            (exposeDetails && original.kind === 'query') || original.kind === 'deadline'
              ? `${original.message}${original.kind === 'deadline' ? ` ${DATABASE_ERROR_MESSAGES.deadline}` : ''}`
              : DATABASE_ERROR_MESSAGES[original.kind],
          extensions: { code: DATABASE_ERROR_CODES[original.kind] },
        };
      }
      formatted = explainUnknownEnum(formatted, schema);
      // A scalar refusing a literal (a malformed Date, say) is bad input, though graphql-js reports it as validation.
      if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && isBadUserInput(error)) {
        formatted = { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
      }
      const code = formatted.extensions?.code;
      if (code === ErrorCode.INTERNAL_SERVER_ERROR || code === undefined) {
        log(original);
        if (!exposeDetails) {
          return {
            message: 'Internal server error. The error has been logged.',
            ...(formatted.locations && { locations: formatted.locations }),
            ...(formatted.path && { path: formatted.path }),
            extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
          };
        }
      }
      return formatted;
    } catch {
      return { message: 'Internal server error.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
  };
}

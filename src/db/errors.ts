/**
 * Driver errors -> a few domain errors the API can explain. Callers switch on `kind`, never on driver codes.
 */
import { Neo4jError } from 'neo4j-driver';

/** `timeout`: the server stopped a statement at its transaction timeout; `deadline`: the request's own ran out. */
export type DatabaseErrorKind = 'unavailable' | 'constraint' | 'timeout' | 'deadline' | 'query';

export class DatabaseError extends Error {
  override name = 'DatabaseError';

  constructor(
    readonly kind: DatabaseErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

export function toDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  if (!(error instanceof Neo4jError)) {
    return new DatabaseError('query', `Unexpected database error: ${String(error)}`, { cause: error });
  }
  if (UNAVAILABLE_CODES.has(error.code) || /ECONNREFUSED|ECONNRESET|connection.*(closed|lost)/i.test(error.message)) {
    return new DatabaseError('unavailable', 'The database is not reachable right now.', { cause: error });
  }
  if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new DatabaseError('constraint', error.message, { cause: error });
  }
  if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') || /timed? ?out/i.test(error.message)) {
    return new DatabaseError('timeout', 'The database took too long to answer.', { cause: error });
  }
  return new DatabaseError('query', `Database error ${error.code}: ${error.message}`, { cause: error });
}

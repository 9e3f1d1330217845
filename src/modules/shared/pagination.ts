/**
 * Relay connections with keyset cursors.
 *
 * A cursor holds the sort values of the last row seen (plus the connection it belongs to and its sort), so the
 * next page starts strictly after those values: inserting or deleting rows never shifts a page, and a cursor
 * whose row has since been deleted still works. Repositories fetch `first + 1` rows to learn whether another
 * page exists.
 *
 * `totalCount`, the same for every connection (`plannedTotal`): counted only when the request selects it (the read
 * planner says), and then never after the page but with it: in the page's own statement where the repository counts
 * there (trusts, insights), else in a count statement started alongside the page statement (implementations, the
 * audit trail, a trail's insights from its summary).
 */
import { badUserInput } from '../../errors.js';
import type { FieldPlan } from './planner.js';

export type SortValue = string | number | null;

export interface Page {
  /** Rows wanted (validated). */
  first: number;
  /** Sort values of the last row of the previous page, or null for the first page. */
  after: SortValue[] | null;
}

export interface Connection<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}

interface CursorPayload {
  c: string;
  v: SortValue[];
}

/** The arguments every connection field takes. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** The page size of a connection whose `first` is not given, or given as null (every SDL default says the same). */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Validates `first` and decodes `after`.
 * @param connection names the connection and its sort (e.g. "trusts:NAME:ASC"); a cursor from another connection
 *   or sort is refused, because its values would mean something else
 */
export function readPage(args: PageArgs, connection: string, maxPageSize: number, defaultPageSize = DEFAULT_PAGE_SIZE): Page {
  const first = args.first ?? defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > maxPageSize) {
    throw badUserInput(`first must be between 0 and ${maxPageSize} (got ${first}). Page through larger results with after.`, 'first');
  }
  return { first, after: args.after ? decodeCursor(args.after, connection) : null };
}

export function encodeCursor(connection: string, values: SortValue[]): string {
  const payload: CursorPayload = { c: connection, v: values };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, connection: string): SortValue[] {
  let payload: CursorPayload;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPayload;
  } catch {
    throw invalidCursor(cursor);
  }
  if (!payload || typeof payload.c !== 'string' || !Array.isArray(payload.v)) throw invalidCursor(cursor);
  if (payload.c !== connection) {
    throw badUserInput(
      `after: this cursor belongs to another list or sort order ("${payload.c}", not "${connection}"). ` +
        'Use an endCursor or edge cursor from the same query with the same sort.',
      'after',
    );
  }
  return payload.v;
}

function invalidCursor(cursor: string) {
  const shown = cursor.length > 40 ? `${cursor.slice(0, 40)}...` : cursor;
  return badUserInput(`after: "${shown}" is not a cursor. Pass the pageInfo.endCursor (or an edge cursor) of the previous page.`, 'after');
}

/**
 * Builds a connection from `first + 1` fetched rows.
 * @param sortValues the values a cursor of this row must hold, in the repository's ORDER BY order
 */
export function toConnection<T>(
  rows: T[],
  page: Page,
  connection: string,
  sortValues: (row: T) => SortValue[],
  totalCount: () => Promise<number>,
): Connection<T> {
  const nodes = rows.slice(0, page.first);
  return {
    nodes,
    cursors: nodes.map((row) => encodeCursor(connection, sortValues(row))),
    hasNextPage: rows.length > page.first,
    hasPreviousPage: page.after !== null,
    totalCount,
  };
}

/**
 * The `totalCount` of a connection (see the header): `counted` when the page's own statement counted (the
 * repository was asked to because `wantsTotal`), else `count`, started now when the connection selects
 * `totalCount`, so that it runs alongside the page statement, and otherwise never.
 */
export function plannedTotal(connection: FieldPlan, count: () => Promise<number>, counted: number | null = null): () => Promise<number> {
  if (counted !== null) return () => Promise.resolve(counted);
  if (!wantsTotal(connection)) return count;
  const started = count();
  // totalCount's resolver awaits it; if the page statement fails first nothing does, which must not crash the process.
  started.catch(() => undefined);
  return () => started;
}

/** True when the connection selects `totalCount`: a repository that can count in the page's statement then does. */
export function wantsTotal(connection: FieldPlan): boolean {
  return connection.selects('totalCount');
}

/** The fields every connection type resolves the same way. */
export const connectionResolvers = {
  edges: <T>(connection: Connection<T>) => connection.nodes.map((node, i) => ({ node, cursor: connection.cursors[i]! })),
  nodes: <T>(connection: Connection<T>) => connection.nodes,
  pageInfo: <T>(connection: Connection<T>) => ({
    hasNextPage: connection.hasNextPage,
    hasPreviousPage: connection.hasPreviousPage,
    startCursor: connection.cursors[0] ?? null,
    endCursor: connection.cursors[connection.cursors.length - 1] ?? null,
  }),
  totalCount: <T>(connection: Connection<T>) => connection.totalCount(),
};

/**
 * The Cypher condition "row comes after the cursor" for ORDER BY key, tiebreaker, both in `direction`.
 * Built from constants only; the cursor's values travel as parameters $afterKey and $afterId.
 */
export function keysetCondition(keyExpression: string, idExpression: string, direction: 'ASC' | 'DESC'): string {
  const op = direction === 'ASC' ? '>' : '<';
  return `(${keyExpression} ${op} $afterKey OR (${keyExpression} = $afterKey AND ${idExpression} ${op} $afterId))`;
}

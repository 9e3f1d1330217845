/**
 * Refuses, before anything runs, an operation over a limit: depth, cost, aliases, directives (in the
 * `didResolveOperation` hook, after validation and before execution, where the variables are known), and a
 * document over the token limit or a body over the size limit (HTTP middleware, before parsing).
 * The refusal is QUERY_TOO_COMPLEX, naming each limit, the value and by how much it is over.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

import type { QueryLimits } from '../config.js';
import { ErrorCode } from '../errors.js';
import { COST_CEILING, measureOperation } from './measure.js';

interface Violation {
  limit: 'depth' | 'cost' | 'aliases' | 'directives' | 'tokens' | 'bodySize';
  value: number;
  max: number;
  /** True when `value` is a lower bound: a body sent in chunks is cut off at the limit, a cost stops counting. */
  atLeast?: boolean;
}

const ADVICE: Record<Violation['limit'], string> = {
  depth: 'Ask for less nested data, or split the query.',
  cost: 'Ask for smaller pages (`first`) in nested connections, or split the query.',
  aliases: 'Use fewer aliases, or split the query.',
  directives: 'Use fewer directives.',
  tokens: 'Send a shorter query, or split it.',
  bodySize: 'Send a smaller request.',
};

const LABELS: Record<Violation['limit'], string> = {
  depth: 'Query depth',
  cost: 'Query cost',
  aliases: 'Alias count',
  directives: 'Directive count',
  tokens: 'Token count',
  bodySize: 'Request body size',
};

function describe({ limit, value, max, atLeast }: Violation): string {
  const unit = limit === 'bodySize' ? ' bytes' : '';
  if (atLeast) return `${LABELS[limit]} of at least ${value}${unit} exceeds the limit of ${max}${unit}. ${ADVICE[limit]}`;
  return `${LABELS[limit]} ${value}${unit} exceeds the limit of ${max}${unit} by ${value - max}. ${ADVICE[limit]}`;
}

function tooComplex(violations: Violation[]): GraphQLError {
  return new GraphQLError(violations.map(describe).join(' '), {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limits: violations, http: { status: 400 } },
  });
}

export function queryLimitsPlugin(limits: Readonly<QueryLimits>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo has already refused a document without the named operation
          const measure = measureOperation(schema, document, operation, request.variables ?? {});
          const violations: Violation[] = [];
          const check = (limit: Violation['limit'], value: number, max: number) => {
            if (value > max) violations.push({ limit, value, max, ...(value >= COST_CEILING && { atLeast: true }) });
          };
          check('depth', measure.depth, limits.maxDepth);
          check('aliases', measure.aliases, limits.maxAliases);
          check('directives', measure.directives, limits.maxDirectives);
          check('cost', measure.cost, limits.maxCost);
          if (violations.length > 0) throw tooComplex(violations);
        },
      };
    },
  };
}

/** Counts the lexical tokens of a GraphQL document (comments excluded); null when it does not lex. */
export function countTokens(query: string): number | null {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    return null; // a syntax error: Apollo's parser reports it with its location
  }
  return count;
}

function sendErrors(response: Parameters<RequestHandler>[1], status: number, error: GraphQLError): void {
  const { http: _http, ...extensions } = error.extensions;
  response.status(status).json({ errors: [{ message: error.message, extensions }] });
}

/**
 * Refuses a document over the token limit before Apollo parses it: parsing and validation cost grows with the
 * document, and the parser alone would stop at the limit without saying by how much the query is over.
 */
export function tokenLimit(maxTokens: number): RequestHandler {
  return (request, response, next) => {
    const query: unknown = request.method === 'GET' ? request.query.query : (request.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string') return next();
    const tokens = countTokens(query);
    if (tokens !== null && tokens > maxTokens) {
      return sendErrors(response, 400, tooComplex([{ limit: 'tokens', value: tokens, max: maxTokens }]));
    }
    next();
  };
}

/** Turns express.json's refusals (body too large, malformed JSON) into GraphQL-shaped JSON errors. */
export const bodyErrors: ErrorRequestHandler = (
  error: { type?: string; length?: number | null; received?: number; limit?: number },
  _request,
  response,
  next,
) => {
  if (error.type === 'entity.too.large') {
    const max = error.limit ?? 0;
    // With a content-length the size is known; a chunked body is refused once more than the limit has arrived.
    const violation: Violation =
      typeof error.length === 'number'
        ? { limit: 'bodySize', value: error.length, max }
        : { limit: 'bodySize', value: Math.max(error.received ?? 0, max + 1), max, atLeast: true };
    return sendErrors(response, 413, tooComplex([violation]));
  }
  if (error.type === 'entity.parse.failed') {
    return sendErrors(
      response,
      400,
      new GraphQLError('The request body is not valid JSON. Send {"query": "...", "variables": {...}}.', {
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      }),
    );
  }
  next(error);
};

/**
 * HTTP middleware in front of Apollo: refuses a document over the token limit and a body over the size limit
 * before anything is parsed, and turns express.json's refusals into GraphQL-shaped JSON errors.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

import { ErrorCode } from '../errors.js';
import { tooComplex, type Violation } from './refusal.js';

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

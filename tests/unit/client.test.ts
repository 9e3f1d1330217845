import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';

import {
  createClient,
  DashboardSubjectsDocument,
  ERROR_CODES,
  GraphQLRequestError,
  persistedDocumentHash,
  type TypedDocumentNode,
} from '../../src/client/index.js';
import { ErrorCode } from '../../src/errors.js';

type Answer = { status?: number; body: unknown; contentType?: string };

/** A client whose fetch answers `answer` and records what it was sent. */
function clientAnswering(answer: Answer, token?: string) {
  const sent: Array<{ url: string; init: RequestInit }> = [];
  const client = createClient({
    url: 'http://api.test/graphql',
    token,
    fetch: async (url, init) => {
      sent.push({ url: String(url), init: init ?? {} });
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      return new Response(body, { status: answer.status ?? 200, headers: { 'content-type': answer.contentType ?? 'application/json' } });
    },
  });
  return { client, sent };
}

const TRUST = parse('query Trust($ods: ID!) { trust(odsCode: $ods) { name } }') as TypedDocumentNode<{ trust: { name: string } | null }, { ods: string }>;

describe('createClient', () => {
  it('posts the printed document and variables with the bearer token, and resolves with data', async () => {
    const { client, sent } = clientAnswering({ body: { data: { trust: { name: 'Alpha' } } } }, 'secret-token');
    await expect(client.request(TRUST, { ods: 'TA1' })).resolves.toEqual({ trust: { name: 'Alpha' } });
    const headers = sent[0]!.init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer secret-token');
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual({
      query: 'query Trust($ods: ID!) {\n  trust(odsCode: $ods) {\n    name\n  }\n}',
      variables: { ods: 'TA1' },
    });
  });

  it('sends no authorization header without a token, and empty variables for an operation without any', async () => {
    const { client, sent } = clientAnswering({ body: { data: { supportOffers: [], policyDecisions: [] } } });
    await client.request(DashboardSubjectsDocument);
    expect((sent[0]!.init.headers as Record<string, string>).authorization).toBeUndefined();
    expect(JSON.parse(String(sent[0]!.init.body)).variables).toEqual({});
  });

  it('rejects with a GraphQLRequestError carrying the first error code and path, and the partial data', async () => {
    const errors = [{ message: 'No trust has the id "X".', path: ['trust'], extensions: { code: 'NOT_FOUND' } }];
    const { client } = clientAnswering({ body: { data: { trust: null }, errors } });
    const error = await client.request(TRUST, { ods: 'X' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', path: ['trust'], status: 200, errors, partialData: { trust: null } });
  });

  it.each([
    ['an HTML error page', { status: 502, body: '<h1>Bad gateway</h1>', contentType: 'text/html' }, 502],
    ['JSON without data or errors', { status: 200, body: {} }, 200],
  ])('rejects %s with code HTTP_ERROR', async (_name, answer, status) => {
    const { client } = clientAnswering(answer);
    await expect(client.request(TRUST, { ods: 'TA1' })).rejects.toMatchObject({ code: 'HTTP_ERROR', status });
  });

  it('knows exactly the error codes of the server', () => {
    expect([...ERROR_CODES].sort()).toEqual(Object.values(ErrorCode).sort());
  });
});

describe('createClient with persisted documents', () => {
  const hash = persistedDocumentHash(DashboardSubjectsDocument)!;
  const answer = { body: { data: { supportOffers: [], policyDecisions: [] } } };
  const sentBody = (sent: Array<{ init: RequestInit }>) => JSON.parse(String(sent[0]!.init.body)) as Record<string, unknown>;

  it('knows the sha256 hash codegen gave a generated document, and none of a parsed one', () => {
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(persistedDocumentHash(TRUST)).toBeUndefined();
  });

  it.each([
    ['hash-and-text (the default)', undefined, ['documentId', 'query', 'variables']],
    ['hash', 'hash' as const, ['documentId', 'variables']],
    ['text', 'text' as const, ['query', 'variables']],
  ])('sends a generated document as %s', async (_name, documents, keys) => {
    const sent: Array<{ init: RequestInit }> = [];
    const client = createClient({
      url: 'http://api.test/graphql',
      documents,
      fetch: async (_url, init) => {
        sent.push({ init: init ?? {} });
        return new Response(JSON.stringify(answer.body), { headers: { 'content-type': 'application/json' } });
      },
    });
    await client.request(DashboardSubjectsDocument);
    const body = sentBody(sent);
    expect(Object.keys(body).sort()).toEqual(keys);
    if (body.documentId !== undefined) expect(body.documentId).toBe(hash);
  });

  it('sends a document without a hash as text, even when asked for hashes alone', async () => {
    const sent: Array<{ init: RequestInit }> = [];
    const client = createClient({
      url: 'http://api.test/graphql',
      documents: 'hash',
      fetch: async (_url, init) => {
        sent.push({ init: init ?? {} });
        return new Response(JSON.stringify({ data: { trust: null } }), { headers: { 'content-type': 'application/json' } });
      },
    });
    await client.request(TRUST, { ods: 'TA1' });
    expect(Object.keys(sentBody(sent)).sort()).toEqual(['query', 'variables']);
  });
});

/**
 * A small typed GraphQL client for dashboards: `epr-evidence-graph/client`.
 *
 *   import { createClient, DashboardEvidenceDocument, GraphQLRequestError } from 'epr-evidence-graph/client';
 *
 *   const client = createClient({ url: 'http://localhost:4000/graphql', token });
 *   const data = await client.request(DashboardEvidenceDocument, { id }); // data is typed by the document
 *
 * It speaks GraphQL over HTTP (a JSON POST) with `fetch`, so it runs in browsers and in Node 20+. A response with
 * `errors` never resolves with partial data: it rejects with a GraphQLRequestError that carries every error, with
 * the first one's code and path on the error itself, so a caller can branch on `error.code`.
 *
 * The entry point also exports the typed documents and result types generated from src/client/operations/ (see
 * codegen.ts): add an operation there, run `npm run codegen`, and it is available here.
 *
 * Each generated document carries its persisted-document hash (`__meta__.hash`, `sha256:<hex>`). The client sends it
 * as `documentId` beside the text, so a server that runs only trusted documents (TRUSTED_DOCUMENTS=required) knows
 * the operation and one that does not runs the text; `documents: 'hash'` sends the hash alone. A document without a
 * hash (parsed at run time) is always sent as text.
 *
 * Published as the package `epr-evidence-graph-client` (src/client/package.json, built by `npm run build:client`);
 * inside this repository it is `epr-evidence-graph/client`.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

/**
 * The codes the server puts in `extensions.code` (the ErrorCode enum of src/errors.ts; a unit test keeps the two
 * lists equal), plus the client's own: GRAPHQL_VALIDATION_FAILED and friends come from graphql-js and Apollo, and
 * HTTP_ERROR means the server did not answer with GraphQL at all.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'CONFLICT',
  'SERVICE_UNAVAILABLE',
  'DATABASE_TIMEOUT',
  'INTERNAL_SERVER_ERROR',
  'PERSISTED_DOCUMENT_NOT_FOUND',
  'PERSISTED_DOCUMENT_REQUIRED',
] as const;

export type ServerErrorCode = (typeof ERROR_CODES)[number];
/** A code the client may see; unknown codes stay strings rather than being dropped. */
export type ResponseErrorCode = ServerErrorCode | 'GRAPHQL_VALIDATION_FAILED' | 'GRAPHQL_PARSE_FAILED' | 'HTTP_ERROR' | (string & {});

/** One entry of a response's `errors` (GraphQL over HTTP, section 7.1.2 of the GraphQL spec). */
export interface GraphQLErrorDetail {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: { code?: ResponseErrorCode } & Record<string, unknown>;
}

/** A request that did not produce complete data: GraphQL errors, or an HTTP answer that is not GraphQL. */
export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
  /** The first error's `extensions.code`; HTTP_ERROR when the server answered without GraphQL errors. */
  readonly code: ResponseErrorCode;
  /** The first error's path in the result, when the error came from a field. */
  readonly path: ReadonlyArray<string | number> | undefined;

  constructor(
    readonly errors: readonly GraphQLErrorDetail[],
    /** HTTP status of the response. */
    readonly status: number,
    /** Whatever data came back beside the errors (null fields where they failed). */
    readonly partialData: unknown = null,
  ) {
    const first = errors[0];
    super(errors.map((error) => error.message).join('\n') || `HTTP ${status}`);
    this.code = first?.extensions?.code ?? 'HTTP_ERROR';
    this.path = first?.path;
  }
}

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql (a path such as /graphql works in a browser). */
  url: string;
  /** Bearer token sent as `Authorization: Bearer <token>`; a function is called before every request. */
  token?: string | (() => string | undefined) | undefined;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** The fetch to use (tests, proxies); the global fetch by default. */
  fetch?: typeof fetch;
  /**
   * How a document with a persisted-document hash is sent: `hash-and-text` (the default: `documentId` and `query`,
   * which every server accepts), `hash` (`documentId` alone: smaller requests, for a server that trusts the hash) or
   * `text` (`query` alone).
   */
  documents?: 'hash-and-text' | 'hash' | 'text';
}

/** Variables are optional exactly when the operation has no required variables. */
export type VariablesArgument<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface Client {
  /** Runs one operation; resolves with its data or rejects with GraphQLRequestError. */
  request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, ...[variables]: VariablesArgument<TVariables>): Promise<TResult>;
}

/** The hash (`sha256:<hex>`) codegen's client preset puts in a document it generated with `persistedDocuments`. */
export function persistedDocumentHash(document: object): string | undefined {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  return typeof hash === 'string' ? hash : undefined;
}

export function createClient(options: ClientOptions): Client {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const mode = options.documents ?? 'hash-and-text';
  // Documents are constants, so each is printed once.
  const printed = new WeakMap<object, string>();
  const textOf = (document: DocumentNode) => {
    let query = printed.get(document);
    if (query === undefined) {
      query = print(document);
      printed.set(document, query);
    }
    return query;
  };

  return {
    async request(document, ...[variables]) {
      const documentId = mode === 'text' ? undefined : persistedDocumentHash(document);
      const query = documentId !== undefined && mode === 'hash' ? undefined : textOf(document);
      const token = typeof options.token === 'function' ? options.token() : options.token;
      const response = await fetchImpl(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...options.headers,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ documentId, query, variables: variables ?? {} }),
      });
      const body = await readBody(response);
      if (body === undefined) {
        throw new GraphQLRequestError(
          [{ message: `Expected a GraphQL JSON response from ${options.url}, got HTTP ${response.status} ${response.statusText}.` }],
          response.status,
        );
      }
      if (body.errors && body.errors.length > 0) throw new GraphQLRequestError(body.errors, response.status, body.data ?? null);
      if (body.data === undefined || body.data === null) {
        throw new GraphQLRequestError([{ message: 'The response has neither data nor errors.' }], response.status);
      }
      return body.data as never;
    },
  };
}

interface ResponseBody {
  data?: unknown;
  errors?: GraphQLErrorDetail[];
}

async function readBody(response: Response): Promise<ResponseBody | undefined> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? body : undefined;
  } catch {
    return undefined;
  }
}

export type { TypedDocumentNode };
export * from '../generated/client/graphql.js';

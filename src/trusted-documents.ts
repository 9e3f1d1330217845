/**
 * Trusted documents (persisted operations): the operations a server runs by hash, and, with
 * TRUSTED_DOCUMENTS=required, the only ones it runs at all.
 *
 * The manifests map `sha256:<hex>` to a document's text: the one codegen's client preset writes for this repository's
 * operations (src/generated/client/persisted-documents.json, the dashboard's and the client's), plus any listed in
 * TRUSTED_DOCUMENTS_FILES (a dashboard builder's own codegen output). A request names its document as `documentId`
 * (the GraphQL-over-HTTP persisted documents proposal, what the client sends) or as Apollo's
 * `extensions.persistedQuery.sha256Hash`, alone or beside its text.
 *
 * This middleware runs before Apollo, so a refused request never reaches parsing, the context or Neo4j. It turns a
 * known hash into its text and passes Apollo a plain request:
 * - `required`: a request must name a known hash; the manifest's text is run, whatever text came with it.
 * - `off` (the default): a request with text runs its text, as without this module; a hash alone runs the manifest's.
 * Apollo's own automatic persisted queries are off (src/server.ts): they would let any client register any text.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { NextFunction, Request, Response } from 'express';

import { ConfigError, projectRoot, type TrustedDocumentsConfig } from './config.js';
import { ErrorCode } from './errors.js';

/** The manifest codegen writes for this repository's operations (see codegen.ts). */
export const bundledManifest = path.join(projectRoot, 'src', 'generated', 'client', 'persisted-documents.json');

const HASH = /^sha256:[0-9a-f]{64}$/;

/** Reads and checks one manifest: an object of `sha256:<hex>` -> text, each hash that of its text. */
async function readManifest(file: string): Promise<Map<string, string>> {
  const raw = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(`Cannot read the trusted documents manifest ${file} (${error.code ?? error.message}). Check TRUSTED_DOCUMENTS_FILES.`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(`The trusted documents manifest ${file} is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(
      `The trusted documents manifest ${file} must be a JSON object of "sha256:<hex>": "<document>", as codegen's client preset writes it.`,
    );
  }
  const documents = new Map<string, string>();
  for (const [hash, text] of Object.entries(parsed)) {
    if (!HASH.test(hash) || typeof text !== 'string') {
      throw new ConfigError(`The trusted documents manifest ${file} has an entry "${hash.slice(0, 80)}" that is not "sha256:<64 hex digits>": "<document>".`);
    }
    // A hash that is not its text's would make the server run something other than what a reviewer approved.
    if (`sha256:${createHash('sha256').update(text).digest('hex')}` !== hash) {
      throw new ConfigError(`The trusted documents manifest ${file} lists ${hash} with a text whose sha256 is different: regenerate it with codegen.`);
    }
    documents.set(hash, text);
  }
  return documents;
}

/** Every trusted document: the bundled manifest's and those of TRUSTED_DOCUMENTS_FILES. */
export async function loadTrustedDocuments(config: TrustedDocumentsConfig): Promise<ReadonlyMap<string, string>> {
  const documents = new Map<string, string>();
  for (const file of [bundledManifest, ...config.files]) {
    for (const [hash, text] of await readManifest(file)) documents.set(hash, text);
  }
  return documents;
}

interface RequestBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

/** The hash a request names, as `sha256:<hex>`; undefined when it names none. */
function requestedHash(body: RequestBody): string | undefined {
  if (typeof body.documentId === 'string') return body.documentId.includes(':') ? body.documentId : `sha256:${body.documentId}`;
  const apollo = body.extensions?.persistedQuery?.sha256Hash;
  return typeof apollo === 'string' ? `sha256:${apollo}` : undefined;
}

function refuse(response: Response, code: ErrorCode, message: string): void {
  response.status(400).json({ errors: [{ message, extensions: { code } }] });
}

/** Express middleware for /graphql, after the JSON body parser and before Apollo. */
export function trustedDocuments(mode: TrustedDocumentsConfig['mode'], documents: ReadonlyMap<string, string>) {
  const howTo =
    'Build the operation with graphql-codegen\'s client preset (persistedDocuments) and send its hash as "documentId"; ' +
    'the server runs the documents of its manifests (TRUSTED_DOCUMENTS_FILES adds yours).';
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'POST') {
      if (mode === 'required' && request.method === 'GET') {
        refuse(response, ErrorCode.PERSISTED_DOCUMENT_REQUIRED, `This server runs only trusted documents, sent by POST with their "documentId". ${howTo}`);
        return;
      }
      next();
      return;
    }
    const body = (request.body ?? {}) as RequestBody;
    const hash = requestedHash(body);
    const hasText = typeof body.query === 'string';
    if (hash === undefined) {
      if (mode === 'required') {
        refuse(
          response,
          ErrorCode.PERSISTED_DOCUMENT_REQUIRED,
          `This server runs only trusted documents (TRUSTED_DOCUMENTS=required), and the request names none. ${howTo}`,
        );
        return;
      }
      next();
      return;
    }
    const text = documents.get(hash);
    if (text === undefined && (mode === 'required' || !hasText)) {
      const known = `${documents.size} document${documents.size === 1 ? '' : 's'}`;
      refuse(response, ErrorCode.PERSISTED_DOCUMENT_NOT_FOUND, `The document "${hash.slice(0, 80)}" is not one of the ${known} this server trusts. ${howTo}`);
      return;
    }
    // Apollo sees a plain request: the trusted text (or, when off, the text that came), without the hash.
    const { documentId: _documentId, extensions, ...rest } = body;
    const { persistedQuery: _persistedQuery, ...otherExtensions } = extensions ?? {};
    request.body = {
      ...rest,
      query: mode === 'required' || !hasText ? text : body.query,
      ...(Object.keys(otherExtensions).length > 0 ? { extensions: otherExtensions } : {}),
    };
    next();
  };
}

/**
 * Trusted documents: a production server with TRUSTED_DOCUMENTS=required runs the dashboard's operations by hash and
 * refuses anything else before it reaches Neo4j; with the default (off) it runs text as before and resolves hashes.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createClient, DashboardEvidenceDocument, DashboardSubjectsDocument, GraphQLRequestError, persistedDocumentHash } from '../../src/client/index.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { createApp } from '../../src/server.js';
import { bundledManifest } from '../../src/trusted-documents.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bearer, TEST_JWT_SECRET } from '../helpers/tokens.js';

/** DashboardSubjects for an analyst (the `required` server's requests carry an analyst's token). */
const SUBJECTS = {
  accessRole: 'ANALYST',
  supportOffers: [
    { id: 'U3VwcG9ydE9mZmVyOm9mZmVyLWJyb2Fk', name: 'Broad fixture offer', offerId: 'offer-broad' },
    { id: 'U3VwcG9ydE9mZmVyOm9mZmVyLXRoaW4', name: 'Thin fixture offer', offerId: 'offer-thin' },
  ],
  policyDecisions: [
    { decisionId: 'dec-centre', id: 'UG9saWN5RGVjaXNpb246ZGVjLWNlbnRyZQ', name: 'Create a fixture centre of excellence' },
    { decisionId: 'dec-model', id: 'UG9saWN5RGVjaXNpb246ZGVjLW1vZGVs', name: 'Redefine the fixture support model' },
  ],
  determinants: [
    { id: 'RGV0ZXJtaW5hbnQ6RDAx', determinantId: 'D01', name: 'Clinical leadership' },
    { id: 'RGV0ZXJtaW5hbnQ6RDAy', determinantId: 'D02', name: 'Board ownership' },
    { id: 'RGV0ZXJtaW5hbnQ6RDAz', determinantId: 'D03', name: 'Go live only when ready' },
    { id: 'RGV0ZXJtaW5hbnQ6RDA0', determinantId: 'D04', name: 'Infrastructure readiness' },
    { id: 'RGV0ZXJtaW5hbnQ6RDA1', determinantId: 'D05', name: 'Training and super-users' },
  ],
};
const OWN_DOCUMENT = 'query OwnTrustCount { trusts { totalCount } }';
const OWN_HASH = `sha256:${createHash('sha256').update(OWN_DOCUMENT).digest('hex')}`;
const SUBJECTS_HASH = persistedDocumentHash(DashboardSubjectsDocument)!;

let db: Database;
let directory: string;
let required: TestServer;
let off: TestServer;
let analyst: Record<string, string>;

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  directory = await mkdtemp(path.join(os.tmpdir(), 'epr-trusted-'));
  await writeFile(path.join(directory, 'own.json'), JSON.stringify({ [OWN_HASH]: OWN_DOCUMENT }));
  required = await startTestServer(db, {
    NODE_ENV: 'production',
    JWT_SECRET: TEST_JWT_SECRET,
    TRUSTED_DOCUMENTS: 'required',
    TRUSTED_DOCUMENTS_FILES: path.join(directory, 'own.json'),
  });
  off = await startTestServer(db);
  analyst = await bearer('analyst');
});

afterAll(async () => {
  await required?.close();
  await off?.close();
  await db?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

async function post(server: TestServer, body: unknown, headers: Record<string, string> = analyst) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

describe('TRUSTED_DOCUMENTS=required in production', () => {
  it.each(['hash-and-text', 'hash'] as const)('serves the dashboard operations the client sends as %s', async (documents) => {
    const client = createClient({ url: `${required.url}/graphql`, headers: analyst, documents });
    expect(await client.request(DashboardSubjectsDocument)).toEqual(SUBJECTS);
    const { node } = await client.request(DashboardEvidenceDocument, { id: SUBJECTS.supportOffers[1]!.id, analyst: true });
    expect(node).toMatchObject({ __typename: 'SupportOffer', name: 'Thin fixture offer', evidence: { summary: { insights: 2 } } });
  });

  it('refuses an ad-hoc query with PERSISTED_DOCUMENT_REQUIRED before any Cypher runs', async () => {
    const views = vi.spyOn(db, 'withMetrics');
    const { status, body } = await post(required, { query: '{ trusts { totalCount } }' });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect(body.errors![0]!.message).toMatch(
      /^This server runs only trusted documents \(TRUSTED_DOCUMENTS=required\), and the request names none\. Build the operation with graphql-codegen's client preset \(persistedDocuments\)/,
    );
    // Every request that reaches Apollo gets a context, and with it a database view: none was made.
    expect(views).not.toHaveBeenCalled();
    views.mockRestore();
  });

  it('refuses an unknown hash with PERSISTED_DOCUMENT_NOT_FOUND, and says how many documents it knows', async () => {
    const unknown = `sha256:${'0'.repeat(64)}`;
    const { status, body } = await post(required, { documentId: unknown, query: '{ trusts { totalCount } }' });
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions?.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    const bundled = Object.keys(JSON.parse(await readFile(bundledManifest, 'utf8')) as object).length;
    expect(body.errors![0]!.message).toContain(`"${unknown}" is not one of the ${bundled + 1} documents this server trusts`);
  });

  it('runs the trusted text of a known hash, whatever text comes with it', async () => {
    const { status, body } = await post(required, { documentId: SUBJECTS_HASH, query: '{ trusts { totalCount } }' });
    expect(status).toBe(200);
    expect(body.data).toEqual(SUBJECTS);
  });

  it("accepts Apollo's extensions.persistedQuery.sha256Hash for the same document", async () => {
    const sha256Hash = SUBJECTS_HASH.slice('sha256:'.length);
    const { body } = await post(required, { extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(body.data).toEqual(SUBJECTS);
  });

  it("runs the documents of TRUSTED_DOCUMENTS_FILES, a dashboard builder's own manifest", async () => {
    expect((await post(required, { documentId: OWN_HASH })).body).toEqual({ data: { trusts: { totalCount: 8 } } });
  });

  it('refuses a GET, which cannot name a document here', async () => {
    const response = await fetch(`${required.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true', ...analyst },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
  });

  it('gives the client a GraphQLRequestError with the code', async () => {
    const client = createClient({ url: `${required.url}/graphql`, headers: analyst, documents: 'text' });
    const error = await client.request(DashboardSubjectsDocument).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error).toMatchObject({ code: 'PERSISTED_DOCUMENT_REQUIRED', status: 400 });
  });
});

describe('TRUSTED_DOCUMENTS=off, the default', () => {
  it('runs ad-hoc text as before', async () => {
    expect((await post(off, { query: '{ trusts { totalCount } }' }, {})).body.data).toEqual({ trusts: { totalCount: 8 } });
  });

  it('runs a known hash sent alone, and refuses an unknown one sent alone', async () => {
    // Without a token the `off` server's request acts as a viewer.
    expect((await post(off, { documentId: SUBJECTS_HASH }, {})).body.data).toEqual({ ...SUBJECTS, accessRole: 'VIEWER' });
    const { status, body } = await post(off, { documentId: OWN_HASH }, {});
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions?.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
  });

  it('runs the text sent beside an unknown hash', async () => {
    expect((await post(off, { documentId: OWN_HASH, query: OWN_DOCUMENT }, {})).body.data).toEqual({ trusts: { totalCount: 8 } });
  });
});

describe('trusted documents manifests', () => {
  it.each([
    [
      "a hash that is not its text's",
      { [OWN_HASH]: '{ __typename }' },
      /lists sha256:[0-9a-f]{64} with a text whose sha256 is different: regenerate it with codegen\.$/,
    ],
    ['a key that is not a sha256 hash', { abc: OWN_DOCUMENT }, /has an entry "abc" that is not "sha256:<64 hex digits>": "<document>"\.$/],
    ['an array', [OWN_DOCUMENT], /must be a JSON object of "sha256:<hex>": "<document>"/],
  ])('refuses to start with %s', async (_name, manifest, message) => {
    const file = path.join(directory, 'bad.json');
    await writeFile(file, JSON.stringify(manifest));
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', NEO4J_URI: 'bolt://unused:7687', TRUSTED_DOCUMENTS_FILES: file });
    await expect(createApp(config, db, createLogger('silent'))).rejects.toThrow(message);
  });

  it('refuses to start with a manifest that is missing, naming the file', async () => {
    const file = path.join(directory, 'missing.json');
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', NEO4J_URI: 'bolt://unused:7687', TRUSTED_DOCUMENTS_FILES: file });
    await expect(createApp(config, db, createLogger('silent'))).rejects.toThrow(
      `Cannot read the trusted documents manifest ${file} (ENOENT). Check TRUSTED_DOCUMENTS_FILES.`,
    );
  });
});

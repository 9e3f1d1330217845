/**
 * The whole path end to end: HTTP -> Apollo -> resolver -> Neo4j, plus the external-URI path and the errors a
 * client sees when Neo4j cannot be reached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/database-target.js';
import { connect, type Database } from '../../src/db/database.js';
import { connectTestDatabase, resetDatabase, testDatabaseSettings } from '../helpers/database.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SERVER_INFO = '{ serverInfo { version neo4jVersion neo4jEdition nodeCount } }';

describe('GraphQL over HTTP', () => {
  let db: Database;
  let server: TestServer;

  beforeAll(async () => {
    db = connectTestDatabase();
    await resetDatabase(db);
    await db.writeQuery('UNWIND range(1, 3) AS i CREATE (:Probe {i: i})');
    server = await startTestServer(db);
  });

  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('answers a query with data read from Neo4j', async () => {
    const response = await server.graphql(SERVER_INFO);
    expect(response.errors).toBeUndefined();
    // 3 probes + the SchemaMigration node written by the migrations.
    expect(response.data).toEqual({
      serverInfo: { version: '0.1.0', neo4jVersion: '5.26.30', neo4jEdition: 'community', nodeCount: 4 },
    });
  });

  it('reports the Cypher queries the request ran in extensions.db', async () => {
    const response = await server.graphql(SERVER_INFO);
    expect(response.extensions?.db?.queries).toBe(1);
    expect(response.extensions?.db?.dbTimeMs).toBeGreaterThanOrEqual(0);
  });

  it('tells caches not to store its answers (they depend on who asks)', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SERVER_INFO }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('says alive at /health and ready at /ready once migrations are applied', async () => {
    const health = await fetch(`${server.url}/health`);
    const ready = await fetch(`${server.url}/ready`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });
});

describe('an external Neo4j given by NEO4J_URI', () => {
  it('is used as is, with the credentials given, and nothing is started locally', async () => {
    const { uri, username, password } = testDatabaseSettings();
    const config = loadConfig({ NEO4J_URI: uri, NEO4J_USERNAME: username, NEO4J_PASSWORD: password });
    const database = await openDatabase(config);
    try {
      expect(database.localNeo4j).toBeUndefined();
      expect(database.description).toBe(uri);
      const rows = await database.db.readQuery<{ ok: number }>('RETURN 1 AS ok');
      expect(rows).toEqual([{ ok: 1 }]);
    } finally {
      await database.close();
    }
  });

  it('works through a routing URI (neo4j://) unchanged', async () => {
    const { uri } = testDatabaseSettings();
    const db = connect({ uri: uri.replace('bolt://', 'neo4j://'), username: 'neo4j', password: 'unused' });
    try {
      expect(await db.readQuery('RETURN 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await db.close();
    }
  });
});

describe('when Neo4j cannot be reached', () => {
  let unreachable: Database;
  let server: TestServer;

  beforeAll(async () => {
    unreachable = connect({ uri: 'bolt://127.0.0.1:1', username: 'neo4j', password: 'unused' });
    server = await startTestServer(unreachable);
  });

  afterAll(async () => {
    await server.close();
    await unreachable.close();
  });

  it('answers a GraphQL request with SERVICE_UNAVAILABLE and a message saying what to do, within seconds', async () => {
    const started = Date.now();
    const response = await server.graphql(SERVER_INFO);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      {
        message: 'The database is not reachable right now. Retry in a few seconds.',
        locations: [{ line: 1, column: 3 }],
        path: ['serverInfo'],
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      },
    ]);
  });

  it('reports not ready at /ready while /health stays ok', async () => {
    const ready = await fetch(`${server.url}/ready`);
    const health = await fetch(`${server.url}/health`);
    expect([ready.status, await ready.json()]).toEqual([503, { status: 'database unreachable' }]);
    expect(health.status).toBe(200);
  });
});

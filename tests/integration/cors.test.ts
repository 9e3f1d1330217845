/**
 * CORS: CORS_ORIGINS lists the origins whose pages may call /graphql; their preflights are answered, every other
 * origin gets no CORS headers, and Apollo's CSRF prevention still refuses requests a browser sends without one.
 * tests/browser/cross-origin.test.ts tries the same in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const DASHBOARD = 'http://localhost:5173';

let db: Database;
let allowing: TestServer;
let closed: TestServer;

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  allowing = await startTestServer(db, { CORS_ORIGINS: `${DASHBOARD}, https://dashboards.example.org` });
  closed = await startTestServer(db);
});

afterAll(async () => {
  await allowing?.close();
  await closed?.close();
  await db?.close();
});

function preflight(server: TestServer, origin: string) {
  return fetch(`${server.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });
}

describe('CORS_ORIGINS', () => {
  it('answers a preflight from a listed origin with that origin, the methods and the headers', async () => {
    const response = await preflight(allowing, DASHBOARD);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'content-type,accept,authorization,apollo-require-preflight,x-apollo-operation-name,traceparent,tracestate',
    );
    expect(response.headers.get('access-control-allow-credentials')).toBe(null);
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('marks the answer to a listed origin readable by it', async () => {
    const response = await fetch(`${allowing.url}/graphql`, {
      method: 'POST',
      headers: { origin: DASHBOARD, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ trusts { totalCount } }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(((await response.json()) as { data: unknown }).data).toEqual({ trusts: { totalCount: 8 } });
  });

  it.each([
    ['an origin not listed', () => allowing, 'http://evil.example'],
    ['any origin when the list is empty (the default)', () => closed, DASHBOARD],
  ])('gives %s no CORS headers', async (_name, server, origin) => {
    const response = await preflight(server(), origin);
    expect(response.status).not.toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(null);
    expect(response.headers.get('access-control-allow-methods')).toBe(null);
  });

  it("keeps Apollo's CSRF prevention for a request a browser would send without a preflight", async () => {
    const response = await fetch(`${allowing.url}/graphql?query=${encodeURIComponent('{ trusts { totalCount } }')}`, {
      headers: { origin: DASHBOARD, accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This operation has been blocked as a potential Cross-Site Request Forgery (CSRF).');
  });
});

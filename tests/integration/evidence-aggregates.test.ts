/**
 * The maintained evidence aggregates on the fixture graph (tests/fixtures/graph, answer key in its README): the
 * check names what a write outside the write paths left behind, the rebuild repairs it, a read of a missing
 * aggregate counts it live with the same answer, /ready says when aggregates are missing, and a load rebuilds them
 * only when it wrote something.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { checkEvidenceAggregates, rebuildEvidenceAggregates } from '../../src/modules/evidence/aggregates.js';
import { loadDataset, loadSeedDirectory, readSeedDirectory } from '../../src/seed/load.js';
import { connectTestDatabase } from '../helpers/database.js';
import { FIXTURE_DIRECTORY, loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  server = await startTestServer(db, { ANONYMOUS_ROLE: 'researcher' });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const TRAIL = '{ supportOffer(id: "offer-thin") { evidence { summary { insights trusts roles } } } }';
const D01 = '{ determinant(id: "D01") { evidenceStrength { insights trusts } } }';

describe('the evidence aggregates', () => {
  it('are current after a load: one per offer, decision and finding', async () => {
    expect(await checkEvidenceAggregates(db)).toEqual([]);
    const [row] = await db.readQuery<{ kinds: string[] }>(
      'MATCH (a:EvidenceAggregate) WITH a.kind AS kind, count(*) AS n ORDER BY kind RETURN collect(kind + " " + n) AS kinds',
    );
    expect(row?.kinds).toEqual(['decision 2', 'finding 5', 'offer 2']);
  });

  it('name each difference a write outside the write paths leaves, and the rebuild repairs them', async () => {
    // i04-01 (TA4, clinician) SUPPORTS D01 already; i05-02 (TA6, cio) is linked to it behind the loader's back.
    await db.writeQuery(`MATCH (n:Insight {id: 'i05-02'}), (d:Determinant {id: 'D01'}) CREATE (n)-[:EVIDENCES {stance: 'SUPPORTS'}]->(d)`);
    try {
      const differences = await checkEvidenceAggregates(db);
      expect(differences).toContain('finding:D01 strength.insights: stored 5, computed 6');
      expect(differences).toContain('finding:D01 strength.trusts: stored 3, computed 4');
      expect(differences).toContain('finding:D01 links.supportingInsights: stored 5, computed 6');
      expect((await server.graphql(D01)).data).toEqual({ determinant: { evidenceStrength: { insights: 5, trusts: 3 } } });

      await rebuildEvidenceAggregates(db);
      expect(await checkEvidenceAggregates(db)).toEqual([]);
      expect((await server.graphql(D01)).data).toEqual({ determinant: { evidenceStrength: { insights: 6, trusts: 4 } } });
    } finally {
      await db.writeQuery(`MATCH (:Insight {id: 'i05-02'})-[r:EVIDENCES]->(:Determinant {id: 'D01'}) DELETE r`);
      await rebuildEvidenceAggregates(db);
    }
  });

  it('are counted live when missing, with the same answer, while /ready says so', async () => {
    const stored = await server.graphql(TRAIL);
    expect(stored.data).toEqual({ supportOffer: { evidence: { summary: { insights: 2, trusts: 1, roles: 1 } } } });
    await db.writeQuery('MATCH (a:EvidenceAggregate) DELETE a');
    try {
      const live = await server.graphql(TRAIL);
      expect(live.data).toEqual(stored.data);
      // The trail's one statement finds no stored summary, and a second counts it.
      expect([stored.extensions?.db?.queries, live.extensions?.db?.queries]).toEqual([2, 3]);
      const ready = await fetch(`${server.url}/ready`);
      expect([ready.status, await ready.json()]).toEqual([
        200,
        {
          status: 'ready',
          evidenceAggregates:
            '9 of 9 subjects have no evidence aggregate (a load is running, or one was interrupted); reads compute them live until start-up or npm run evidence:rebuild rebuilds them',
        },
      ]);
      expect(await checkEvidenceAggregates(db)).toHaveLength(9);
    } finally {
      await rebuildEvidenceAggregates(db);
    }
    const ready = await fetch(`${server.url}/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('are kept by a load that writes nothing, and rebuilt by one that writes', async () => {
    const probes = async () => (await db.readQuery<{ n: number }>('MATCH (a:EvidenceAggregate) WHERE a.probe RETURN count(a) AS n'))[0]?.n;
    await db.writeQuery('MATCH (a:EvidenceAggregate) SET a.probe = true');
    const unchanged = await loadSeedDirectory(db, FIXTURE_DIRECTORY);
    expect(unchanged.files.reduce((sum, file) => sum + file.created + file.updated + file.removed, 0)).toBe(0);
    expect(await probes()).toBe(9);

    // i01-01 SUPPORTS D01 in the fixture; here it contradicts it.
    const fixture = await readSeedDirectory(FIXTURE_DIRECTORY);
    const links = fixture['insight_determinants.csv'].map((row) =>
      row.insight_id === 'i01-01' && row.determinant_id === 'D01' ? { ...row, stance: 'CONTRADICTS' } : row,
    );
    const report = await loadDataset(db, { ...fixture, 'insight_determinants.csv': links });
    expect(report.files.find((file) => file.file === 'insight_determinants.csv')).toMatchObject({ created: 0, updated: 1 });
    expect(await probes()).toBe(0);
    expect(await checkEvidenceAggregates(db)).toEqual([]);

    await loadSeedDirectory(db, FIXTURE_DIRECTORY);
    expect(await checkEvidenceAggregates(db)).toEqual([]);
  });
});

/**
 * The N+1 guard on the bundled data (202 trusts): a page of 100 trusts with their implementations, suppliers and
 * interviews runs exactly as many Cypher queries as a page of 5, because every fan-out goes through a DataLoader
 * whose batch is one UNWIND query.
 */
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { print } from 'graphql';

import { projectRoot } from '../../src/config.js';
import { DashboardEvidenceDocument, DashboardEvidenceInsightsDocument } from '../../src/generated/client/graphql.js';
import { toGlobalId } from '../../src/modules/shared/global-id.js';
import type { Database } from '../../src/db/database.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import { connectTestDatabase, resetDatabase } from '../helpers/database.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let db: Database;
let server: TestServer;

interface StoryInterview {
  insights: Array<{ determinants: Array<{ stance: string; determinant: { name: string } }> }>;
}

beforeAll(async () => {
  db = connectTestDatabase();
  await resetDatabase(db);
  await loadSeedDirectory(db, path.join(projectRoot, 'seeds'));
  // A page of 100 with three nested lists costs more than the default limit; the limit has its own tests.
  server = await startTestServer(db, { ANONYMOUS_ROLE: 'researcher', MAX_QUERY_COST: '100000' });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const PAGE = `query ($first: Int, $filter: TrustFilter) {
  trusts(first: $first, filter: $filter) {
    totalCount
    nodes {
      name eprStatus
      implementations { status year product { name supplier { name } } }
      interviews { date participants { role { name } } insights { summary } }
    }
  }
}`;

describe('queries per request', () => {
  it('are the same for 100 trusts as for 5', async () => {
    // Five interviewed trusts, so that every fan-out (down to insights) has keys, against the first 100 by name.
    const five = await server.graphql<{ trusts: { nodes: unknown[] } }>(PAGE, { first: 5, filter: { interviewed: true } });
    const hundred = await server.graphql<{ trusts: { nodes: unknown[] } }>(PAGE, { first: 100 });
    expect(five.errors).toBeUndefined();
    expect(hundred.errors).toBeUndefined();
    expect(five.data?.trusts.nodes).toHaveLength(5);
    expect(hundred.data?.trusts.nodes).toHaveLength(100);
    // The page (which brings totalCount, implementations, products and suppliers along) + the interviews (which
    // bring their participants, roles and insights along): each one batched query whatever the page size.
    expect(hundred.extensions?.db?.queries).toBe(five.extensions?.db?.queries);
    expect(hundred.extensions?.db?.queries).toBe(2);
  });

  it("are one for a full-text search page with totalCount and each insight's interview and trust", async () => {
    const search = await server.graphql<{ insights: { totalCount: number; nodes: unknown[] } }>(
      `{ insights(first: 20, filter: { text: "clinical" }) {
          totalCount
          nodes { insightId score interview { interviewId date trust { odsCode name region } } }
        } }`,
    );
    expect(search.errors).toBeUndefined();
    expect(search.data?.insights.nodes).toHaveLength(20);
    expect(search.extensions?.db?.queries).toBe(1);
  });

  it("are four for a trust's whole story: the trust, its implementations, its interviews, its performance", async () => {
    const story = await server.graphql<{ trust: { interviews: Array<{ date: string }> } }>(
      `{ trust(odsCode: "RH8") {
          name eprStatus
          implementations { status year product { name supplier { name } } }
          interviews {
            date method
            participants { code role { name } }
            insights { summary sentiment determinants { stance determinant { name } } }
          }
          performance { period value }
        } }`,
    );
    expect(story.errors).toBeUndefined();
    expect(story.data?.trust.interviews.map((interview) => interview.date)).toEqual(['2022-11-09', '2022-11-29', '2023-01-17']);
    // The determinants come once per trust with the interviews, and each insight's links name them.
    const first = (story.data?.trust.interviews[0] as unknown as StoryInterview).insights;
    expect(first.map((insight) => insight.determinants.map(({ stance, determinant }) => `${stance} ${determinant.name}`))).toEqual([
      ['CONTRADICTS Scope and phasing'],
      ['CONTRADICTS Operational pressure at go-live'],
      ['SUPPORTS Board ownership', 'SUPPORTS Clinical safety governance'],
      ['SUPPORTS Go live only when ready', 'SUPPORTS Clinical safety governance'],
      ['SUPPORTS Shared systems and interoperability'],
      ['SUPPORTS Clear problem and realistic benefits', 'SUPPORTS Evaluation and benefits tracking'],
      ['SUPPORTS Stabilise and optimise after go-live', 'SUPPORTS Digital workforce capacity'],
      ['SUPPORTS Treat it as change not IT', 'CONTRADICTS Supplier relationship and method'],
    ]);
    expect(story.extensions?.db?.queries).toBe(4);
  });

  it('leave out what is not shown: interviews a viewer may not see, and fields skipped by a directive', async () => {
    // Two lookups of one trust: the refused interviews come back null (the trust `hidden` stays), while `story`
    // completes, so the response waits for every statement the request started.
    const story = `query ($showPerformance: Boolean!) {
      story: trust(odsCode: "RH8") { name implementations { status } performance @include(if: $showPerformance) { period } }
      hidden: trust(odsCode: "RH8") { interviews { date insights { summary } } }
    }`;
    const viewers = await startTestServer(db, { ANONYMOUS_ROLE: 'viewer' });
    try {
      const shown = await viewers.graphql<{ story: { name: string } | null; hidden: { interviews: null } }>(story, { showPerformance: true });
      expect(shown.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['hidden', 'interviews'], 'UNAUTHENTICATED']]);
      expect(shown.data).toEqual({
        story: expect.objectContaining({ name: 'Royal Devon University Healthcare NHS Foundation Trust' }),
        hidden: { interviews: null },
      });
      // The trust (one lookup for both), its implementations and its performance; never its interviews.
      expect(shown.extensions?.db?.queries).toBe(3);

      const skipped = await viewers.graphql(story, { showPerformance: false });
      expect(skipped.extensions?.db?.queries).toBe(2);
    } finally {
      await viewers.close();
    }
  });

  it("read a trail's evidence once when a client asks for its insights, its summary and its graph together", async () => {
    const trailAndGraph = `query ($id: ID!) { node(id: $id) { ... on SupportOffer { name
      evidence { insights { insight { id } stance mixed direct } summary { insights supportingInsights trusts } }
      evidenceGraph { nodes { id type label } edges { id source target stance } } } } }`;
    const evidence = await server.graphql<{ node: { name: string } }>(trailAndGraph, {
      id: toGlobalId('SupportOffer', 'rapid-response-teams'),
    });
    expect(evidence.errors).toBeUndefined();
    expect(evidence.data?.node.name).toBe('Rapid-response implementation teams');
    // The offer; the trail's parts (summary, and what the graph draws); the trail's insights, shared by both.
    expect(evidence.extensions?.db?.queries).toBe(3);
  });

  it("run a few statements for the dashboard's evidence view, whatever the size of the trail", async () => {
    // The view (subject, strength profile, trail parts; for a decision also its offers' profiles; the findings it
    // rests on with their computed profiles and assessments: 5 more), then the insights (the trail's insights with
    // their parts, and their studies).
    const counts = [];
    for (const id of [toGlobalId('PolicyDecision', 'national-centre-of-excellence'), toGlobalId('SupportOffer', 'rapid-response-teams')]) {
      const view = await server.graphql(print(DashboardEvidenceDocument), { id, analyst: true });
      const insights = await server.graphql(print(DashboardEvidenceInsightsDocument), { id });
      expect([view.errors, insights.errors]).toEqual([undefined, undefined]);
      counts.push([view.extensions?.db?.queries, insights.extensions?.db?.queries]);
    }
    expect(counts).toEqual([
      [13, 4],
      [10, 4],
    ]);
  });
});

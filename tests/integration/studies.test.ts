/**
 * Studies: a folder is one study's dataset, its research records' ids are scoped to it, and the API shows each
 * record's study. Two teams' `p01` stay two participants.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import { formatProblem, SeedValidationError } from '../../src/seed/problems.js';
import { connectTestDatabase } from '../helpers/database.js';
import { FIXTURE_DIRECTORY, loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bearer, TEST_JWT_SECRET } from '../helpers/tokens.js';

const TEAM_STUDIES = [
  'id,title,kind,unscoped_ids,illustrative,note,source_id',
  'team-a,Team A interviews,INTERVIEW_STUDY,,true,A second team using the same local ids,illustrative-project-data',
  '',
].join('\n');

let db: Database;
let server: TestServer;
let teamFolder: string;

/** A copy of the fixture folder whose studies.csv is replaced by `studies`. */
async function fixtureWithStudies(studies: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'epr-graph-study-'));
  await cp(FIXTURE_DIRECTORY, dir, { recursive: true });
  await writeFile(path.join(dir, 'studies.csv'), studies);
  return dir;
}

async function count(cypher: string): Promise<number> {
  const [row] = await db.readQuery<{ n: number }>(cypher);
  return row?.n ?? -1;
}

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  teamFolder = await fixtureWithStudies(TEAM_STUDIES);
  await loadSeedDirectory(db, teamFolder);
  server = await startTestServer(db, { JWT_SECRET: TEST_JWT_SECRET });
});

afterAll(async () => {
  await server.close();
  await rm(teamFolder, { recursive: true, force: true });
  await db.close();
});

describe('two studies with the same local ids', () => {
  it('keeps both: the second study’s records are stored as <study>/<id>', async () => {
    expect(await count(`MATCH (p:Participant {localId: 'p01'}) RETURN count(p) AS n`)).toBe(2);
    const rows = await db.readQuery<{ code: string; study: string }>(
      `MATCH (p:Participant {localId: 'p01'})-[:IN_STUDY]->(s:Study) RETURN p.code AS code, s.id AS study ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: 'p01', study: 'fx-interviews' },
      { code: 'team-a/p01', study: 'team-a' },
    ]);
  });

  it('places every interview, participant and insight in exactly one study', async () => {
    expect(await count(`MATCH (n:Interview|Participant|Insight) WHERE count { (n)-[:IN_STUDY]->(:Study) } <> 1 RETURN count(n) AS n`)).toBe(0);
    expect(await count(`MATCH (:Insight)-[:IN_STUDY]->(:Study {id: 'team-a'}) RETURN count(*) AS n`)).toBe(12);
    expect(await count(`MATCH (:Insight)-[:IN_STUDY]->(:Study {id: 'fx-interviews'}) RETURN count(*) AS n`)).toBe(12);
  });

  it('resolves references inside the folder’s study', async () => {
    const rows = await db.readQuery<{ interview: string; trust: string; participants: string[] }>(
      `MATCH (i:Insight {id: 'team-a/i01-01'})-[:FROM]->(iv:Interview)-[:AT]->(t:Trust)
       RETURN iv.id AS interview, t.odsCode AS trust, COLLECT { MATCH (iv)-[:WITH]->(p) RETURN p.code ORDER BY p.code } AS participants`,
    );
    expect(rows).toEqual([{ interview: 'team-a/i01', trust: 'TA1', participants: ['team-a/p01', 'team-a/p02'] }]);
  });
});

describe('the API', () => {
  it('lists the studies of every kind, and of one kind', async () => {
    const response = await server.graphql<{ studies: Array<{ studyId: string; kind: string; source: { sourceId: string } }> }>(
      `{ studies { studyId kind source { sourceId } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.studies).toEqual([
      { studyId: 'fx-academic', kind: 'PUBLISHED_SOURCE', source: { sourceId: 'fx-academic' } },
      { studyId: 'fx-interviews', kind: 'INTERVIEW_STUDY', source: { sourceId: 'illustrative-project-data' } },
      { studyId: 'fx-report', kind: 'PUBLISHED_SOURCE', source: { sourceId: 'fx-report' } },
      { studyId: 'team-a', kind: 'INTERVIEW_STUDY', source: { sourceId: 'illustrative-project-data' } },
    ]);
    const published = await server.graphql<{ studies: Array<{ studyId: string }> }>(`{ studies(kind: PUBLISHED_SOURCE) { studyId } }`);
    expect(published.data?.studies).toEqual([{ studyId: 'fx-academic' }, { studyId: 'fx-report' }]);
  });

  it('shows the study of an insight, an interview and a participant, by their scoped ids', async () => {
    const response = await server.graphql(
      `{
        bundled: insight(id: "i01-01") { study { studyId } }
        team: insight(id: "team-a/i01-01") { study { studyId title } interview { interviewId study { studyId } } }
        participant(code: "team-a/p01") { code study { studyId } }
      }`,
      undefined,
      await bearer('analyst'),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      bundled: { study: { studyId: 'fx-interviews' } },
      team: { study: { studyId: 'team-a', title: 'Team A interviews' }, interview: { interviewId: 'team-a/i01', study: { studyId: 'team-a' } } },
      participant: { code: 'team-a/p01', study: { studyId: 'team-a' } },
    });
  });

  it('finds a study by its global id', async () => {
    const { data } = await server.graphql<{ study: { id: string } }>(`{ study(studyId: "team-a") { id } }`);
    const response = await server.graphql(`query ($id: ID!) { node(id: $id) { ... on Study { studyId } } }`, { id: data?.study.id });
    expect(response.data).toEqual({ node: { studyId: 'team-a' } });
  });
});

describe('a folder that is not one study’s dataset', () => {
  it.each([
    ['no study that holds records', 'id,title,kind,unscoped_ids,illustrative,note,source_id\n', 'none'],
    ['two studies that hold records', `${TEAM_STUDIES}team-b,Team B,SURVEY,,true,,illustrative-project-data\n`, 'team-a, team-b'],
  ])('is refused with %s, and nothing is written', async (_name, studies, found) => {
    const dir = await fixtureWithStudies(studies);
    const before = await count('MATCH (n) RETURN count(n) AS n');
    try {
      const error = await loadSeedDirectory(db, dir).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(SeedValidationError);
      expect((error as SeedValidationError).problems.map(formatProblem)).toEqual([
        'studies.csv: the folder holds 23 interviews, participants and insights, which belong to exactly one study of ' +
          `kind INTERVIEW_STUDY or SURVEY in studies.csv (found: ${found}); a folder is one study's dataset, so put ` +
          'each study in a folder of its own (see "Studies" in seeds/README.md)',
      ]);
      expect(await count('MATCH (n) RETURN count(n) AS n')).toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

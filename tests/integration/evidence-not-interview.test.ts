/**
 * Evidence that is not an interview (issue 13, item 4): a survey response whose trust is not known but whose trust
 * type and region are, and a published article whose trust is inferred, with dates known to the month or the year.
 * tests/fixtures/voices is loaded as an incremental folder over the graph fixture; its README works out every
 * figure below by hand. A trust-less response adds no trust (nor supplier) to any count, and its type and region
 * count wherever the types and regions of the evidence are counted.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { problemsOf } from '../helpers/problems.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bearer, TEST_JWT_SECRET } from '../helpers/tokens.js';

const VOICES = path.resolve(import.meta.dirname, '..', 'fixtures', 'voices');
const COUNTS = 'insights interviews trusts roles regions trustTypes suppliers';

let db: Database;
let server: TestServer;
let researcher: Record<string, string>;
let analyst: Record<string, string>;
const folders: string[] = [];

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  await loadSeedDirectory(db, VOICES);
  server = await startTestServer(db, { JWT_SECRET: TEST_JWT_SECRET });
  [researcher, analyst] = await Promise.all([bearer('researcher', 'ada'), bearer('analyst')]);
});

afterAll(async () => {
  await server?.close();
  await db?.close();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function run<T = any>(query: string, headers = researcher): Promise<T> {
  const answer = await server.graphql<T>(query, undefined, headers);
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
}

describe('a survey response and a published article, as interviews', () => {
  it('keep the method, the date as written with its precision (never a made-up day), the trust or its type and region, and the note', async () => {
    const data = await run(`{
      s01: interview(id: "fx-voices/s01") { ...iv }
      a01: interview(id: "fx-voices/a01") { ...iv }
      i02: interview(id: "i02") { ...iv }
      r01: participant(code: "fx-voices/r01") { trust { odsCode } note }
    }
    fragment iv on Interview { method date dateAsWritten datePrecision trust { odsCode } trustType region note }`);
    expect(data).toEqual({
      s01: {
        method: 'SURVEY',
        date: null,
        dateAsWritten: '2024-05',
        datePrecision: 'MONTH',
        trust: null,
        trustType: 'COMMUNITY',
        region: 'SOUTH_EAST',
        note: "The respondent's trust is not known; its type and region are as they gave them.",
      },
      a01: {
        method: 'PUBLISHED',
        date: null,
        dateAsWritten: '2024',
        datePrecision: 'YEAR',
        trust: { odsCode: 'TA2' },
        trustType: 'MENTAL_HEALTH',
        region: 'LONDON',
        note: "trust inferred from the authors' affiliation",
      },
      i02: {
        method: 'IN_PERSON',
        date: '2023-01-12',
        dateAsWritten: '2023-01-12',
        datePrecision: 'DAY',
        trust: { odsCode: 'TA2' },
        trustType: 'MENTAL_HEALTH',
        region: 'LONDON',
        note: null,
      },
      r01: { trust: null, note: "Survey respondent: gave their trust's type and region, not its name." },
    });
  });

  it('stores a partial date as its text and precision, which sort in time order', async () => {
    const rows = await db.readQuery<{ id: string; date: string; precision: string }>(
      "MATCH (iv:Interview) WHERE iv.id IN ['i02', 'fx-voices/s01', 'fx-voices/a01'] RETURN iv.id AS id, iv.date AS date, iv.datePrecision AS precision ORDER BY iv.date",
    );
    expect(rows).toEqual([
      { id: 'i02', date: '2023-01-12', precision: 'DAY' },
      { id: 'fx-voices/a01', date: '2024', precision: 'YEAR' },
      { id: 'fx-voices/s01', date: '2024-05', precision: 'MONTH' },
    ]);
  });
});

describe('counting the evidence honestly', () => {
  it('adds no trust and no supplier for the survey response, but its trust type and region', async () => {
    const data = await run(`{
      supportOffer(id: "offer-thin") {
        evidenceStrength { ${COUNTS} }
        evidence { summary { ${COUNTS} } }
        evidenceVoices { insights byTrustType { key insights } }
      }
      determinant(id: "D02") { evidenceStrength { ${COUNTS} } }
    }`);
    const counts = { insights: 4, interviews: 3, trusts: 1, roles: 2, regions: 2, trustTypes: 2, suppliers: 1 };
    expect(data.supportOffer.evidenceStrength).toEqual(counts);
    expect(data.supportOffer.evidence.summary).toEqual(counts);
    expect(data.determinant.evidenceStrength).toEqual(counts);
    expect(data.supportOffer.evidenceVoices).toEqual({
      insights: 4,
      byTrustType: [
        { key: 'ACUTE', insights: 0 },
        { key: 'ACUTE_SPECIALIST', insights: 0 },
        { key: 'MENTAL_HEALTH', insights: 3 },
        { key: 'COMMUNITY', insights: 1 },
        { key: 'AMBULANCE', insights: 0 },
      ],
    });
  });

  it('counts the finding’s adequacy over every interview and participant, and only the known trusts', async () => {
    const data = await run(`{ finding(id: "D02") { profile { adequacy { insights interviews participants trusts verbatimInsights } } } }`);
    expect(data.finding.profile.adequacy).toEqual({ insights: 4, interviews: 3, participants: 3, trusts: 1, verbatimInsights: 2 });
  });

  it('lists the survey response in the trail with no trust and its recorded type and region', async () => {
    const data = await run(
      `{ supportOffer(id: "offer-thin") { evidence { insights { insight { insightId } trust { odsCode } trustType region } } } }`,
      analyst,
    );
    expect(data.supportOffer.evidence.insights).toEqual([
      { insight: { insightId: 'fx-voices/a01-01' }, trust: { odsCode: 'TA2' }, trustType: 'MENTAL_HEALTH', region: 'LONDON' },
      { insight: { insightId: 'fx-voices/s01-01' }, trust: null, trustType: 'COMMUNITY', region: 'SOUTH_EAST' },
      { insight: { insightId: 'i02-01' }, trust: { odsCode: 'TA2' }, trustType: 'MENTAL_HEALTH', region: 'LONDON' },
      { insight: { insightId: 'i02-02' }, trust: { odsCode: 'TA2' }, trustType: 'MENTAL_HEALTH', region: 'LONDON' },
    ]);
  });

  it('filters insights by the recorded region and type, never by a trust the response does not have', async () => {
    const ids = async (filter: string) =>
      (await run(`{ insights(first: 50, filter: ${filter}) { nodes { insightId } } }`, analyst)).insights.nodes.map((n: { insightId: string }) => n.insightId);
    expect(await ids('{ regions: [SOUTH_EAST] }')).toEqual(['fx-voices/s01-01']);
    expect(await ids('{ trustTypes: [COMMUNITY] }')).toEqual(['fx-voices/s01-01']);
    expect(await ids('{ trustOdsCodes: ["TA2"] }')).toEqual(['fx-voices/a01-01', 'i02-01', 'i02-02']);
  });

  it('leaves the sample of the representativeness tests to the trusts interviewed', async () => {
    const data = await run(`{ representativeness { byRegion { strata { key sampleTrusts } } } }`, analyst);
    const sampled = data.representativeness.byRegion.strata.filter((s: { sampleTrusts: number }) => s.sampleTrusts > 0);
    expect(sampled).toEqual([
      { key: 'LONDON', sampleTrusts: 2 },
      { key: 'MIDLANDS', sampleTrusts: 1 },
      { key: 'NORTH_WEST', sampleTrusts: 1 },
    ]);
  });
});

describe('what the loader refuses', () => {
  async function voicesWith(file: string, text: string): Promise<string> {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'voices-'));
    folders.push(folder);
    await cp(VOICES, folder, { recursive: true, filter: (source) => !source.endsWith('README.md') });
    await writeFile(path.join(folder, file), text);
    return folder;
  }
  const HEADER = 'id,title,date,method,trust_ods_code,trust_type,region,note,illustrative,source_id\n';
  const A01 = 'a01,Article,2024,PUBLISHED,TA2,,,,true,illustrative-project-data\n';

  it.each([
    [
      'a trust beside a trust type and region',
      `${HEADER}s01,Survey,2024-05,SURVEY,TA2,COMMUNITY,LONDON,,true,illustrative-project-data\n${A01}`,
      [
        'interviews.csv line 2, column trust_type: "COMMUNITY" is given beside the trust TA2; leave trust_type empty when trust_ods_code is given (the trust\'s own type and region are used), or empty trust_ods_code when the trust is not known',
        'interviews.csv line 2, column region: "LONDON" is given beside the trust TA2; leave region empty when trust_ods_code is given (the trust\'s own type and region are used), or empty trust_ods_code when the trust is not known',
      ],
    ],
    [
      'neither a trust nor its region',
      `${HEADER}s01,Survey,2024-05,SURVEY,,COMMUNITY,,,true,illustrative-project-data\n${A01}`,
      [
        'interviews.csv line 2, column region: the cell is empty and so is trust_ods_code; give the trust, or, when it is not known (a survey response, an article that does not name it), its trust_type and region',
      ],
    ],
    [
      'a month that does not exist',
      `${HEADER}s01,Survey,2024-13,SURVEY,,COMMUNITY,SOUTH_EAST,,true,illustrative-project-data\n${A01}`,
      [
        'interviews.csv line 2, column date: "2024-13" is not a date; use YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known (e.g. 2022-11-08, 2022-11, 2022)',
      ],
    ],
  ])('refuses %s, and writes nothing', async (_name, interviews, expected) => {
    const folder = await voicesWith('interviews.csv', interviews);
    const [before] = await db.readQuery<{ n: number }>('RETURN COUNT { MATCH (n) } AS n');
    expect(await problemsOf(loadSeedDirectory(db, folder))).toEqual(expected);
    const [after] = await db.readQuery<{ n: number }>('RETURN COUNT { MATCH (n) } AS n');
    expect(after?.n).toBe(before?.n);
  });

  it('refuses a participant with a trust in an interview without one', async () => {
    const folder = await voicesWith(
      'participants.csv',
      'code,role_id,trust_ods_code,note,illustrative,source_id\nr01,cnio,TA3,,true,illustrative-project-data\nau01,ccio,TA2,,true,illustrative-project-data\n',
    );
    expect(await problemsOf(loadSeedDirectory(db, folder))).toEqual([
      'interview_participants.csv line 2, column participant_code: participant "r01" works at TA3, but interview "s01" has no trust; give the interview trust_ods_code TA3, or leave the participant\'s trust_ods_code empty when it is not known',
    ]);
  });
});

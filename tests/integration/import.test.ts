/**
 * Importing REFI-QDA projects end to end: the NVivo-, ATLAS.ti- and MAXQDA-shaped exports of one study give the
 * same graph through the API, a later export (new GUIDs, another tool) updates records instead of duplicating them,
 * a dry run writes nothing, references resolve against the graph, two studies keep their ids apart, prune is scoped
 * to the study and guarded, and the study's REFI-QDA export imports back without a change.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { exportQdpx } from '../../src/import/export-qdpx.js';
import { importProject } from '../../src/import/import-project.js';
import { parseMapping, readMapping } from '../../src/import/mapping.js';
import { readSeedDirectory, loadDataset } from '../../src/seed/load.js';
import type { SeedReport } from '../../src/seed/report.js';
import { connectTestDatabase, resetDatabase } from '../helpers/database.js';
import { expectEvidenceAggregatesCurrent } from '../helpers/evidence-aggregates.js';
import { problemsOf } from '../helpers/problems.js';
import { qdpxFolder, removeQdpxFiles, vendorQdpx } from '../helpers/qdpx.js';
import { BUNDLED_SEEDS } from '../helpers/seed-fixtures.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { bearer, TEST_JWT_SECRET } from '../helpers/tokens.js';

const MAPPING = path.resolve(import.meta.dirname, '..', '..', 'seeds', 'examples', 'ward-rollout', 'mapping.yaml');
const STUDY = 'ward-rollout-2025';

let db: Database;
let server: TestServer;

/** The non-zero counts of each file of a load's report. */
function changes(report: SeedReport): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {};
  for (const file of report.files) {
    const counts = Object.fromEntries(
      (['created', 'updated', 'unchanged', 'notInFiles', 'removed'] as const).filter((key) => file[key] > 0).map((key) => [key, file[key]]),
    );
    if (Object.keys(counts).length > 0) result[file.file] = counts;
  }
  return result;
}

async function graphSize(): Promise<{ nodes: number; relationships: number }> {
  const [row] = await db.readQuery<{ nodes: number; relationships: number }>(
    'RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS relationships',
  );
  return row ?? { nodes: -1, relationships: -1 };
}

const STUDY_QUERY = `{
  study(studyId: "${STUDY}") { studyId title kind illustrative source { title publisher year kind } }
  rgt: trust(odsCode: "RGT") { ...visits }
  rh8: trust(odsCode: "RH8") { ...visits }
  determinant(id: "D21") { name category source { title } }
}
fragment visits on Trust {
  interviews { interviewId title date method study { studyId }
    participants { code role { roleId } trust { odsCode } }
    insights { insightId summary summaryPending quote sentiment coder determinants { stance determinant { determinantId } } } }
}`;

/** What the API shows of the study, as a researcher, with the bundled study's interviews left out. */
async function studyAsShown(): Promise<unknown> {
  const response = await server.graphql<Record<string, { interviews?: Array<{ study: { studyId: string } }> }>>(STUDY_QUERY, {}, await bearer('researcher'));
  expect(response.errors).toBeUndefined();
  const data = response.data ?? {};
  for (const trust of ['rgt', 'rh8']) {
    const shown = data[trust];
    if (shown?.interviews) shown.interviews = shown.interviews.filter((interview) => interview.study.studyId === STUDY);
  }
  return data;
}

const FIRST_IMPORT = {
  'sources.csv': { created: 1 },
  'studies.csv': { created: 1 },
  'determinants.csv': { created: 1 },
  'participants.csv': { created: 3 },
  'interviews.csv': { created: 3 },
  'interview_participants.csv': { created: 3 },
  'insights.csv': { created: 8 },
  'insight_determinants.csv': { created: 8 },
};

const UNCHANGED = Object.fromEntries(Object.entries(FIRST_IMPORT).map(([file, counts]) => [file, { unchanged: counts.created }]));

let firstGraph: unknown;

beforeAll(async () => {
  db = connectTestDatabase();
  await resetDatabase(db);
  await loadDataset(db, await readSeedDirectory(BUNDLED_SEEDS));
  server = await startTestServer(db, { JWT_SECRET: TEST_JWT_SECRET });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
  await removeQdpxFiles();
});

// Every write path keeps the evidence aggregates current: after each test they equal a fresh computation.
afterEach(async () => {
  await expectEvidenceAggregatesCurrent(db);
});

describe('importing one study exported by three tools', () => {
  it('checks the NVivo-shaped export in a dry run: what would be created, nothing written', async () => {
    const before = await graphSize();
    const { report } = await importProject(db, await vendorQdpx('nvivo'), MAPPING, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(changes(report)).toEqual(FIRST_IMPORT);
    expect(await graphSize()).toEqual(before);
    // The first merging load on a fresh Neo4j plans every statement (seconds each on a busy machine).
  }, 180_000);

  it('imports the NVivo-shaped export as a study: interviews, participants, insights with their quotes and coders', async () => {
    const { report, plan } = await importProject(db, await vendorQdpx('nvivo'), MAPPING);
    expect(changes(report)).toEqual(FIRST_IMPORT);
    expect(plan.pendingSummaries).toBe(1);
    firstGraph = await studyAsShown();
    const shown = firstGraph as { study: unknown; rh8: { interviews: Array<Record<string, unknown>> }; determinant: unknown };
    expect(shown.study).toEqual({
      studyId: STUDY,
      title: 'Ward nurses on EPR go-live (illustrative example)',
      kind: 'INTERVIEW_STUDY',
      illustrative: true,
      source: { title: 'Ward rollout interviews (illustrative example project)', publisher: 'EPR evidence graph project', year: 2025, kind: 'PROJECT' },
    });
    expect(shown.determinant).toEqual({
      name: 'Out-of-hours cover at go-live',
      category: 'Process',
      source: { title: 'Ward rollout interviews (illustrative example project)' },
    });
    const [ccio] = shown.rh8.interviews;
    expect(ccio).toMatchObject({
      interviewId: `${STUDY}/interview-03-ccio`,
      title: 'Interview 03 - CCIO',
      date: '2025-04-02',
      method: 'PHONE',
      participants: [{ code: `${STUDY}/n03`, role: { roleId: 'ccio' }, trust: { odsCode: 'RH8' } }],
    });
    expect((ccio?.insights as unknown[]).length).toBe(3);
    expect(ccio?.insights).toContainEqual({
      insightId: expect.stringMatching(new RegExp(`^${STUDY}/interview-03-ccio-[0-9a-f]{8}$`)),
      summary: 'Clinicians consulted but not deciding: leadership in name only.',
      summaryPending: false,
      quote: 'the clinicians were consulted but the decisions were made by the supplier and IT. Clinical leadership was a title, not a role.',
      sentiment: 'NEGATIVE',
      coder: 'R. Okafor',
      determinants: [{ stance: 'CONTRADICTS', determinant: { determinantId: 'D01' } }],
    });
  });

  it.each(['atlas-ti', 'maxqda'] as const)('imports the %s-shaped export of the same study as the same records: every one unchanged', async (shape) => {
    const { report } = await importProject(db, await vendorQdpx(shape), MAPPING);
    expect(changes(report)).toEqual(UNCHANGED);
    expect(await studyAsShown()).toEqual(firstGraph);
  });

  it('updates the insight whose coding changed in a later export, and only that one', async () => {
    // A later NVivo export: a memo written for the selection that had none, and every GUID new (in the XML and in
    // the names of the source files).
    const renewed = (text: string) =>
      text.replace(
        /([0-9a-f]{8})(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g,
        (_, start: string, rest: string) => `${[...start].reverse().join('')}${rest}`,
      );
    const file = await vendorQdpx('nvivo', (entries) =>
      entries.map((entry) => {
        if (entry.name !== 'project.qde') return { ...entry, name: renewed(entry.name) };
        const xml = String(entry.data).replace(
          /(<PlainTextSelection guid="[^"]+" name="The drug chart needs six click"[^>]*>)/,
          '$1\n        <Description>Six clicks to give a paracetamol: slower than paper.</Description>',
        );
        return { ...entry, data: renewed(xml) };
      }),
    );
    const { report, plan } = await importProject(db, file, MAPPING);
    expect(plan.pendingSummaries).toBe(0);
    expect(changes(report)['insights.csv']).toEqual({ updated: 1, unchanged: 7 });
    const [row] = await db.readQuery<{ summary: string; pending: boolean }>(
      `MATCH (i:Insight {summary: 'Six clicks to give a paracetamol: slower than paper.'}) RETURN i.summary AS summary, i.summaryPending AS pending`,
    );
    expect(row).toEqual({ summary: 'Six clicks to give a paracetamol: slower than paper.', pending: false });
  });
});

describe('an import of records the graph does not hold yet, beside records it holds', () => {
  it('creates the missing insights and their links without comparing them, the rest unchanged: the same graph as before', async () => {
    await importProject(db, await vendorQdpx('nvivo'), MAPPING);
    const before = { shown: await studyAsShown(), size: await graphSize() };
    const [gone] = await db.readQuery<{ insights: number; links: number }>(
      `MATCH (i:Insight)-[:FROM]->(:Interview {id: '${STUDY}/interview-03-ccio'})
       WITH collect(i) AS insights
       RETURN size(insights) AS insights, COUNT { UNWIND insights AS i MATCH (i)-[:EVIDENCES]->(:Determinant) } AS links`,
    );
    expect(gone).toEqual({ insights: 3, links: 3 });
    await db.autoCommit(`MATCH (i:Insight)-[:FROM]->(:Interview {id: '${STUDY}/interview-03-ccio'}) DETACH DELETE i`);
    const { report } = await importProject(db, await vendorQdpx('nvivo'), MAPPING);
    expect(changes(report)).toEqual({
      ...UNCHANGED,
      'insights.csv': { created: 3, unchanged: 5 },
      'insight_determinants.csv': { created: 3, unchanged: 5 },
    });
    expect(await studyAsShown()).toEqual(before.shown);
    expect(await graphSize()).toEqual(before.size);
  });
});

describe('what the import checks against the graph', () => {
  it('refuses a role the graph does not hold, naming the case it came from, and writes nothing', async () => {
    const before = await graphSize();
    const mapping = (await readFile(MAPPING, 'utf8')).replace('Clinician: clinician', 'Clinician: ward-nurse');
    expect(await problemsOf(importProject(db, await vendorQdpx('nvivo'), parseMapping(mapping, 'mapping.yaml')))).toEqual([
      'Case "n02" (guid 1a16a4f4-d2ce-46eb-af52-6bb76514fcc4) (participants.csv), column role_id: "ward-nurse" is not the id of any role, neither in roles.csv nor in the graph',
    ]);
    expect(await graphSize()).toEqual(before);
  });

  it('keeps two studies with the same local ids apart', async () => {
    const mapping = (await readFile(MAPPING, 'utf8')).replace('id: ward-rollout-2025', 'id: ward-rollout-repeat');
    const { report } = await importProject(db, await vendorQdpx('maxqda'), parseMapping(mapping, 'mapping.yaml'));
    expect(changes(report)['interviews.csv']).toEqual({ created: 3 });
    const ids = await db.readQuery<{ id: string }>(`MATCH (i:Interview) WHERE i.localId = 'interview-01-cnio' RETURN i.id AS id ORDER BY id`);
    expect(ids).toEqual([{ id: 'ward-rollout-2025/interview-01-cnio' }, { id: 'ward-rollout-repeat/interview-01-cnio' }]);
  });
});

describe('sources', () => {
  it("warns, with both ids, when a study's source has the URL of a source the graph holds", async () => {
    const mapping = (await readFile(MAPPING, 'utf8'))
      .replace('id: ward-rollout-2025', 'id: ward-rollout-url')
      .replace('    year: 2025\n', '    year: 2025\n    url: https://www.nao.org.uk/reports/the-use-of-digital-technology-in-the-nhs/\n');
    const { report } = await importProject(db, await vendorQdpx('maxqda'), parseMapping(mapping, 'mapping.yaml'), { dryRun: true });
    expect(report.warnings).toEqual([
      'sources ward-rollout-url and nao-2020 have the same URL (https://www.nao.org.uk/reports/the-use-of-digital-technology-in-the-nhs); if they are one publication, keep one id and point the records at it',
    ]);
  });
});

describe('pruning an imported study', () => {
  it("removes only the study's records a later export no longer holds, after refusing a large share without --yes", async () => {
    const withoutSource = await vendorQdpx('maxqda', (entries) =>
      entries.map((entry) => ({ ...entry, data: String(entry.data).replace(/<TextSource[^>]*name="Interview 02 - Ward sister"[\s\S]*?<\/TextSource>\n/, '') })),
    );
    const mapping = parseMapping((await readFile(MAPPING, 'utf8')).replace('id: ward-rollout-2025', 'id: ward-rollout-repeat'), 'mapping.yaml');
    const before = await graphSize();
    const [refusal] = await problemsOf(importProject(db, withoutSource, mapping, { prune: true }));
    expect(refusal).toMatch(
      /^--prune would remove 5 of the 14 records of study ward-rollout-repeat \(36%\), more than 10%; nothing was written\. They are: participants\.csv: ward-rollout-repeat\/n02; interviews\.csv: ward-rollout-repeat\/interview-02-ward-sister; insights\.csv: ward-rollout-repeat\/interview-02-ward-sister-[0-9a-f]{8}, /,
    );
    expect(await graphSize()).toEqual(before);

    const { report } = await importProject(db, withoutSource, mapping, { prune: true, yes: true });
    expect(changes(report)).toMatchObject({
      'participants.csv': { unchanged: 2, notInFiles: 1, removed: 1 },
      'interviews.csv': { unchanged: 2, notInFiles: 1, removed: 1 },
      'interview_participants.csv': { unchanged: 2, notInFiles: 1, removed: 1 },
      'insights.csv': { unchanged: 5, notInFiles: 3, removed: 3 },
      'insight_determinants.csv': { unchanged: 5, notInFiles: 3, removed: 3 },
    });
    // The other study of the same project, and the bundled study, are untouched.
    const [counts] = await db.readQuery<{ first: number; bundled: number }>(
      `RETURN COUNT { MATCH (:Insight)-[:IN_STUDY]->(:Study {id: '${STUDY}'}) } AS first,
              COUNT { MATCH (:Insight)-[:IN_STUDY]->(:Study {id: 'nhse-epr-interviews'}) } AS bundled`,
    );
    expect(counts).toEqual({ first: 8, bundled: 176 });
  });
});

describe('exporting a study back to REFI-QDA', () => {
  it('writes a project that imports back into the same study without changing anything', async () => {
    const file = path.join(await qdpxFolder(), 'ward-rollout-export.qdpx');
    const exported = await exportQdpx(db, STUDY, file);
    expect(exported).toEqual({ file, mappingFile: file.replace(/\.qdpx$/, '.mapping.yaml'), sources: 3, selections: 8, withoutQuote: 0 });
    const { report } = await importProject(db, file, await readMapping(exported.mappingFile));
    // The exported mapping names D21 by its id instead of creating it: every other file as after the first import.
    const { 'determinants.csv': _created, ...rest } = UNCHANGED;
    expect(changes(report)).toEqual(rest);
  });
});

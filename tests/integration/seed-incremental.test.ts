/**
 * Incremental CSV loads: a folder holding only some of the files loads over the graph, its references resolved
 * against its own files and then the graph. The case here is a team's appraisals and judgements on their own
 * (tests/fixtures/confidence) over the fixture graph: a judgement's finding is a determinant of the graph, even
 * though the folder's confidence_judgements.csv keys its rows by the same id.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import { problemsOf } from '../helpers/problems.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';

const CONFIDENCE_FIXTURE = path.resolve(import.meta.dirname, '..', 'fixtures', 'confidence');

let db: Database;
let folder: string;

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  folder = await mkdtemp(path.join(os.tmpdir(), 'incremental-confidence-'));
  await cp(CONFIDENCE_FIXTURE, folder, { recursive: true, filter: (source) => !source.endsWith('README.md') });
});

afterAll(async () => {
  await db?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('a folder of appraisals and judgements only', () => {
  it('loads over the fixture graph: the findings resolve to the graph’s determinants', async () => {
    const report = await loadSeedDirectory(db, folder);
    const created = Object.fromEntries(report.files.filter((file) => file.created > 0).map((file) => [file.file, file.created]));
    expect(created).toEqual({ 'appraisals.csv': 2, 'appraisal_answers.csv': 20, 'judgements.csv': 2, 'confidence_judgements.csv': 1 });
    const [row] = await db.readQuery<{ judged: string[] }>(
      'MATCH (j)-[:JUDGES]->(d:Determinant) WITH d.id AS id ORDER BY id RETURN collect(DISTINCT id) AS judged',
    );
    expect(row?.judged).toEqual(['D01']);
  });

  it('names a finding that is neither in the folder nor in the graph, and writes nothing', async () => {
    await writeFile(
      path.join(folder, 'judgements.csv'),
      'finding_id,component,level,explanation,suggested_level,judged_by,judged_on,illustrative,source_id\n' +
        'D77,COHERENCE,NO_CONCERNS,,NO_CONCERNS,fx-reviewer,2024-05-03,true,illustrative-project-data\n',
    );
    await writeFile(
      path.join(folder, 'confidence_judgements.csv'),
      'finding_id,level,explanation,suggested_level,judged_by,judged_on,illustrative,source_id\n' +
        'D77,MODERATE,Because.,LOW,fx-reviewer,2024-05-03,true,illustrative-project-data\n',
    );
    const [before] = await db.readQuery<{ n: number }>('RETURN COUNT { MATCH (j:Judgement) } AS n');
    expect(await problemsOf(loadSeedDirectory(db, folder))).toEqual([
      'judgements.csv line 2, column finding_id: "D77" is not the id of any determinant, neither in determinants.csv nor in the graph',
      'confidence_judgements.csv line 2, column finding_id: "D77" is not the id of any determinant, neither in determinants.csv nor in the graph',
    ]);
    const [after] = await db.readQuery<{ n: number }>('RETURN COUNT { MATCH (j:Judgement) } AS n');
    expect(after?.n).toBe(before?.n);
  });
});

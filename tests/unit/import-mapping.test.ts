/** The importer without a database: each vendor's shape of one study gives the same dataset, and mappings are checked. */
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { PENDING_SUMMARY, buildDataset, selectionKey, slugOf } from '../../src/import/build-dataset.js';
import { parseMapping, readMapping } from '../../src/import/mapping.js';
import { readQdaFile } from '../../src/import/read-qdpx.js';
import { ImportRefusal } from '../../src/import/refusal.js';
import { formatProblem } from '../../src/seed/problems.js';
import { VENDOR_SHAPES, removeQdpxFiles, vendorQdpx } from '../helpers/qdpx.js';

const MAPPING = path.resolve(import.meta.dirname, '..', '..', 'seeds', 'examples', 'ward-rollout', 'mapping.yaml');

afterAll(removeQdpxFiles);

async function planOf(shape: (typeof VENDOR_SHAPES)[number]) {
  return buildDataset(await readQdaFile(await vendorQdpx(shape)), await readMapping(MAPPING));
}

function problemsOf(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    if (error instanceof ImportRefusal) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('no problem was found');
}

describe('mapping a vendor-shaped project to a dataset', () => {
  it('gives the same dataset from the NVivo, ATLAS.ti and MAXQDA shapes of one study', async () => {
    const [nvivo, atlas, maxqda] = await Promise.all(VENDOR_SHAPES.map(planOf));
    expect(atlas?.dataset).toEqual(nvivo?.dataset);
    expect(maxqda?.dataset).toEqual(nvivo?.dataset);
  });

  it('makes interviews of sources, participants of cases or source variables, insights of coded selections', async () => {
    const { dataset, selectionsWithoutDeterminant, pendingSummaries } = await planOf('nvivo');
    expect(dataset['studies.csv']).toEqual([
      {
        id: 'ward-rollout-2025',
        title: 'Ward nurses on EPR go-live (illustrative example)',
        kind: 'INTERVIEW_STUDY',
        source_id: 'ward-rollout-2025',
        illustrative: true,
        unscoped_ids: false,
        note: 'Three illustrative interviews shipped with the product to show the import.',
      },
    ]);
    expect(dataset['interviews.csv'].map((row) => [row.id, row.title, row.date, row.method, row.trust_ods_code])).toEqual([
      ['interview-01-cnio', 'Interview 01 - CNIO', '2025-03-04', 'VIDEO_CALL', 'RGT'],
      ['interview-02-ward-sister', 'Interview 02 - Ward sister', '2025-03-11', 'IN_PERSON', 'RGT'],
      ['interview-03-ccio', 'Interview 03 - CCIO', '2025-04-02', 'PHONE', 'RH8'],
    ]);
    expect(dataset['participants.csv'].map((row) => [row.code, row.role_id, row.trust_ods_code])).toEqual([
      ['n01', 'cnio', 'RGT'],
      ['n02', 'clinician', 'RGT'],
      ['n03', 'ccio', 'RH8'],
    ]);
    expect(dataset['determinants.csv'].map((row) => [row.id, row.name, row.source_id])).toEqual([
      ['D21', 'Out-of-hours cover at go-live', 'ward-rollout-2025'],
    ]);
    expect(dataset['insights.csv'].map((row) => [row.interview_id, row.sentiment, row.summary_pending, row.coder])).toEqual([
      ['interview-01-cnio', 'POSITIVE', false, 'R. Okafor'],
      ['interview-01-cnio', 'POSITIVE', false, 'R. Okafor'],
      ['interview-02-ward-sister', 'NEGATIVE', false, 'J. Patel'],
      ['interview-02-ward-sister', 'NEGATIVE', true, 'J. Patel'],
      ['interview-02-ward-sister', 'POSITIVE', false, 'R. Okafor'],
      ['interview-03-ccio', 'NEGATIVE', false, 'R. Okafor'],
      ['interview-03-ccio', 'NEGATIVE', false, 'R. Okafor'],
      ['interview-03-ccio', 'NEUTRAL', false, 'J. Patel'],
    ]);
    expect(dataset['insight_determinants.csv'].map((row) => [row.determinant_id, row.stance])).toEqual([
      ['D07', 'SUPPORTS'],
      ['D06', 'SUPPORTS'],
      ['D21', 'SUPPORTS'],
      ['D08', 'SUPPORTS'],
      ['D01', 'SUPPORTS'],
      ['D01', 'CONTRADICTS'],
      ['D07', 'SUPPORTS'],
      ['D21', 'SUPPORTS'],
    ]);
    expect(selectionsWithoutDeterminant).toBe(1);
    expect(pendingSummaries).toBe(1);
  });

  it('keys an insight on its interview and its selection text and position, and keeps the text verbatim', async () => {
    const { dataset } = await planOf('maxqda');
    const insight = dataset['insights.csv'][5];
    const quote = 'the clinicians were consulted but the decisions were made by the supplier and IT. Clinical leadership was a title, not a role.';
    expect(insight).toEqual({
      id: `interview-03-ccio-${selectionKey({ start: 49, end: 49 + quote.length }, quote)}`,
      interview_id: 'interview-03-ccio',
      summary: 'Clinicians consulted but not deciding: leadership in name only.',
      summary_pending: false,
      quote,
      text_start: 49,
      text_end: 49 + quote.length,
      sentiment: 'NEGATIVE',
      coder: 'R. Okafor',
      illustrative: true,
      source_id: 'ward-rollout-2025',
    });
    expect(dataset['insights.csv'][3]?.summary).toBe(PENDING_SUMMARY);
  });

  it('refuses codes that code selections but are not in the mapping, with how many each codes', async () => {
    const mapping = await readMapping(MAPPING);
    const trimmed = { ...mapping, codes: new Map([...mapping.codes].filter(([key]) => key !== 'Admin' && key !== 'Data migration')) };
    const project = await readQdaFile(await vendorQdpx('nvivo'));
    expect(problemsOf(() => buildDataset(project, trimmed))).toEqual([
      'project.qde: the code "Determinants/Data migration" codes 1 selection but the mapping does not say what it means; add it under codes: as a determinant id, { create: ... }, a stance or sentiment, or ignore',
      'project.qde: the code "Admin" codes 1 selection but the mapping does not say what it means; add it under codes: as a determinant id, { create: ... }, a stance or sentiment, or ignore',
    ]);
  });

  it.each(VENDOR_SHAPES)('ships seeds/examples/ward-rollout/ward-rollout-%s.qdpx holding its fixture folder', async (shape) => {
    const example = path.join(path.dirname(MAPPING), `ward-rollout-${shape}.qdpx`);
    expect(await readQdaFile(example)).toEqual(await readQdaFile(await vendorQdpx(shape)));
  });

  it('reads a .qdc codebook on its own: the determinants the mapping creates, no interviews', async () => {
    const codebook = await readQdaFile(path.resolve(import.meta.dirname, '..', 'fixtures', 'qdpx', 'ward-rollout.qdc'));
    expect(codebook.kind).toBe('codebook');
    expect(codebook.codes.map((code) => code.path)).toEqual(['Determinants', 'Determinants/Clinical leadership', 'Determinants/Night cover at go-live']);
    const { dataset } = buildDataset(codebook, await readMapping(MAPPING));
    expect(dataset['determinants.csv'].map((row) => row.id)).toEqual(['D21']);
    expect(dataset['interviews.csv']).toEqual([]);
  });

  it('slugs source names into interview ids', () => {
    expect(['Interview 03 - CCIO', '  Entretien été n°2 ', '***'].map(slugOf)).toEqual(['interview-03-ccio', 'entretien-ete-n-2', 'x']);
  });
});

describe('reading a mapping file', () => {
  it('reports every problem with its key path and what is allowed', () => {
    const text = [
      'study:',
      '  id: Ward Study',
      '  kind: COHORT',
      '  source: { title: T, publisher: P, year: 25, url: ftp://x }',
      'codes:',
      '  Leadership: D1',
      '  Tone: { sentiment: HAPPY }',
      '  Odd: [1, 2]',
      'variables: { method: Method }',
      'colour: blue',
    ].join('\n');
    expect(problemsOf(() => parseMapping(text, 'mapping.yaml'))).toEqual([
      'mapping.yaml: colour: is not a key of the mapping here; the keys are study, codes, sets, variables, values, defaults, summary',
      'mapping.yaml: study.id: "Ward Study" is not an id; use lower-case letters, digits and hyphens (e.g. i01-02)',
      'mapping.yaml: study.title: is missing; a value is required',
      'mapping.yaml: study.kind: "COHORT" is not allowed; use one of INTERVIEW_STUDY, SURVEY, PUBLISHED_SOURCE',
      'mapping.yaml: study.illustrative: is missing; say true for data written for illustration, false for real research',
      'mapping.yaml: study.source.year: "25" is not a year; use four digits (e.g. 2015)',
      'mapping.yaml: study.source.url: "ftp://x" is not a web address; use one starting with https:// (or http://)',
      'mapping.yaml: codes."Leadership": "D1" is not a determinant id; use D and two digits (e.g. D07)',
      'mapping.yaml: codes."Tone".sentiment: "HAPPY" is not allowed; use one of POSITIVE, NEGATIVE, MIXED, NEUTRAL',
      'mapping.yaml: codes."Odd": [1,2] is not a code rule; use a determinant id ("D06"), "ignore", { determinant: D06, stance: CONTRADICTS }, { create: { id, name, category, description } }, { stance: CONTRADICTS } or { sentiment: POSITIVE }',
      'mapping.yaml: variables.role: is missing; a value is required',
    ]);
  });

  it('refuses YAML aliases, so an alias bomb cannot expand', () => {
    const text = 'a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n';
    expect(problemsOf(() => parseMapping(text, 'bomb.yaml'))[0]).toMatch(/^bomb\.yaml: cannot be read: .*; write the mapping without YAML aliases/);
  });
});

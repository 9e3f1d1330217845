/**
 * A large REFI-QDA project for the import benchmark, generated deterministically and written straight to a .qdpx
 * (NVivo's shape: each transcript a file under sources/, the XML pointing at it). `sources` transcripts of
 * `selectionsPerSource` coded selections each, coded with the twenty bundled determinants and a sentiment code,
 * participants as cases with a role and a trust of the bundled data.
 */
import { createWriteStream } from 'node:fs';

import yazl from 'yazl';

import { guidFor, writeProjectXml, type WritableCode, type WritableProject, type WritableSource } from '../import/write-project.js';

export interface GeneratedProject {
  file: string;
  sources: number;
  selections: number;
  /** The mapping file's text (YAML) for the generated codes and variables. */
  mapping: string;
}

const ROLES = ['cio', 'ccio', 'cnio', 'programme-manager', 'clinician'];
const WORDS = 'the ward team said that go-live training data migration super-users board clinicians supplier rota night cover design safety'.split(' ');

export async function generateQdpx(
  file: string,
  options: { sources: number; selectionsPerSource: number; trusts: readonly string[] },
): Promise<GeneratedProject> {
  const determinants = Array.from({ length: 20 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`);
  const codes: WritableCode[] = [
    {
      guid: guidFor('bench', 'determinants'),
      name: 'Determinants',
      isCodable: false,
      children: determinants.map((id) => ({ guid: guidFor('bench', id), name: `Code ${id}`, isCodable: true, children: [] })),
    },
    {
      guid: guidFor('bench', 'tone'),
      name: 'Tone',
      isCodable: false,
      children: ['Positive', 'Negative'].map((name) => ({ guid: guidFor('bench', name), name, isCodable: true, children: [] })),
    },
  ];
  const variable = (name: string, type: 'Text' | 'Date' = 'Text') => ({ guid: guidFor('bench', 'var', name), name, type });
  const variables = [variable('Role'), variable('ODS code'), variable('Interview date', 'Date'), variable('Method')];
  const [role, trust, date, method] = variables.map((v) => v.guid) as [string, string, string, string];
  const sources: WritableSource[] = [];
  const cases: WritableProject['cases'] = [];
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let s = 0; s < options.sources; s += 1) {
    const guid = guidFor('bench', 'source', String(s));
    const sentences: string[] = [];
    for (let k = 0; k < options.selectionsPerSource * 2; k += 1) {
      const words = Array.from({ length: 12 + Math.floor(random() * 12) }, () => WORDS[Math.floor(random() * WORDS.length)]);
      sentences.push(`${words.join(' ')} (${s}.${k}).`);
    }
    const text = `${sentences.join('\n')}\n`;
    const selections = [];
    let offset = 0;
    for (let k = 0; k < sentences.length; k += 1) {
      const sentence = sentences[k] ?? '';
      if (k % 2 === 0) {
        const codeIds = [determinants[Math.floor(random() * 20)] ?? 'D01', random() < 0.5 ? 'Positive' : 'Negative'];
        if (random() < 0.3) codeIds.push(determinants[Math.floor(random() * 20)] ?? 'D02');
        selections.push({
          guid: guidFor('bench', 'sel', String(s), String(k)),
          name: `Selection ${k / 2 + 1}`,
          start: offset,
          end: offset + sentence.length,
          description: `Generated summary ${s}.${k}`,
          codings: [...new Set(codeIds)].map((id, c) => ({
            guid: guidFor('bench', 'coding', String(s), String(k), String(c)),
            codeGuid: guidFor('bench', id),
          })),
        });
      }
      offset += sentence.length + 1;
    }
    sources.push({
      guid,
      name: `Transcript ${String(s + 1).padStart(5, '0')}`,
      text,
      plainTextPath: `internal://${guid}.txt`,
      selections,
      values: [
        { variableGuid: date, type: 'Date', value: `2025-${String((s % 12) + 1).padStart(2, '0')}-${String((s % 28) + 1).padStart(2, '0')}` },
        { variableGuid: method, type: 'Text', value: ['Video', 'In person', 'Phone'][s % 3] ?? 'Video' },
      ],
    });
    cases.push({
      guid: guidFor('bench', 'case', String(s)),
      name: `p${String(s + 1).padStart(5, '0')}`,
      values: [
        { variableGuid: role, type: 'Text', value: ROLES[s % ROLES.length] ?? 'cio' },
        { variableGuid: trust, type: 'Text', value: options.trusts[s % options.trusts.length] ?? 'RGT' },
      ],
      sourceGuids: [guid],
    });
  }
  const project: WritableProject = {
    name: 'Import benchmark',
    origin: 'epr-evidence-graph bench',
    users: [{ guid: guidFor('bench', 'user'), name: 'Bench coder' }],
    codes,
    variables,
    cases,
    sources,
  };

  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(writeProjectXml(project), 'utf8'), 'project.qde');
  for (const source of sources) zip.addBuffer(Buffer.from(source.text, 'utf8'), `sources/${source.guid}.txt`);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject);
  });

  const mapping = [
    'study:',
    '  id: import-bench',
    '  title: Import benchmark (generated)',
    '  kind: INTERVIEW_STUDY',
    '  illustrative: true',
    '  source: { title: Generated benchmark project, publisher: epr-evidence-graph bench, kind: PROJECT }',
    'codes:',
    ...determinants.map((id) => `  Code ${id}: ${id}`),
    '  Positive: { sentiment: POSITIVE }',
    '  Negative: { sentiment: NEGATIVE }',
    'variables: { role: Role, trust: ODS code, date: Interview date, method: Method }',
    'values:',
    '  method: { Video: VIDEO_CALL, In person: IN_PERSON, Phone: PHONE }',
    'summary: [description]',
    '',
  ].join('\n');
  return { file, sources: sources.length, selections: sources.reduce((sum, source) => sum + source.selections.length, 0), mapping };
}

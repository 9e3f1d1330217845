/**
 * A study's coding -> a REFI-QDA project (.qdpx) and the mapping that imports it again, so a team can re-open the
 * graph's coding in its own QDA tool. Reads through the research module's repository, as the API does.
 *
 * What the project holds: one text source per interview (named by the interview's title, else its id), whose plain
 * text holds each insight's quote at its original position (the rest of the transcript is not in the graph, so it
 * is left blank) and a note at the end; one selection per insight, its description the summary (none while the
 * summary is pending), coded with `Supports/<determinant>` or `Contradicts/<determinant>` per link and
 * `Sentiment/<value>`; one case per participant with its role and trust; the interview's date, method and trust as
 * source variables. Insights without a quote have no text to select and are left out (counted).
 * Importing the project with the mapping written beside it changes nothing in the graph: the same study, source
 * names, selection texts and positions give the same keys (build-dataset.ts).
 */
import { writeFile } from 'node:fs/promises';

import { stringify } from 'yaml';
import yazl from 'yazl';

import type { Database } from '../db/database.js';
import { findStudyCoding } from '../modules/research/repository.js';
import type { StudyCodingModel } from '../modules/research/model.js';
import { characterCount } from './model.js';
import { ImportRefusal } from './refusal.js';
import { guidFor, writeProjectXml, type WritableCode, type WritableProject, type WritableSelection, type WritableSource } from './write-project.js';

export interface ExportResult {
  file: string;
  mappingFile: string;
  sources: number;
  selections: number;
  /** Insights left out because they have no quote. */
  withoutQuote: number;
}

const TRAILER = '\n\n[Exported from the EPR evidence graph: only the coded passages are kept, each at its original position.]\n';
const SENTIMENTS = ['POSITIVE', 'NEGATIVE', 'MIXED', 'NEUTRAL'];

/** The project as .qdpx bytes and its mapping's text; throws ImportRefusal for an unknown study. */
export async function buildQdpx(
  db: Database,
  studyId: string,
): Promise<{ bytes: Buffer; mapping: string; sources: number; selections: number; withoutQuote: number }> {
  const coding = await findStudyCoding(db, studyId);
  if (!coding) throw new ImportRefusal(`No study ${JSON.stringify(studyId)}; the studies are listed by { studies { studyId title } }.`);
  const { project, selections, withoutQuote } = projectOf(coding);
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(writeProjectXml(project), 'utf8'), 'project.qde', { mtime: new Date(Date.UTC(2025, 0, 1)) });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return { bytes: Buffer.concat(chunks), mapping: mappingOf(coding), sources: project.sources.length, selections, withoutQuote };
}

/** The mapping file that goes beside an exported `file.qdpx`: `file.mapping.yaml`. */
export function mappingFileFor(file: string): string {
  return `${file.replace(/\.qdpx$/i, '')}.mapping.yaml`;
}

/** Writes `file` (.qdpx) and its mapping beside it; throws ImportRefusal for an unknown study. */
export async function exportQdpx(db: Database, studyId: string, file: string): Promise<ExportResult> {
  const { bytes, mapping, sources, selections, withoutQuote } = await buildQdpx(db, studyId);
  const mappingFile = mappingFileFor(file);
  await writeFile(file, bytes);
  await writeFile(mappingFile, mapping);
  return { file, mappingFile, sources, selections, withoutQuote };
}

/** The project for a study's coding. Pure, for tests. */
export function projectOf(coding: StudyCodingModel): { project: WritableProject; selections: number; withoutQuote: number } {
  const studyId = coding.study.id;
  const g = (...parts: string[]) => guidFor(studyId, ...parts);
  const determinants = new Map<string, string>();
  for (const interview of coding.interviews)
    for (const { links } of interview.insights) for (const link of links) determinants.set(link.determinantId, link.name);
  const sorted = [...determinants].sort(([a], [b]) => a.localeCompare(b));
  const codeName = (id: string, name: string) => `${id} ${name}`;
  const group = (name: string, children: string[]): WritableCode => ({
    guid: g('code', name),
    name,
    isCodable: false,
    children: children.map((child) => ({ guid: g('code', name, child), name: child, isCodable: true, children: [] })),
  });
  const codes = [
    group(
      'Supports',
      sorted.map(([id, name]) => codeName(id, name)),
    ),
    group(
      'Contradicts',
      sorted.map(([id, name]) => codeName(id, name)),
    ),
    group('Sentiment', SENTIMENTS),
  ];
  const variable = (name: string, type: 'Text' | 'Date' = 'Text') => ({ guid: g('variable', name), name, type });
  // REFI-QDA's DateValue holds a whole date: a month or a year only (an article, a survey) makes the variable text.
  const dateType = coding.interviews.every(({ interview }) => interview.date.length === 10) ? 'Date' : 'Text';
  const variables = [variable('Role'), variable('ODS code'), variable('Interview date', dateType), variable('Method')];
  const [role, trust, date, method] = variables.map((v) => v.guid) as [string, string, string, string];
  const coders = [
    ...new Set(coding.interviews.flatMap((interview) => interview.insights.flatMap(({ insight }) => (insight.coder ? [insight.coder] : [])))),
  ].sort();
  const users = coders.map((name) => ({ guid: g('user', name), name }));

  const sources: WritableSource[] = [];
  const cases = new Map<string, WritableProject['cases'][number]>();
  let selections = 0;
  let withoutQuote = 0;
  for (const { interview, trust: interviewTrust, participants, insights } of coding.interviews) {
    const name = interview.title ?? interview.localId;
    const guid = g('source', name);
    const quoted = insights.filter(({ insight }) => insight.quote !== null && insight.quote !== '');
    withoutQuote += insights.length - quoted.length;
    const placed = placeQuotes(quoted.map(({ insight }) => insight));
    const sourceSelections: WritableSelection[] = quoted.map(({ insight, links }, index) => {
      const position = placed.positions[index] ?? { start: 0, end: 0 };
      return {
        guid: g('selection', name, insight.localId),
        name: (insight.quote ?? '').slice(0, 40),
        start: position.start,
        end: position.end,
        ...(insight.summaryPending ? {} : { description: insight.summary }),
        ...(insight.coder ? { creatingUser: g('user', insight.coder) } : {}),
        codings: [
          ...links.map((link) => ({
            guid: g('coding', insight.localId, link.determinantId),
            codeGuid: g('code', link.stance === 'CONTRADICTS' ? 'Contradicts' : 'Supports', codeName(link.determinantId, link.name)),
          })),
          { guid: g('coding', insight.localId, 'sentiment'), codeGuid: g('code', 'Sentiment', insight.sentiment) },
        ],
      };
    });
    selections += sourceSelections.length;
    sources.push({
      guid,
      name,
      text: placed.text,
      selections: sourceSelections,
      values: [
        { variableGuid: date, type: dateType, value: interview.date },
        { variableGuid: method, type: 'Text', value: interview.method },
        ...(interviewTrust ? [{ variableGuid: trust, type: 'Text' as const, value: interviewTrust }] : []),
      ],
    });
    for (const participant of participants) {
      const existing = cases.get(participant.localId);
      if (existing) {
        existing.sourceGuids.push(guid);
        continue;
      }
      cases.set(participant.localId, {
        guid: g('case', participant.localId),
        name: participant.localId,
        values: [
          ...(participant.role ? [{ variableGuid: role, type: 'Text' as const, value: participant.role }] : []),
          ...(participant.trust ? [{ variableGuid: trust, type: 'Text' as const, value: participant.trust }] : []),
        ],
        sourceGuids: [guid],
      });
    }
  }
  const project: WritableProject = { name: coding.study.title, origin: 'EPR evidence graph', users, codes, variables, cases: [...cases.values()], sources };
  return { project, selections, withoutQuote };
}

/**
 * A text with every quote at its recorded position where the positions are known and agree (selections may
 * overlap, and then share their text), blank between them; quotes without a usable position follow, one per
 * paragraph. Positions count characters.
 */
function placeQuotes(insights: ReadonlyArray<{ quote: string | null; textStart: number | null; textEnd: number | null }>): {
  text: string;
  positions: Array<{ start: number; end: number }>;
} {
  const characters: string[] = [];
  const positions: Array<{ start: number; end: number } | undefined> = [];
  const later: number[] = [];
  insights.forEach((insight, index) => {
    const quote = Array.from(insight.quote ?? '');
    const { textStart: start, textEnd: end } = insight;
    const fits =
      start !== null &&
      end !== null &&
      end - start === quote.length &&
      quote.every((char, k) => characters[start + k] === undefined || characters[start + k] === char);
    if (!fits || start === null) {
      later.push(index);
      return;
    }
    quote.forEach((char, k) => (characters[start + k] = char));
    positions[index] = { start, end: start + quote.length };
  });
  let text = Array.from({ length: characters.length }, (_, k) => characters[k] ?? ' ').join('');
  for (const index of later) {
    const quote = insights[index]?.quote ?? '';
    text += text === '' ? '' : '\n\n';
    const start = characterCount(text);
    text += quote;
    positions[index] = { start, end: start + characterCount(quote) };
  }
  return { text: text + TRAILER, positions: positions.map((position) => position ?? { start: 0, end: 0 }) };
}

/** The mapping that imports the exported project back into the same study. */
function mappingOf(coding: StudyCodingModel): string {
  const { study, source } = coding;
  const codes: Record<string, unknown> = {};
  const determinants = new Map<string, string>();
  for (const interview of coding.interviews)
    for (const { links } of interview.insights) for (const link of links) determinants.set(link.determinantId, link.name);
  for (const [id, name] of [...determinants].sort(([a], [b]) => a.localeCompare(b))) {
    codes[`Supports/${id} ${name}`] = id;
    codes[`Contradicts/${id} ${name}`] = { determinant: id, stance: 'CONTRADICTS' };
  }
  for (const sentiment of SENTIMENTS) codes[`Sentiment/${sentiment}`] = { sentiment };
  const mapping = {
    study: {
      id: study.id,
      title: study.title,
      kind: study.kind,
      illustrative: study.illustrative,
      ...(study.note ? { note: study.note } : {}),
      source: {
        id: source?.id ?? study.sourceId,
        title: source?.title ?? study.title,
        publisher: source?.publisher ?? 'unknown',
        ...(source?.year ? { year: source.year } : {}),
        ...(source?.url ? { url: source.url } : {}),
        kind: source?.kind ?? 'PROJECT',
      },
    },
    codes,
    variables: { role: 'Role', trust: 'ODS code', date: 'Interview date', method: 'Method' },
    summary: ['description'],
  };
  return `# Written by the REFI-QDA export of study ${study.id}: imports the exported project back into the same study.\n${stringify(mapping)}`;
}

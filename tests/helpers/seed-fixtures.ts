/**
 * Seed directories for tests: a copy of the bundled seeds/ in a temporary folder, edited line by line, and the
 * bad-input cases of issue 4 with the exact message each must produce. Unit tests check the messages; integration
 * tests check that the database is left unchanged.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Database } from '../../src/db/database.js';

export const BUNDLED_SEEDS = path.resolve(import.meta.dirname, '..', '..', 'seeds');

const copies: string[] = [];

/** A fresh copy of the bundled CSV files; removed by removeSeedCopies(). */
export async function copySeeds(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'epr-graph-seeds-'));
  copies.push(dir);
  await cp(BUNDLED_SEEDS, dir, { recursive: true, filter: (source) => !source.includes(`${path.sep}tools`) });
  return dir;
}

export async function removeSeedCopies(): Promise<void> {
  for (const dir of copies.splice(0)) await rm(dir, { recursive: true, force: true });
}

/** Rewrites one line (1 = the header) of a file; the edit must change it. */
export async function editLine(dir: string, file: string, line: number, edit: (text: string) => string): Promise<void> {
  const filePath = path.join(dir, file);
  const lines = (await readFile(filePath, 'utf8')).split('\n');
  const before = lines[line - 1];
  if (before === undefined) throw new Error(`${file} has no line ${line}`);
  const after = edit(before);
  if (after === before) throw new Error(`the edit left ${file} line ${line} unchanged: ${before}`);
  lines[line - 1] = after;
  await writeFile(filePath, lines.join('\n'));
}

/** Replaces `from` with `to` on one line. */
export function replaceOnLine(dir: string, file: string, line: number, from: string, to: string): Promise<void> {
  return editLine(dir, file, line, (text) => text.replace(from, to));
}

/** Removes the lines for which `drop` is true (never the header). */
export async function dropLines(dir: string, file: string, drop: (text: string) => boolean): Promise<void> {
  const filePath = path.join(dir, file);
  const [header = '', ...rows] = (await readFile(filePath, 'utf8')).split('\n');
  await writeFile(filePath, [header, ...rows.filter((row) => !drop(row))].join('\n'));
}

export async function appendLines(dir: string, file: string, ...lines: string[]): Promise<void> {
  const filePath = path.join(dir, file);
  const text = await readFile(filePath, 'utf8');
  await writeFile(filePath, `${text}${text.endsWith('\n') ? '' : '\n'}${lines.join('\n')}\n`);
}

export interface BadInputCase {
  name: string;
  /** Breaks a copy of the seeds; returns the directory to load (usually `dir`). */
  breakSeeds(dir: string): Promise<string>;
  /** The problems reported, formatted, in order; the missing directory's message names the directory. */
  problems(dir: string): string[];
}

/** Issue 4's bad-input cases, each a small edit of the bundled files. */
export const BAD_INPUT_CASES: BadInputCase[] = [
  {
    name: 'a missing directory',
    breakSeeds: async (dir) => path.join(dir, 'no-such-folder'),
    problems: (dir) => [`No directory ${path.join(dir, 'no-such-folder')}; --dir takes the folder that holds the seed CSV files (see seeds/README.md).`],
  },
  {
    name: 'an empty file',
    breakSeeds: async (dir) => {
      await writeFile(path.join(dir, 'roles.csv'), '');
      return dir;
    },
    problems: () => ['roles.csv: the file is empty; it needs at least the header row: id,name,description,source_id'],
  },
  {
    name: 'a quoted value whose closing quote is missing',
    breakSeeds: async (dir) => {
      await appendLines(dir, 'interviews.csv', 'i99,"2023-01-10,VIDEO_CALL,RGT,true,illustrative-project-data');
      return dir;
    },
    problems: () => [
      'interviews.csv line 26: a quoted value starts on this line and its closing quote is missing, so the rest of the ' +
        'file is swallowed into it; close the quote, and write a quote inside a quoted value as two quotes ("")',
    ],
  },
  {
    name: 'text after a closing quote',
    breakSeeds: async (dir) => {
      await replaceOnLine(dir, 'interviews.csv', 3, 'IN_PERSON', '"IN_PERSON" (confirmed)');
      return dir;
    },
    problems: () => [
      'interviews.csv line 3: a quoted value is followed by more text after its closing quote; write a quote inside a ' +
        'quoted value as two quotes ("") and put a comma after the closing quote',
    ],
  },
  {
    name: 'a malformed number',
    breakSeeds: async (dir) => {
      await replaceOnLine(dir, 'observations.csv', 2, '0.6988', '0.69x88');
      return dir;
    },
    problems: () => ['observations.csv line 2, column value: "0.69x88" is not a number; use digits with an optional decimal point (e.g. 0.6988)'],
  },
  {
    name: 'an unknown column',
    breakSeeds: async (dir) => {
      const file = path.join(dir, 'participants.csv');
      const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
      await writeFile(file, `${lines.map((line, index) => `${line},${index === 0 ? 'email' : ''}`).join('\n')}\n`);
      return dir;
    },
    problems: () => ['participants.csv line 1: unknown column "email"; the columns are code, role_id, trust_ods_code, note, illustrative, source_id'],
  },
  {
    name: 'a missing required value',
    breakSeeds: async (dir) => {
      await editLine(dir, 'insights.csv', 14, (line) => line.replace(/^(i02-05,i02,)"[^"]*"/, '$1'));
      return dir;
    },
    problems: () => ['insights.csv line 14, column summary: the cell is empty; a value is required'],
  },
  {
    name: 'a value outside its enum',
    breakSeeds: async (dir) => {
      await replaceOnLine(dir, 'insights.csv', 14, ',POSITIVE,', ',HAPPY,');
      return dir;
    },
    problems: () => ['insights.csv line 14, column sentiment: "HAPPY" is not allowed; use one of POSITIVE, NEGATIVE, MIXED, NEUTRAL'],
  },
  {
    name: 'a date not in the calendar',
    breakSeeds: async (dir) => {
      await replaceOnLine(dir, 'interviews.csv', 3, '2022-11-15', '2022-11-31');
      return dir;
    },
    problems: () => [
      'interviews.csv line 3, column date: "2022-11-31" is not a date; use YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known (e.g. 2022-11-08, 2022-11, 2022)',
    ],
  },
  {
    name: 'a duplicate id',
    breakSeeds: async (dir) => {
      await appendLines(dir, 'roles.csv', 'cio,Chief Information Officer (again),,public-case-study-2023');
      return dir;
    },
    problems: () => ['roles.csv line 9, column id: "cio" is already the id on line 2; each id must be unique'],
  },
  {
    name: 'a dangling reference',
    breakSeeds: async (dir) => {
      await replaceOnLine(dir, 'insights.csv', 14, 'i02-05,i02,', 'i02-05,i99,');
      return dir;
    },
    problems: () => ['insights.csv line 14, column interview_id: "i99" is not the id of any interview in interviews.csv'],
  },
  {
    name: 'a reference to the wrong kind of record',
    breakSeeds: async (dir) => {
      await replaceOnLine(dir, 'offer_evidence.csv', 5, 'INSIGHT,i02-07', 'INSIGHT,nao-2020');
      return dir;
    },
    problems: () => ['offer_evidence.csv line 5, column evidence_id: "nao-2020" is a source, not an insight (evidence_type INSIGHT)'],
  },
  {
    name: 'a huge value',
    breakSeeds: async (dir) => {
      await replaceOnLine(dir, 'insights.csv', 14, ',,POSITIVE,', `,"${'x'.repeat(10_001)}",POSITIVE,`);
      return dir;
    },
    problems: () => [
      `insights.csv line 14, column quote: the value is 10,001 characters long (it starts "${'x'.repeat(40)}"); ` + 'the limit is 10,000 characters per value',
    ],
  },
  {
    name: 'bytes that are not UTF-8',
    breakSeeds: async (dir) => {
      const file = path.join(dir, 'roles.csv');
      const text = await readFile(file);
      // "Clinical" -> "Cl\xEDnical": an i-acute in Latin-1, as a spreadsheet saving in Windows-1252 would write it.
      const at = text.indexOf('Clinical');
      await writeFile(file, Buffer.concat([text.subarray(0, at + 2), Buffer.from([0xed]), text.subarray(at + 3)]));
      return dir;
    },
    problems: () => ['roles.csv line 3: holds bytes that are not UTF-8 text; save the file as UTF-8 (in Excel: "CSV UTF-8")'],
  },
];

/** Nodes per label and relationships per type, leaving out the schema's own SchemaMigration node. */
export async function graphCounts(db: Database): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }> {
  const nodes = await db.readQuery<{ label: string; count: number }>(
    `MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:EvidenceAggregate
     UNWIND labels(n) AS label
     RETURN label, count(*) AS count ORDER BY label`,
  );
  const relationships = await db.readQuery<{ type: string; count: number }>(`MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type`);
  return {
    nodes: Object.fromEntries(nodes.map((row) => [row.label, row.count])),
    relationships: Object.fromEntries(relationships.map((row) => [row.type, row.count])),
  };
}

/** The bundled dataset in the graph: counted from the CSV files (see seeds/README.md), one node per row. */
export const BUNDLED_COUNTS = {
  nodes: {
    // appraisals.csv (the interview study and the 25 published-source studies) and their 10 answers each
    Appraisal: 26,
    AppraisalAnswer: 260,
    // confidence_judgements.csv and judgements.csv: the 17 findings the offers and decisions rest on, 4 components each
    ConfidenceJudgement: 17,
    Determinant: 20,
    Implementation: 32,
    Insight: 176,
    Interview: 24,
    Judgement: 68,
    Observation: 1826,
    Participant: 33,
    PolicyDecision: 2,
    Product: 8,
    Role: 7,
    Source: 60,
    Study: 26,
    Supplier: 5,
    SupportOffer: 3,
    Trust: 202,
    Workshop: 3,
  },
  relationships: {
    ADDRESSES: 18,
    AT: 24,
    ATTENDED: 22,
    // 35 source links (determinant_sources.csv) + 296 insight links (insight_determinants.csv)
    EVIDENCES: 331,
    FROM: 176,
    HAS_ANSWER: 260,
    HAS_IMPLEMENTATION: 32,
    HOLDS_ROLE: 33,
    // every participant (33), interview (24) and insight (176) in its study
    IN_STUDY: 233,
    // offer_evidence.csv: 47 insights + 6 sources; decision_evidence.csv: 4 offers + 11 insights + 3 sources
    INFORMED_BY: 71,
    // 68 component judgements + 17 confidence judgements
    JUDGES: 85,
    MADE_BY: 8,
    OF_PRODUCT: 32,
    PRODUCED: 6,
    REPORTED: 1826,
    WITH: 31,
    // 33 participants, 2 of them with no trust
    WORKS_AT: 31,
  },
} as const;

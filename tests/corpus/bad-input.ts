/**
 * The bad-input corpus: every input a loader must refuse, each with the exact problems it must report. Every case
 * names the importer that reads it (`IMPORTERS`); the corpus test loads each into an empty graph and into the loaded
 * bundled graph and checks the message and that neither graph changed. An importer of another format (a REFI-QDA
 * project, say) adds itself to IMPORTERS and its cases to CORPUS: it turns its input into the loader's dataset, so
 * it refuses with the same SeedValidationError.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { Database } from '../../src/db/database.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import { appendLines, BAD_INPUT_CASES, copySeeds, editLine, replaceOnLine } from '../helpers/seed-fixtures.js';

export interface Importer {
  /** A fresh, valid input of this importer in a temporary folder, for a case to break. */
  prepare(): Promise<string>;
  /** Loads the input at `target`; must reject with SeedValidationError. */
  load(db: Database, target: string): Promise<unknown>;
}

export const IMPORTERS = {
  'seed CSV': { prepare: copySeeds, load: (db, target) => loadSeedDirectory(db, target) },
} satisfies Record<string, Importer>;

export interface CorpusCase {
  name: string;
  importer: keyof typeof IMPORTERS;
  /** Breaks the prepared input in `dir`; returns what to load (usually `dir`). */
  breakInput(dir: string): Promise<string>;
  /** The problems reported, formatted, in order. */
  problems(dir: string): string[];
}

const x = (count: number) => 'x'.repeat(count);

/** What issue 17's adversarial round found the CSV loader accepting, or explaining badly. */
const CSV_CASES: Array<Omit<CorpusCase, 'importer'>> = [
  {
    name: 'a trust name of 9,000 characters (the database cannot index it)',
    breakInput: async (dir) => {
      await replaceOnLine(dir, 'trusts.csv', 3, 'Manchester University NHS Foundation Trust', x(9_000));
      return dir;
    },
    problems: () => [
      `trusts.csv line 3, column name: the value is 9,000 bytes in UTF-8 (it starts "${x(40)}"); name is indexed, and an ` +
        'indexed value holds at most 4,000 bytes (a letter outside ASCII takes 2 to 4): shorten it',
    ],
  },
  {
    name: 'a trust name of 2,100 two-byte letters (counted in bytes, not characters)',
    breakInput: async (dir) => {
      await replaceOnLine(dir, 'trusts.csv', 3, 'Manchester University NHS Foundation Trust', 'é'.repeat(2_100));
      return dir;
    },
    problems: () => [
      `trusts.csv line 3, column name: the value is 4,200 bytes in UTF-8 (it starts "${'é'.repeat(40)}"); name is indexed, ` +
        'and an indexed value holds at most 4,000 bytes (a letter outside ASCII takes 2 to 4): shorten it',
    ],
  },
  {
    name: 'a source id of 9,000 characters',
    breakInput: async (dir) => {
      await appendLines(dir, 'sources.csv', `${x(9_000)},A title,A publisher,,,REPORT,false,`);
      return dir;
    },
    problems: () => [
      `sources.csv line 62, column id: the value is 9,000 bytes in UTF-8 (it starts "${x(40)}"); id is indexed, and an ` +
        'indexed value holds at most 4,000 bytes (a letter outside ASCII takes 2 to 4): shorten it',
    ],
  },
  {
    name: 'a count below zero',
    breakInput: async (dir) => {
      await replaceOnLine(dir, 'observations.csv', 2, ',30461,', ',-30461,');
      return dir;
    },
    problems: () => ['observations.csv line 2, column numerator: "-30461" is out of range: numerator is a count; use a whole number of 0 or more'],
  },
  {
    name: 'a share above 1',
    breakInput: async (dir) => {
      await replaceOnLine(dir, 'observations.csv', 2, ',0.6988,', ',69.88,');
      return dir;
    },
    problems: () => ['observations.csv line 2, column value: "69.88" is out of range: value is a share; use a number from 0 to 1 (e.g. 0.6988 for 69.88%)'],
  },
  {
    name: 'a share below 0',
    breakInput: async (dir) => {
      await replaceOnLine(dir, 'observations.csv', 2, ',0.6988,', ',-0.1,');
      return dir;
    },
    problems: () => ['observations.csv line 2, column value: "-0.1" is out of range: value is a share; use a number from 0 to 1 (e.g. 0.6988 for 69.88%)'],
  },
  ...(
    [
      ['a NUL character', '\u0000', 'U+0000 (NUL)', '\\u0000'],
      ['a control character (bell)', '\u0007', 'U+0007 (a control character)', '\\u0007'],
      ['a right-to-left override', '\u202E', 'U+202E (RIGHT-TO-LEFT OVERRIDE)', '\\u{202E}'],
      ['a zero-width space', '\u200B', 'U+200B (ZERO WIDTH SPACE)', '\\u{200B}'],
      ['a byte-order mark inside a value', '\uFEFF', 'U+FEFF (ZERO WIDTH NO-BREAK SPACE (byte-order mark))', '\\u{FEFF}'],
    ] as const
  ).map(([what, char, named, shown]) => ({
    name: `${what} in a role name (refused, and printed escaped)`,
    breakInput: async (dir: string) => {
      await replaceOnLine(dir, 'roles.csv', 2, 'Chief Information Officer', `Chief ${char}Information Officer`);
      return dir;
    },
    problems: () => [
      `roles.csv line 2, column name: "Chief ${shown}Information Officer" holds ${named} at character 7; control, bidirectional ` +
        'and zero-width characters are not allowed in values (they hide or reorder text): delete it',
    ],
  })),
  {
    name: 'a refused enum value holding a bidi override is printed escaped',
    breakInput: async (dir) => {
      await replaceOnLine(dir, 'interviews.csv', 3, 'IN_PERSON', 'IN_\u202EPERSON');
      return dir;
    },
    problems: () => [
      'interviews.csv line 3, column method: "IN_\\u{202E}PERSON" holds U+202E (RIGHT-TO-LEFT OVERRIDE) at character 4; control, ' +
        'bidirectional and zero-width characters are not allowed in values (they hide or reorder text): delete it',
    ],
  },
  {
    name: 'an illustrative record citing a published source',
    breakInput: async (dir) => {
      await replaceOnLine(dir, 'interviews.csv', 2, 'true,illustrative-project-data', 'true,bhrut-2025-board-papers');
      return dir;
    },
    problems: () => [
      'interviews.csv line 2, column illustrative: the record is illustrative but its source "bhrut-2025-board-papers" is not; ' +
        'cite an illustrative source (illustrative-project-data), or set illustrative to false',
    ],
  },
  {
    name: 'a record not marked illustrative citing the illustrative data',
    breakInput: async (dir) => {
      await replaceOnLine(dir, 'participants.csv', 2, 'true,illustrative-project-data', 'false,illustrative-project-data');
      return dir;
    },
    problems: () => [
      'participants.csv line 2, column illustrative: the record is not illustrative but its source "illustrative-project-data" ' +
        'is; cite the source of the real data, or set illustrative to true',
    ],
  },
  {
    name: 'an interview participant who works at another trust',
    breakInput: async (dir) => {
      await replaceOnLine(dir, 'interview_participants.csv', 2, 'i01,p01', 'i01,p04');
      return dir;
    },
    problems: () => [
      'interview_participants.csv line 2, column participant_code: participant "p04" works at RJ1, but interview "i01" is ' +
        "about RGT; a participant works at the interview's trust or at none (leave trust_ods_code empty for national bodies " +
        'and suppliers)',
    ],
  },
  {
    name: 'a directory where a file should be',
    breakInput: async (dir) => {
      await rm(path.join(dir, 'workshops.csv'));
      await mkdir(path.join(dir, 'workshops.csv'));
      return dir;
    },
    problems: () => ['workshops.csv: is a directory, not a file; put the CSV file itself here, with at least its header row'],
  },
  {
    name: 'a UTF-16 file with a byte-order mark (as Excel\'s "Unicode Text" saves)',
    breakInput: async (dir) => {
      const file = path.join(dir, 'roles.csv');
      await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(await readFile(file, 'utf8'), 'utf16le')]));
      return dir;
    },
    problems: () => ['roles.csv: the file is UTF-16LE text, not UTF-8; save it as UTF-8 (in Excel: "CSV UTF-8")'],
  },
  {
    name: 'a UTF-16 file without a byte-order mark',
    breakInput: async (dir) => {
      const file = path.join(dir, 'roles.csv');
      await writeFile(file, Buffer.from(await readFile(file, 'utf8'), 'utf16le'));
      return dir;
    },
    problems: () => ['roles.csv: the file is UTF-16LE text, not UTF-8; save it as UTF-8 (in Excel: "CSV UTF-8")'],
  },
  {
    name: 'CR-only line endings (old Mac): a problem reported on its own line',
    breakInput: async (dir) => {
      await editLine(dir, 'interviews.csv', 5, (line) => line.replace('VIDEO_CALL', 'CARRIER_PIGEON'));
      const file = path.join(dir, 'interviews.csv');
      await writeFile(file, (await readFile(file, 'utf8')).replace(/\n/g, '\r'));
      return dir;
    },
    problems: () => ['interviews.csv line 5, column method: "CARRIER_PIGEON" is not allowed; use one of VIDEO_CALL, IN_PERSON, PHONE'],
  },
];

/** The message of a SeedValidationError listing `problems`. */
export function expectedMessage(problems: string[]): string {
  const count = `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`;
  return [`${count} found; nothing was written:`, ...problems.map((problem) => `  ${problem}`)].join('\n');
}

export const CORPUS: CorpusCase[] = [
  ...BAD_INPUT_CASES.map(({ name, breakSeeds, problems }) => ({ name, importer: 'seed CSV' as const, breakInput: breakSeeds, problems })),
  ...CSV_CASES.map((badCase) => ({ ...badCase, importer: 'seed CSV' as const })),
];

/** Validation of seed directories, without a database: every problem found, located and explained at once. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { SeedValidationError, formatProblem } from '../../src/seed/problems.js';
import { readSeedFiles } from '../../src/seed/read.js';
import { parseValue, validateTables } from '../../src/seed/validate.js';
import { BAD_INPUT_CASES, BUNDLED_SEEDS, appendLines, copySeeds, dropLines, removeSeedCopies, replaceOnLine } from '../helpers/seed-fixtures.js';

async function problemsIn(dir: string): Promise<string[]> {
  return validateTables(await readSeedFiles(dir)).problems.map(formatProblem);
}

afterAll(removeSeedCopies);

describe('validating a seed directory', () => {
  it('accepts the bundled dataset', async () => {
    expect(await problemsIn(BUNDLED_SEEDS)).toEqual([]);
  });

  it.each(BAD_INPUT_CASES)('reports $name with its file, line, column, value and what is allowed', async (badCase) => {
    const dir = await copySeeds();
    const target = await badCase.breakSeeds(dir);
    expect(await problemsIn(target)).toEqual(badCase.problems(dir));
  });

  it('reports every problem of every file in one pass, in file order', async () => {
    const dir = await copySeeds();
    await replaceOnLine(dir, 'trusts.csv', 3, 'ACUTE', 'HOSPITAL');
    await replaceOnLine(dir, 'participants.csv', 4, ',true,', ',yes,');
    await replaceOnLine(dir, 'insights.csv', 14, ',POSITIVE,', ',HAPPY,');
    await replaceOnLine(dir, 'insight_determinants.csv', 2, 'D09', 'D99');
    expect(await problemsIn(dir)).toEqual([
      'trusts.csv line 3, column type: "HOSPITAL" is not allowed; use one of ACUTE, ACUTE_SPECIALIST, MENTAL_HEALTH, COMMUNITY, AMBULANCE',
      'participants.csv line 4, column illustrative: "yes" is not allowed; use true or false',
      'insights.csv line 14, column sentiment: "HAPPY" is not allowed; use one of POSITIVE, NEGATIVE, MIXED, NEUTRAL',
      'insight_determinants.csv line 2, column determinant_id: "D99" is not the id of any determinant in determinants.csv',
    ]);
  });

  it('names the kind of record a reference points at when it is the wrong kind', async () => {
    const dir = await copySeeds();
    await replaceOnLine(dir, 'interview_participants.csv', 2, 'p01', 'i03');
    await replaceOnLine(dir, 'decision_evidence.csv', 2, 'OFFER,peer-learning-and-blueprints', 'OFFER,w01');
    expect(await problemsIn(dir)).toEqual([
      'interview_participants.csv line 2, column participant_code: "i03" is an interview, not a participant',
      'decision_evidence.csv line 2, column evidence_id: "w01" is a workshop, not a support offer (evidence_type OFFER)',
    ]);
  });

  it('gives the line a record starts on when quoted values span lines or blank lines come before it', async () => {
    const dir = await copySeeds();
    await appendLines(
      dir,
      'roles.csv',
      '',
      'records-officer,"Records officer","Keeps the',
      'paper and electronic records, across',
      'three sites",no-such-source',
      '',
      'analyst,Analyst,,another-missing-source',
    );
    expect(await problemsIn(dir)).toEqual([
      'roles.csv line 10, column source_id: "no-such-source" is not the id of any source in sources.csv',
      'roles.csv line 14, column source_id: "another-missing-source" is not the id of any source in sources.csv',
    ]);
  });

  it('reads files saved on Windows (a byte order mark, CRLF line breaks, also inside quoted values)', async () => {
    const dir = await copySeeds();
    await appendLines(dir, 'roles.csv', 'records-officer,Records officer,"Keeps the', 'paper records",public-case-study-2023');
    await appendLines(dir, 'roles.csv', 'analyst,Analyst,,no-such-source', 'clerk,"Clerk" (ward),,public-case-study-2023');
    for (const file of ['roles.csv', 'insights.csv']) {
      const text = await readFile(path.join(dir, file), 'utf8');
      await writeFile(path.join(dir, file), `\uFEFF${text.replaceAll('\n', '\r\n')}`);
    }
    expect(await problemsIn(dir)).toEqual([
      'roles.csv line 12: a quoted value is followed by more text after its closing quote; write a quote inside a ' +
        'quoted value as two quotes ("") and put a comma after the closing quote',
    ]);
    await dropLines(dir, 'roles.csv', (line) => line.startsWith('clerk,'));
    expect(await problemsIn(dir)).toEqual(['roles.csv line 11, column source_id: "no-such-source" is not the id of any source in sources.csv']);
  });

  it('reports a row with a value too many, which an unquoted comma causes', async () => {
    const dir = await copySeeds();
    await replaceOnLine(dir, 'roles.csv', 2, 'Chief Information Officer', 'Chief Information Officer, CIO');
    expect(await problemsIn(dir)).toEqual([
      'roles.csv line 2: has 5 values but the header has 4 columns; a value holding a comma must be wrapped in double quotes',
    ]);
  });

  it('reports a repeated combination in a link file, naming the line it repeats', async () => {
    const dir = await copySeeds();
    await appendLines(dir, 'insight_determinants.csv', 'i01-01,D09,CONTRADICTS');
    expect(await problemsIn(dir)).toEqual([
      'insight_determinants.csv line 298: repeats line 2 (insight_id "i01-01", determinant_id "D09"); each combination may appear once',
    ]);
  });

  it('reports a missing column once, not once per row', async () => {
    const dir = await copySeeds();
    await replaceOnLine(dir, 'workshops.csv', 1, ',format,', ',formats,');
    expect(await problemsIn(dir)).toEqual([
      'workshops.csv line 1: unknown column "formats"; the columns are id, title, date, format, illustrative, source_id',
      'workshops.csv line 1: column "format" is missing; the columns are id, title, date, format, illustrative, source_id',
    ]);
  });

  it('lists the first 50 problems and counts the rest', async () => {
    const dir = await copySeeds();
    await appendLines(dir, 'roles.csv', ...Array.from({ length: 60 }, (_, i) => `role-${i},Role ${i},,no-such-source`));
    const validation = validateTables(await readSeedFiles(dir));
    const lines = new SeedValidationError(validation.problems).message.split('\n');
    expect(lines).toHaveLength(1 + 50 + 1);
    expect(lines[0]).toBe('60 problems found; nothing was written:');
    expect(lines[1]).toBe('  roles.csv line 9, column source_id: "no-such-source" is not the id of any source in sources.csv');
    expect(lines.at(-1)).toBe('  ... and 10 more (fix these and run again to see them)');
  });

  it('skips rows of empty cells that spreadsheets leave after the data', async () => {
    const dir = await copySeeds();
    await appendLines(dir, 'roles.csv', ',,,', ' , , , ');
    expect(await problemsIn(dir)).toEqual([]);
  });
});

describe('one cell against its type', () => {
  it.each([
    ['slug', 'i01-02', { value: 'i01-02' }],
    ['slug', 'I01', { error: 'is not an id; use lower-case letters, digits and hyphens (e.g. i01-02)' }],
    ['odsCode', 'G6V2S', { value: 'G6V2S' }],
    ['odsCode', 'rgt', { error: 'is not an ODS code; use 3 to 5 upper-case letters and digits (e.g. RGT)' }],
    ['year', '2015', { value: 2015 }],
    ['year', '15', { error: 'is not a year; use four digits (e.g. 2015)' }],
    ['date', '2024-02-29', { value: '2024-02-29' }],
    ['date', '2023-02-29', { error: 'is not a date; use YYYY-MM-DD (e.g. 2022-11-08)' }],
    ['date', '08/11/2022', { error: 'is not a date; use YYYY-MM-DD (e.g. 2022-11-08)' }],
    ['partialDate', '2024-02-29', { value: '2024-02-29' }],
    ['partialDate', '2024-05', { value: '2024-05' }],
    ['partialDate', '2024', { value: '2024' }],
    [
      'partialDate',
      '2023-02-29',
      { error: 'is not a date; use YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known (e.g. 2022-11-08, 2022-11, 2022)' },
    ],
    [
      'partialDate',
      '2024-5',
      { error: 'is not a date; use YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is not known (e.g. 2022-11-08, 2022-11, 2022)' },
    ],
    ['month', '2024-06', { value: '2024-06' }],
    ['month', '2024-13', { error: 'is not a month; use YYYY-MM (e.g. 2024-06)' }],
    ['number', '0.6988', { value: 0.6988 }],
    ['number', '1e3', { error: 'is not a number; use digits with an optional decimal point (e.g. 0.6988)' }],
    ['integer', '30461', { value: 30461 }],
    ['integer', '12.5', { error: 'is not a whole number; use digits only (e.g. 30461)' }],
    ['boolean', 'TRUE', { value: true }],
    ['boolean', 'false', { value: false }],
    ['boolean', '1', { error: 'is not allowed; use true or false' }],
    ['url', 'https://www.england.nhs.uk/', { value: 'https://www.england.nhs.uk/' }],
    ['url', 'www.england.nhs.uk', { error: 'is not a web address; use one starting with https:// (or http://)' }],
    ['determinantId', 'D07', { value: 'D07' }],
    ['determinantId', 'D7', { error: 'is not a determinant id; use D and two digits (e.g. D07)' }],
  ] as const)('%s "%s" gives %o', (type, text, expected) => {
    expect(parseValue(type, text)).toEqual(expected);
  });
});

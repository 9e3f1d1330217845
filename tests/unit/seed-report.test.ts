/** The summary table and the progress display of the seed commands. */
import { describe, expect, it } from 'vitest';

import { createProgressDisplay } from '../../src/seed/progress.js';
import { formatReport, type SeedReport } from '../../src/seed/report.js';

function report(overrides: Partial<SeedReport> = {}): SeedReport {
  return {
    dryRun: false,
    prune: false,
    records: 2200,
    seconds: 1.1,
    files: [
      { file: 'sources.csv', inFiles: 200, created: 0, updated: 1, unchanged: 199, notInFiles: 0, removed: 0 },
      { file: 'insights.csv', inFiles: 2000, created: 2000, updated: 0, unchanged: 0, notInFiles: 3, removed: 0 },
    ],
    ...overrides,
  };
}

describe('the summary table', () => {
  it('has a row per file and a total, with the speed and what to do about records no longer in the files', () => {
    expect(formatReport(report())).toBe(
      [
        'file          in files  created  updated  unchanged  not in files  removed',
        '------------  --------  -------  -------  ---------  ------------  -------',
        'sources.csv        200        0        1        199             0        0',
        'insights.csv     2,000    2,000        0          0             3        0',
        'total            2,200    2,000        1        199             3        0',
        '',
        'Loaded 2,200 records in 1.1 s (2,000 records/s).',
        '3 records in the database are no longer in the files; --prune removes them.',
      ].join('\n'),
    );
  });

  it('says a dry run wrote nothing, and which records pruning kept', () => {
    const text = formatReport(report({ dryRun: true, prune: true }));
    expect(text.split('\n').slice(-3)).toEqual([
      'Checked 2,200 records in 1.1 s (2,000 records/s).',
      'Dry run: nothing was written. The counts are what a load would do.',
      '3 records no longer in the files were kept: curated links point at them.',
    ]);
  });
});

describe('the progress display', () => {
  function fakeStream(isTTY: boolean) {
    const written: string[] = [];
    return { written, stream: { isTTY, columns: 80, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
  }

  it('prints a line per finished file when the output is not a terminal', () => {
    const { written, stream } = fakeStream(false);
    const display = createProgressDisplay(stream);
    display.onProgress({ file: 'insights.csv', fileDone: 100, fileTotal: 176, done: 100, total: 200 });
    display.onProgress({ file: 'insights.csv', fileDone: 176, fileTotal: 176, done: 176, total: 200 });
    display.finish();
    expect(written).toEqual(['insights.csv: 176 records (176/200 in all)\n']);
  });

  it('redraws one bar in place on a terminal and clears it at the end', () => {
    const { written, stream } = fakeStream(true);
    const display = createProgressDisplay(stream);
    display.onProgress({ file: 'insights.csv', fileDone: 50, fileTotal: 176, done: 100, total: 200 });
    display.finish();
    expect(written).toEqual([`\r[${'#'.repeat(15)}${'-'.repeat(15)}]  50%  100/200 records  insights.csv 50/176\x1b[K`, '\r\x1b[K']);
  });
});

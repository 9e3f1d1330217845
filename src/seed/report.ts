/** What a load did (or, in a dry run, would do) per file, and the summary table the seed commands print. */
import type { FileName } from './format.js';

export interface FileReport {
  file: FileName;
  /** Records the files hold. */
  inFiles: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Records the loader wrote earlier that the files no longer hold. */
  notInFiles: number;
  /** Of those, the ones deleted (only with prune; curated ones are kept). */
  removed: number;
}

export interface SeedReport {
  dryRun: boolean;
  prune: boolean;
  files: FileReport[];
  /** Records written (or checked, in a dry run): the rows of all files. */
  records: number;
  seconds: number;
  /** The study's records the dataset no longer holds, by file (keys; `from -> to` for links). */
  stale?: Array<{ file: FileName; keys: string[] }>;
  /** Set when pruning them would need --yes: why. */
  pruneGuard?: string;
  /** What the load wrote but a person should look at (sources with the same URL). */
  warnings?: string[];
}

type Count = Exclude<keyof FileReport, 'file'>;

const COLUMNS: ReadonlyArray<readonly [Count, string]> = [
  ['inFiles', 'in files'],
  ['created', 'created'],
  ['updated', 'updated'],
  ['unchanged', 'unchanged'],
  ['notInFiles', 'not in files'],
  ['removed', 'removed'],
];

/** Adds up one count over all files. */
export function totalOf(report: SeedReport, count: Count): number {
  return report.files.reduce((sum, file) => sum + file[count], 0);
}

/** The summary table, then a line on speed and a line for anything the user should act on. */
export function formatReport(report: SeedReport): string {
  const number = (n: number) => n.toLocaleString('en-GB');
  const rows = [
    ['file', ...COLUMNS.map(([, title]) => title)],
    ...report.files.map((file) => [file.file, ...COLUMNS.map(([count]) => number(file[count]))]),
    ['total', ...COLUMNS.map(([count]) => number(totalOf(report, count)))],
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const lines = rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));

  const rate = report.seconds > 0 ? Math.round(report.records / report.seconds) : report.records;
  const verb = report.dryRun ? 'Checked' : 'Loaded';
  lines.push('', `${verb} ${number(report.records)} records in ${report.seconds.toFixed(1)} s (${number(rate)} records/s).`);
  if (report.dryRun) lines.push('Dry run: nothing was written. The counts are what a load would do.');

  const stale = totalOf(report, 'notInFiles');
  const removed = totalOf(report, 'removed');
  if ((report.stale?.length ?? 0) > 0) {
    lines.push(`${report.prune && !report.dryRun ? 'Not in the files, removed' : 'Not in the files'}:`);
    for (const entry of report.stale ?? []) {
      lines.push(`  ${entry.file}: ${entry.keys.slice(0, 10).join(', ')}${entry.keys.length > 10 ? `, ... and ${number(entry.keys.length - 10)} more` : ''}`);
    }
  }
  if (stale > 0 && !report.prune) {
    lines.push(`${number(stale)} records in the database are no longer in the files; --prune removes them.`);
  }
  if (report.pruneGuard && report.dryRun) lines.push(`A load with --prune would refuse: ${report.pruneGuard}`);
  for (const warning of report.warnings ?? []) lines.push(`Warning: ${warning}.`);
  if (report.prune && stale > removed) {
    lines.push(`${number(stale - removed)} records no longer in the files were kept: curated links point at them.`);
  }
  return lines.join('\n');
}

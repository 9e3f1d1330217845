/**
 * What is wrong with a seed directory, one problem at a time, located as precisely as the input allows: file, line
 * (the physical line of a CSV file; `record` for generated data, which has no lines) and column.
 */

export interface Problem {
  file?: string;
  line?: number;
  record?: number;
  column?: string;
  /** What arrived and what is allowed, e.g. `"HAPPY" is not allowed; use one of POSITIVE, NEGATIVE`. */
  message: string;
}

/** How many problems a message lists before it says how many more there are. */
export const PROBLEMS_SHOWN = 50;

/** `insights.csv line 14, column sentiment: "HAPPY" is not allowed; use one of ...` */
export function formatProblem(problem: Problem): string {
  let place = problem.file ?? '';
  if (problem.line !== undefined) place += ` line ${problem.line}`;
  if (problem.record !== undefined) place += ` record ${problem.record}`;
  if (problem.column !== undefined) place += `, column ${problem.column}`;
  return place === '' ? problem.message : `${place}: ${problem.message}`;
}

/**
 * Characters that are invisible or reorder what a terminal shows: C0 and C1 controls, bidirectional marks, embeddings,
 * overrides and isolates, zero-width characters and the byte-order mark. Seed values may not hold them
 * (seeds/README.md), and a message never prints them raw.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
export const INVISIBLE_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** A cell value for a message: quoted, escaped (invisible characters as \u{...}), and cut short when long. */
export function showValue(value: string): string {
  const limit = 60;
  const quoted = (text: string) =>
    JSON.stringify(text).replace(INVISIBLE_CHARACTERS, (char) => `\\u{${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`);
  if (value.length <= limit) return quoted(value);
  return `${quoted(`${value.slice(0, limit)}...`)} (${value.length.toLocaleString('en-GB')} characters)`;
}

/** Thrown when the data cannot be loaded; nothing has been written. Its message lists the problems. */
export class SeedValidationError extends Error {
  override name = 'SeedValidationError';

  constructor(readonly problems: readonly Problem[]) {
    super(describeProblems(problems));
  }
}

/** The problems as lines, the first PROBLEMS_SHOWN of them, then how many more and the outcome. */
export function describeProblems(problems: readonly Problem[]): string {
  const count = problems.length;
  const lines = [`${count} ${count === 1 ? 'problem' : 'problems'} found; nothing was written:`];
  for (const problem of problems.slice(0, PROBLEMS_SHOWN)) lines.push(`  ${formatProblem(problem)}`);
  if (count > PROBLEMS_SHOWN) lines.push(`  ... and ${count - PROBLEMS_SHOWN} more (fix these and run again to see them)`);
  return lines.join('\n');
}

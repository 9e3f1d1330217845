/** What an import found in the project and what the mapping made of it: printed before the load's own table. */
import { assertNever } from '../assert-never.js';
import type { ImportPlan } from './build-dataset.js';
import type { CodeRule } from './mapping.js';

export function describeRule(rule: CodeRule | undefined): string {
  if (rule === undefined) return 'not in the mapping';
  switch (rule.kind) {
    case 'determinant':
      return `determinant ${rule.determinantId}${rule.stance ? ` (${rule.stance})` : ''}`;
    case 'create':
      return `creates determinant ${rule.determinant.id} ${JSON.stringify(rule.determinant.name)}${rule.stance ? ` (${rule.stance})` : ''}`;
    case 'stance':
      return `marks ${rule.stance}`;
    case 'sentiment':
      return `sentiment ${rule.sentiment}`;
    case 'ignore':
      return 'ignored';
    default:
      return assertNever(rule, 'code rule');
  }
}

/** The codes with what each became and how many selections use it, then the counts a team should act on. */
export function formatPlan(plan: ImportPlan): string {
  const number = (n: number) => n.toLocaleString('en-GB');
  const count = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`;
  const rows = [['code', 'meaning', 'selections'], ...plan.codes.map((code) => [code.path, describeRule(code.rule), number(code.selections)])];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column === 2 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  const insights = plan.dataset['insights.csv'].length;
  lines.push(
    '',
    `${count(insights, 'coded selection becomes an insight', 'coded selections become insights')}, from ${count(plan.dataset['interviews.csv'].length, 'interview', 'interviews')} with ${count(plan.dataset['participants.csv'].length, 'participant', 'participants')}.`,
  );
  if (plan.selectionsWithoutDeterminant > 0) {
    lines.push(
      `${count(plan.selectionsWithoutDeterminant, 'selection carries', 'selections carry')} no determinant code (only ignored, stance or sentiment codes) and ${plan.selectionsWithoutDeterminant === 1 ? 'is' : 'are'} not imported.`,
    );
  }
  if (plan.pendingSummaries > 0) {
    lines.push(
      `${count(plan.pendingSummaries, 'insight has', 'insights have')} no memo or description to summarise ${plan.pendingSummaries === 1 ? 'it' : 'them'}: stored with summaryPending ` +
        'and a placeholder summary (analysts never see the quote). Write the memos in your tool and import again.',
    );
  }
  const unused = plan.codes.filter((code) => code.rule === undefined && code.selections === 0).length;
  if (unused > 0)
    lines.push(`${count(unused, 'code is', 'codes are')} not in the mapping and code no selection (grouping codes, for example): nothing to import.`);
  if (plan.otherSources > 0)
    lines.push(`${count(plan.otherSources, 'PDF, picture, audio or video source is', 'PDF, picture, audio or video sources are')} not text and not imported.`);
  return lines.join('\n');
}

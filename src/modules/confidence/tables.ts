/**
 * The two tables of a GRADE-CERQual review, built from the same reads as the API (service.ts): the Evidence Profile
 * and the Summary of Qualitative Findings (SoQF), for one offer, one decision or every finding. A table is plain
 * data (a title, column headers, rows of text cells, notes); the writers in table-formats.ts turn it into CSV, XLSX
 * or DOCX. A cell shows a person's judgement when there is one, and otherwise says "not assessed" next to the
 * computed profile (decision support), so no computed level is ever presented as a GRADE-CERQual assessment.
 * No quote appears in either table.
 */
import { assertNever } from '../../assert-never.js';
import type { Context } from '../../context.js';
import type { CerqualComponent, ConcernLevel } from '../../generated/resolvers.js';
import { getAll } from '../shared/batch.js';
import type { CerqualAssessmentModel, ComponentSuggestionModel, ComputedProfileModel, ContributingStudyModel, FindingModel } from './model.js';
import { COMPONENTS, PROFILE_LABEL } from './rules.js';
import type { FindingScope } from './loaders.js';

export type TableKind = 'evidence-profile' | 'soqf';
export const TABLE_KINDS: readonly TableKind[] = ['evidence-profile', 'soqf'];

export interface Table {
  kind: TableKind;
  title: string;
  /** What the table covers, e.g. `Support offer readiness-assurance: EPR readiness assurance`. */
  scope: string;
  columns: string[];
  rows: string[][];
  notes: string[];
}

/** One finding with everything the tables show of it. */
export interface FindingRow {
  finding: FindingModel;
  name: string;
  profile: ComputedProfileModel;
  assessment: CerqualAssessmentModel | null;
}

const LEVEL_WORDS: Record<ConcernLevel, string> = {
  NO_CONCERNS: 'No or very minor concerns',
  MINOR_CONCERNS: 'Minor concerns',
  MODERATE_CONCERNS: 'Moderate concerns',
  SERIOUS_CONCERNS: 'Serious concerns',
};
const CONFIDENCE_WORDS = { HIGH: 'High confidence', MODERATE: 'Moderate confidence', LOW: 'Low confidence', VERY_LOW: 'Very low confidence' };

export class UnknownScopeError extends Error {}

/** The findings of a scope with their profiles and assessments, by id; throws UnknownScopeError for an unknown subject. */
export async function readFindingRows(context: Pick<Context, 'db' | 'loaders'>, scope: FindingScope): Promise<FindingRow[]> {
  const reads = context.loaders.confidence;
  const findings = await reads.findingsOf(scope);
  if (findings === null)
    throw new UnknownScopeError(`There is no ${scope.kind === 'offer' ? 'support offer' : 'policy decision'} "${'id' in scope ? scope.id : ''}".`);
  const determinants = await getAll(
    context.loaders.determinants.determinant,
    findings.map((f) => f.id),
  );
  return Promise.all(
    findings.map(async (finding, i) => {
      const determinant = determinants[i];
      const [profile, assessment] = await Promise.all([reads.profile(finding.id), reads.assessment(finding.id)]);
      return {
        finding,
        name: determinant ? determinant.name : finding.id,
        profile,
        assessment,
      };
    }),
  );
}

function statementOf(row: FindingRow): string {
  const statement = row.finding.statement ?? `(no finding statement written yet for ${row.name})`;
  return `${row.finding.id} ${row.name}: ${statement}${row.finding.illustrative ? ' [illustrative statement]' : ''}`;
}

function studiesOf(studies: readonly ContributingStudyModel[]): string {
  if (studies.length === 0) return 'None';
  return studies
    .map((s) => `${s.title ?? s.studyId} (${s.studyId}; ${s.insights > 0 ? `${s.insights} insights` : 'published source'}, ${Math.round(s.share * 100)}%)`)
    .join('; ');
}

function suggestionOf(profile: ComputedProfileModel, component: CerqualComponent): ComponentSuggestionModel {
  switch (component) {
    case 'METHODOLOGICAL_LIMITATIONS':
      return profile.methodologicalLimitations;
    case 'COHERENCE':
      return profile.coherence;
    case 'ADEQUACY':
      return profile.adequacy;
    case 'RELEVANCE':
      return profile.relevance;
    default:
      return assertNever(component, 'CERQual component');
  }
}

function componentCell(row: FindingRow, component: CerqualComponent): string {
  const suggestion = suggestionOf(row.profile, component);
  const computed = `Computed profile (decision support): ${LEVEL_WORDS[suggestion.suggestedLevel].toLowerCase()}; ${suggestion.summary}.`;
  const judgement = row.assessment?.components.find((c) => c.component === component);
  if (!judgement) return `Not assessed. ${computed}`;
  const who = `judged by ${judgement.judgedBy} on ${judgement.judgedOn}${judgement.illustrative ? ', illustrative' : ''}`;
  const review = judgement.reviewNeeded
    ? ` Review needed: the suggestion changed from ${judgement.suggestedLevelAtJudgement} to ${judgement.suggestedLevel}.`
    : '';
  return `${LEVEL_WORDS[judgement.level]} (${who}).${judgement.explanation ? ` ${judgement.explanation}` : ''}${review} ${computed}`;
}

function confidenceCell(row: FindingRow): string {
  const confidence = row.assessment?.confidence;
  if (!confidence) return 'Not assessed';
  // Review needed when any judgement of the finding, not only this one, was made on evidence that has changed since.
  const review = row.assessment?.reviewNeeded ? ' (review needed)' : '';
  return `${CONFIDENCE_WORDS[confidence.level]}${confidence.illustrative ? ' (illustrative)' : ''}${review}`;
}

function explanationCell(row: FindingRow): string {
  const confidence = row.assessment?.confidence;
  const computed = `Computed profile (decision support) suggests ${CONFIDENCE_WORDS[row.profile.suggestedConfidence].toLowerCase()}: ${row.profile.confidenceRule}.`;
  if (!confidence) return `No GRADE-CERQual assessment recorded. ${computed}`;
  return `${confidence.explanation} (${confidence.judgedBy}, ${confidence.judgedOn}${confidence.illustrative ? ', illustrative' : ''}) ${computed}`;
}

function notesOf(rows: readonly FindingRow[]): string[] {
  const notes = [
    `Component levels and confidence are GRADE-CERQual assessments only where a researcher recorded them (who and when shown); "not assessed" cells show the ${PROFILE_LABEL} instead, a suggestion by documented rules (README, "Confidence in the evidence").`,
  ];
  if (rows.some((r) => r.finding.illustrative || r.assessment?.illustrative)) {
    notes.push(
      'Statements and judgements marked illustrative were written to show the method on the bundled illustrative data; they are not findings about the NHS.',
    );
  }
  if (rows.some((r) => r.assessment?.reviewNeeded)) notes.push('Review needed: the evidence changed since some judgements were made.');
  return notes;
}

/** The Evidence Profile: finding | studies | the four components | confidence | explanation. */
export function evidenceProfileTable(scope: string, rows: readonly FindingRow[]): Table {
  return {
    kind: 'evidence-profile',
    title: 'GRADE-CERQual Evidence Profile',
    scope,
    columns: [
      '#',
      'Summary of review finding',
      'Studies contributing to the review finding',
      'Methodological limitations',
      'Coherence',
      'Adequacy',
      'Relevance',
      'GRADE-CERQual assessment of confidence',
      'Explanation of GRADE-CERQual assessment',
    ],
    rows: rows.map((row, i) => [
      String(i + 1),
      statementOf(row),
      studiesOf(row.profile.contributingStudies),
      ...COMPONENTS.map((component) => componentCell(row, component)),
      confidenceCell(row),
      explanationCell(row),
    ]),
    notes: notesOf(rows),
  };
}

/** The Summary of Qualitative Findings: # | finding | confidence | explanation | studies. */
export function soqfTable(scope: string, rows: readonly FindingRow[]): Table {
  return {
    kind: 'soqf',
    title: 'Summary of Qualitative Findings',
    scope,
    columns: [
      '#',
      'Summarised review finding',
      'GRADE-CERQual assessment of confidence',
      'Explanation of GRADE-CERQual assessment',
      'Studies contributing to the review finding',
    ],
    rows: rows.map((row, i) => [String(i + 1), statementOf(row), confidenceCell(row), explanationCell(row), studiesOf(row.profile.contributingStudies)]),
    notes: notesOf(rows),
  };
}

/** Builds one table of a scope. */
export async function buildTable(context: Pick<Context, 'db' | 'loaders'>, kind: TableKind, scope: FindingScope): Promise<Table> {
  const rows = await readFindingRows(context, scope);
  const described = await describeScope(context, scope);
  switch (kind) {
    case 'evidence-profile':
      return evidenceProfileTable(described, rows);
    case 'soqf':
      return soqfTable(described, rows);
    default:
      return assertNever(kind, 'table kind');
  }
}

async function describeScope({ loaders }: Pick<Context, 'loaders'>, scope: FindingScope): Promise<string> {
  switch (scope.kind) {
    case 'all':
      return 'All review findings';
    case 'offer':
      return `Support offer ${scope.id}: ${(await loaders.outcomes.supportOffer.get(scope.id))?.name ?? ''}`;
    case 'decision':
      return `Policy decision ${scope.id}: ${(await loaders.outcomes.policyDecision.get(scope.id))?.name ?? ''}`;
    default:
      return assertNever(scope, 'finding scope');
  }
}

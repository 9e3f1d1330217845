/**
 * The evidence strength grade, a counting grade (not a GRADE-CERQual assessment; see modules/confidence): every
 * finding starts at HIGH and loses a step for each component of the evidence that gives cause for concern (two for
 * a serious concern), down to VERY_LOW. The thresholds are judgements for a qualitative study of about a dozen trusts, not statistics; they are
 * named here so that an analyst can see, and argue with, each of them.
 */
import type { EvidenceGrade, StrengthComponent } from '../../generated/resolvers.js';
import type { EvidenceCountsModel, EvidenceStrengthModel, StrengthConcernModel } from './model.js';

/** Fewer interviews than this cannot show that a finding recurs beyond one or two conversations. */
export const MIN_INTERVIEWS = 3;
/** Fewer coded insights than this is too little material to judge a finding from (about two per interview). */
export const MIN_INSIGHTS = 5;
/** Evidence from fewer trusts than this may reflect one organisation's circumstances (the study sampled 12). */
export const MIN_TRUSTS = 3;
/** One role alone (say, only CIOs) cannot speak for clinical, nursing and programme perspectives. */
export const MIN_ROLES = 2;
/** One region alone may reflect regional funding and supplier markets. */
export const MIN_REGIONS = 2;
/** Below this share of supporting insights, more than one in four contradicts: a concern about coherence. */
export const COHERENT_SUPPORT_SHARE = 0.75;
/** Below this share, contradiction outweighs support: a serious concern (two steps). */
export const CONTESTED_SUPPORT_SHARE = 0.5;
/** At least this many supporting published sources corroborate the interviews with desk research. */
export const MIN_SUPPORTING_SOURCES = 1;

const GRADES: readonly EvidenceGrade[] = ['HIGH', 'MODERATE', 'LOW', 'VERY_LOW'];
const COMPONENTS: readonly StrengthComponent[] = ['AMOUNT', 'BREADTH', 'COHERENCE', 'CORROBORATION'];

/** supporting / (supporting + contradicting), or null when there is neither. */
export function supportShare(counts: Pick<EvidenceCountsModel, 'supportingInsights' | 'contradictingInsights'>): number | null {
  const total = counts.supportingInsights + counts.contradictingInsights;
  return total === 0 ? null : counts.supportingInsights / total;
}

function below(value: number, threshold: number, unit: string, units: string): string | null {
  return value < threshold ? `${value} ${value === 1 ? unit : units} < ${threshold}` : null;
}

function concern(component: StrengthComponent, downgrade: number, reasons: Array<string | null>): StrengthConcernModel | null {
  const given = reasons.filter((reason): reason is string => reason !== null);
  return given.length === 0 ? null : { component, downgrade, reason: given.join(', ') };
}

function coherenceConcern(share: number | null): StrengthConcernModel | null {
  // No insights means nothing to disagree: the lack of evidence is amount's concern, not coherence's.
  if (share === null || share >= COHERENT_SUPPORT_SHARE) return null;
  const percent = `${Math.round(share * 100)}% supporting`;
  return share < CONTESTED_SUPPORT_SHARE
    ? { component: 'COHERENCE', downgrade: 2, reason: `${percent} < ${CONTESTED_SUPPORT_SHARE * 100}%` }
    : { component: 'COHERENCE', downgrade: 1, reason: `${percent} < ${COHERENT_SUPPORT_SHARE * 100}%` };
}

/** The concerns about each component, in the order of the StrengthComponent enum. */
export function findConcerns(counts: EvidenceCountsModel): StrengthConcernModel[] {
  return [
    concern('AMOUNT', 1, [below(counts.interviews, MIN_INTERVIEWS, 'interview', 'interviews'), below(counts.insights, MIN_INSIGHTS, 'insight', 'insights')]),
    concern('BREADTH', 1, [
      below(counts.trusts, MIN_TRUSTS, 'trust', 'trusts'),
      below(counts.roles, MIN_ROLES, 'role', 'roles'),
      below(counts.regions, MIN_REGIONS, 'region', 'regions'),
    ]),
    coherenceConcern(supportShare(counts)),
    concern('CORROBORATION', 1, [below(counts.supportingSources, MIN_SUPPORTING_SOURCES, 'supporting source', 'supporting sources')]),
  ].filter((c): c is StrengthConcernModel => c !== null);
}

/** The profile of `counts`: the grade, the concerns that lowered it and the rule in words. */
export function gradeEvidence(counts: EvidenceCountsModel): EvidenceStrengthModel {
  const concerns = findConcerns(counts);
  const steps = concerns.reduce((sum, c) => sum + c.downgrade, 0);
  const grade = GRADES[Math.min(steps, GRADES.length - 1)] ?? 'VERY_LOW';
  const terms = concerns.map((c) => ` - ${c.downgrade} (${c.component.toLowerCase()}: ${c.reason})`).join('');
  const floor = steps > GRADES.length - 1 ? ' (floor)' : '';
  return {
    ...counts,
    supportShare: supportShare(counts),
    grade,
    concerns,
    limitedBy: COMPONENTS.filter((component) => concerns.some((c) => c.component === component)),
    rule: `HIGH${terms} = ${grade}${floor}`,
  };
}

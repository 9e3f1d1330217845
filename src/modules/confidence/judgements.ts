/**
 * A finding's GRADE-CERQual assessment from the judgements researchers stored, set against the computed profile
 * now: a judgement whose suggestion at the time differs from today's is flagged "review needed" (new evidence, a
 * new appraisal or a changed link moved the suggestion since). Also the checks of a judgement's input.
 */
import type { CerqualComponent, ConcernLevel, ConfidenceLevel } from '../../generated/resolvers.js';
import { checkText, type UserError } from '../shared/user-errors.js';
import type { CerqualAssessmentModel, ComponentJudgementModel, ComputedProfileModel, StoredJudgementModel } from './model.js';
import { ASSESSMENT_LABEL, COMPONENTS, suggestedLevelOf } from './rules.js';

/** The longest explanation a judgement takes. */
export const MAX_EXPLANATION_LENGTH = 2000;

/** The assessment of one finding, or null when no one has judged it. */
export function assessFinding(stored: readonly StoredJudgementModel[], profile: ComputedProfileModel): CerqualAssessmentModel | null {
  if (stored.length === 0) return null;
  const components: ComponentJudgementModel[] = COMPONENTS.flatMap((component) => {
    const judgement = stored.find((j) => j.component === component);
    if (!judgement) return [];
    const suggestedLevel = suggestedLevelOf(profile, component);
    return [
      {
        component,
        level: judgement.level as ConcernLevel,
        explanation: judgement.explanation,
        suggestedLevelAtJudgement: judgement.suggestedLevel as ConcernLevel,
        suggestedLevel,
        reviewNeeded: judgement.suggestedLevel !== suggestedLevel,
        judgedBy: judgement.judgedBy,
        judgedOn: judgement.judgedOn,
        illustrative: judgement.illustrative,
      },
    ];
  });
  const overall = stored.find((j) => j.component === 'OVERALL');
  const confidence = overall
    ? {
        level: overall.level as ConfidenceLevel,
        explanation: overall.explanation ?? '',
        suggestedLevelAtJudgement: overall.suggestedLevel as ConfidenceLevel,
        suggestedLevel: profile.suggestedConfidence,
        reviewNeeded: overall.suggestedLevel !== profile.suggestedConfidence,
        judgedBy: overall.judgedBy,
        judgedOn: overall.judgedOn,
        illustrative: overall.illustrative,
      }
    : null;
  return {
    label: ASSESSMENT_LABEL,
    components,
    confidence,
    reviewNeeded: components.some((c) => c.reviewNeeded) || (confidence?.reviewNeeded ?? false),
    illustrative: stored.every((j) => j.illustrative),
  };
}

/** The input errors of a component judgement, given the component's suggested level now. */
export function checkComponentJudgement(
  input: { component: CerqualComponent; level: ConcernLevel; explanation?: string | null },
  suggested: ConcernLevel,
): UserError[] {
  const field = ['input', 'explanation'];
  if (input.level !== suggested && (input.explanation ?? '').trim() === '') {
    return [
      {
        field,
        code: 'REQUIRED',
        message:
          `explanation is required: the level ${input.level} differs from the suggested ${suggested} for ` +
          `${input.component}. Say why the review team judges it so.`,
      },
    ];
  }
  return checkText(input.explanation, field, MAX_EXPLANATION_LENGTH, false);
}

/** The input errors of an overall confidence judgement: an explanation is always required. */
export function checkConfidenceJudgement(input: { explanation: string }): UserError[] {
  return checkText(input.explanation, ['input', 'explanation'], MAX_EXPLANATION_LENGTH, true);
}

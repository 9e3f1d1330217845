import { actorOf } from '../../auth/viewer.js';
import type { Resolvers } from '../../generated/resolvers.js';
import type { DeterminantModel } from '../determinants/model.js';
import { getAll, loadRequired } from '../shared/batch.js';
import { checkNoDuplicates, checkText, notFound, type UserError } from '../shared/user-errors.js';
import { findQuestion, INSTRUMENTS } from './instruments.js';
import { checkComponentJudgement, checkConfidenceJudgement } from './judgements.js';
import type { FindingModel } from './model.js';
import * as repository from './repository.js';
import { suggestedLevelOf } from './rules.js';
import type { FindingScope } from './loaders.js';

/** The longest statement of a finding, and the longest comment or note of an appraisal. */
export const MAX_STATEMENT_LENGTH = 1000;
export const MAX_COMMENT_LENGTH = 2000;

function toFinding(determinant: DeterminantModel): FindingModel {
  return { id: determinant.id, statement: determinant.finding ?? null, illustrative: determinant.findingIllustrative ?? false };
}

function toScope(scope: { supportOfferId?: string | null; policyDecisionId?: string | null } | null | undefined): FindingScope {
  if (scope?.supportOfferId) return { kind: 'offer', id: scope.supportOfferId };
  if (scope?.policyDecisionId) return { kind: 'decision', id: scope.policyDecisionId };
  return { kind: 'all' };
}

const rejected = <K extends string>(key: K, userErrors: UserError[]) => ({ [key]: null, userErrors }) as Record<K, null> & { userErrors: UserError[] };

export const confidenceResolvers: Resolvers = {
  Query: {
    findings: async (_parent, { scope }, context) => (await context.loaders.confidence.findingsOf(toScope(scope))) ?? [],
    finding: (_parent, { id }, context) => context.loaders.confidence.finding.get(id),
    appraisalInstruments: () => Object.values(INSTRUMENTS),
    appraisals: (_parent, { studyId }, { db }) => repository.findAppraisals(db, studyId ?? null),
  },
  Study: {
    appraisals: (study, _args, context) => context.loaders.confidence.appraisalsByStudy.get(study.id),
  },
  Determinant: {
    finding: (determinant) => toFinding(determinant),
  },
  SupportOffer: {
    findings: async (offer, _args, context) => (await context.loaders.confidence.findingsOf({ kind: 'offer', id: offer.id })) ?? [],
  },
  PolicyDecision: {
    findings: async (decision, _args, context) => (await context.loaders.confidence.findingsOf({ kind: 'decision', id: decision.id })) ?? [],
  },
  Finding: {
    findingId: (finding) => finding.id,
    determinant: (finding, _args, { loaders }) => loadRequired(loaders.determinants.determinant, finding.id, `determinant ${finding.id}`),
    profile: (finding, _args, context) => context.loaders.confidence.profile(finding.id),
    assessment: (finding, _args, context) => context.loaders.confidence.assessment(finding.id),
  },
  CoherenceSuggestion: {
    contradictingInsights: async (coherence, _args, { loaders }) =>
      (await getAll(loaders.research.insight, coherence.contradictingInsightIds)).flatMap((i) => (i ? [i] : [])),
  },
  Appraisal: {
    appraisalId: (appraisal) => appraisal.id,
    answers: (appraisal) => {
      const byId = new Map(appraisal.answers.map((a) => [a.questionId, a]));
      return INSTRUMENTS[appraisal.instrument].questions.flatMap((question) => {
        const answer = byId.get(question.questionId);
        return answer ? [{ question, answer: answer.answer, comment: answer.comment }] : [];
      });
    },
  },
  Mutation: {
    updateFinding: async (_parent, { input }, context) => {
      const errors = checkText(input.statement, ['input', 'statement'], MAX_STATEMENT_LENGTH, false);
      if (errors.length > 0) return rejected('finding', errors);
      const statement = input.statement?.trim() ? input.statement.trim() : null;
      const finding = await repository.updateFinding(context.db, actorOf(context.viewer), input.findingId, statement);
      return finding ? { finding, userErrors: [] } : rejected('finding', [notFound(['input', 'findingId'], 'finding', input.findingId)]);
    },
    recordAppraisal: async (_parent, { input }, context) => {
      const instrument = input.instrument ?? 'CASP_QUALITATIVE';
      const questionIds = input.answers.map((a) => a.questionId);
      const errors: UserError[] = [
        ...input.answers.flatMap((a, i) =>
          findQuestion(instrument, a.questionId)
            ? checkText(a.comment, ['input', 'answers', String(i), 'comment'], MAX_COMMENT_LENGTH, false)
            : [
                {
                  field: ['input', 'answers', String(i), 'questionId'],
                  code: 'NOT_FOUND' as const,
                  message: `${instrument} has no question ${JSON.stringify(a.questionId)}; its questions are ${INSTRUMENTS[instrument].questions.map((q) => q.questionId).join(', ')}.`,
                },
              ],
        ),
        ...checkNoDuplicates(questionIds, (i) => ['input', 'answers', String(i), 'questionId']),
        ...checkText(input.note, ['input', 'note'], MAX_COMMENT_LENGTH, false),
      ];
      const missing = INSTRUMENTS[instrument].questions.filter((q) => !questionIds.includes(q.questionId));
      if (missing.length > 0) {
        errors.push({
          field: ['input', 'answers'],
          code: 'REQUIRED',
          message: `every question of ${instrument} needs an answer (YES, CANT_TELL or NO); missing: ${missing.map((q) => q.questionId).join(', ')}.`,
        });
      }
      if (errors.length > 0) return rejected('appraisal', errors);
      if (!(await repository.studyExists(context.db, input.studyId))) {
        return rejected('appraisal', [notFound(['input', 'studyId'], 'study', input.studyId)]);
      }
      const appraisal = await repository.recordAppraisal(context.db, actorOf(context.viewer), {
        studyId: input.studyId,
        instrument,
        level: input.level,
        relevance: input.relevance ?? 'UNCLEAR',
        note: input.note?.trim() ? input.note.trim() : null,
        answers: input.answers.map((a) => ({ questionId: a.questionId, answer: a.answer, comment: a.comment?.trim() ? a.comment.trim() : null })),
      });
      return { appraisal, userErrors: [] };
    },
    recordJudgement: async (_parent, { input }, context) => {
      const reads = context.loaders.confidence;
      const finding = await reads.finding.get(input.findingId);
      if (!finding) return rejected('finding', [notFound(['input', 'findingId'], 'finding', input.findingId)]);
      const suggested = suggestedLevelOf(await reads.profile(input.findingId), input.component);
      const errors = checkComponentJudgement(input, suggested);
      if (errors.length > 0) return rejected('finding', errors);
      const explanation = input.explanation?.trim() ? input.explanation.trim() : null;
      await repository.recordJudgement(context.db, actorOf(context.viewer), { ...input, explanation, suggestedLevel: suggested });
      reads.judgements.clear(input.findingId);
      return { finding, userErrors: [] };
    },
    recordConfidence: async (_parent, { input }, context) => {
      const reads = context.loaders.confidence;
      const finding = await reads.finding.get(input.findingId);
      if (!finding) return rejected('finding', [notFound(['input', 'findingId'], 'finding', input.findingId)]);
      const errors = checkConfidenceJudgement(input);
      if (errors.length > 0) return rejected('finding', errors);
      const suggested = (await reads.profile(input.findingId)).suggestedConfidence;
      await repository.recordJudgement(context.db, actorOf(context.viewer), {
        findingId: input.findingId,
        component: 'OVERALL',
        level: input.level,
        explanation: input.explanation.trim(),
        suggestedLevel: suggested,
      });
      reads.judgements.clear(input.findingId);
      return { finding, userErrors: [] };
    },
  },
};

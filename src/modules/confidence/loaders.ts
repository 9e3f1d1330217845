/**
 * The confidence loaders of one request (`context.loaders.confidence`): findings, their counts and judgements, the
 * profile context fetched once, and each finding's computed profile computed once. The GraphQL resolvers and the
 * table exports both read through here, so a table and the API cannot disagree.
 */
import type { Database } from '../../db/database.js';
import { createManyLoader, createOneLoader, getAll, required } from '../shared/batch.js';
import { assessFinding } from './judgements.js';
import type { AppraisalModel, CerqualAssessmentModel, ComputedProfileModel, FindingModel, ProfileContextModel } from './model.js';
import {
  findAppraisalsByStudyIds,
  findFindingCounts,
  findFindingIdsOf,
  findFindings,
  findJudgements,
  findProfileContext,
  type FindingCountsRow,
} from './repository.js';
import { computeProfile } from './rules.js';

/** Whose findings: one offer's, one decision's, or every finding. */
export type FindingScope = { kind: 'offer'; id: string } | { kind: 'decision'; id: string } | { kind: 'all' };

export function createConfidenceLoaders(db: Database) {
  let profileContext: Promise<ProfileContextModel> | undefined;
  const profiles = new Map<string, Promise<ComputedProfileModel>>();
  const counts = createOneLoader<FindingCountsRow>((keys) => findFindingCounts(db, keys));
  const reads = {
    finding: createOneLoader<FindingModel>((keys) => findFindings(db, keys)),
    counts,
    judgements: createManyLoader((keys) => findJudgements(db, keys)),
    appraisalsByStudy: createManyLoader<AppraisalModel>((keys) => findAppraisalsByStudyIds(db, keys)),
    context: () => (profileContext ??= findProfileContext(db)),
    /** The computed profile of a finding (computed once per request). */
    profile(findingId: string): Promise<ComputedProfileModel> {
      let profile = profiles.get(findingId);
      if (!profile) {
        profile = Promise.all([counts.get(findingId), reads.context()]).then(([row, context]) =>
          computeProfile(required(row, `finding ${findingId}`).counts, context),
        );
        profiles.set(findingId, profile);
      }
      return profile;
    },
    /** The assessment researchers recorded for a finding, or null. */
    async assessment(findingId: string): Promise<CerqualAssessmentModel | null> {
      const [stored, profile] = await Promise.all([reads.judgements.get(findingId), reads.profile(findingId)]);
      return assessFinding(stored, profile);
    },
    /**
     * The findings of a scope, by id; null for an unknown offer or decision. Every finding's counts come in the
     * one statement that lists them, so a table of all findings costs three statements (counts, context, judgements).
     */
    async findingsOf(scope: FindingScope): Promise<FindingModel[] | null> {
      if (scope.kind === 'all') {
        const rows = await findFindingCounts(db, null);
        for (const row of rows) {
          counts.prime(row.key, row.node);
          reads.finding.prime(row.key, row.node.finding);
        }
        return rows.map((row) => row.node.finding);
      }
      const ids = await findFindingIdsOf(db, scope.kind, scope.id);
      if (ids === null) return null;
      const found = await getAll(reads.finding, ids);
      return found.flatMap((f) => (f ? [f] : []));
    },
  };
  return reads;
}

export type ConfidenceLoaders = ReturnType<typeof createConfidenceLoaders>;

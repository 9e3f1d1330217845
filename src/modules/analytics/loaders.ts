/**
 * The analytics DataLoaders of a request. They live beside the request's other loaders (created on first use and
 * keyed on that request's `context.loaders`, so they die with it), and batch a list of offers, decisions or
 * determinants into one Cypher query each.
 */
import type { Context } from '../../context.js';
import type { Database } from '../../db/database.js';
import { createOneLoader } from '../shared/batch.js';
import {
  findDeterminantEvidenceCounts,
  findSubjectEvidenceCounts,
  findVoiceCounts,
  type SubjectKind,
  type VoiceCountRow,
} from './repository.js';

function createAnalyticsLoaders(db: Database) {
  const voices = (kind: SubjectKind) =>
    createOneLoader<VoiceCountRow>(async (keys) => (await findVoiceCounts(db, kind, keys)).map((row) => ({ key: row.key, node: row })));
  return {
    offerEvidence: createOneLoader((keys) => findSubjectEvidenceCounts(db, 'offer', keys)),
    decisionEvidence: createOneLoader((keys) => findSubjectEvidenceCounts(db, 'decision', keys)),
    determinantEvidence: createOneLoader((keys) => findDeterminantEvidenceCounts(db, keys)),
    offerVoices: voices('offer'),
    decisionVoices: voices('decision'),
  };
}

type AnalyticsLoaders = ReturnType<typeof createAnalyticsLoaders>;

const perRequest = new WeakMap<Context['loaders'], AnalyticsLoaders>();

export function analyticsLoaders({ db, loaders }: Context): AnalyticsLoaders {
  let analytics = perRequest.get(loaders);
  if (!analytics) {
    analytics = createAnalyticsLoaders(db);
    perRequest.set(loaders, analytics);
  }
  return analytics;
}

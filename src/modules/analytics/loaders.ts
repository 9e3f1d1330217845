/**
 * The analytics loaders of a request: the evidence counts and voices of offers, decisions and determinants, each a
 * list of them batched into one Cypher statement.
 */
import type { Database } from '../../db/database.js';
import { createOneLoader } from '../shared/batch.js';
import { findDeterminantEvidenceCounts, findSubjectEvidenceCounts, findVoiceCounts, type SubjectKind, type VoiceCountRow } from './repository.js';

export function createAnalyticsLoaders(db: Database) {
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

export type AnalyticsLoaders = ReturnType<typeof createAnalyticsLoaders>;

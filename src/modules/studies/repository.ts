/** All Cypher about studies as records. */
import type { Database } from '../../db/database.js';
import type { StudyKind } from '../../generated/resolvers.js';
import type { Relation } from '../shared/repository.js';
import type { StudyModel } from './model.js';

/** The study each research record belongs to. */
export const STUDY_RELATIONS = {
  studyOfInterview: { from: 'Interview', type: 'IN_STUDY', direction: 'out', to: 'Study', orderBy: 'n.id' },
  studyOfParticipant: { from: 'Participant', type: 'IN_STUDY', direction: 'out', to: 'Study', orderBy: 'n.id' },
  studyOfInsight: { from: 'Insight', type: 'IN_STUDY', direction: 'out', to: 'Study', orderBy: 'n.id' },
} as const satisfies Record<string, Relation>;

export async function findStudies(db: Database, kind: StudyKind | null): Promise<StudyModel[]> {
  const rows = await db.readQuery<{ node: StudyModel }>(`MATCH (s:Study) WHERE $kind IS NULL OR s.kind = $kind RETURN properties(s) AS node ORDER BY s.id`, {
    kind,
  });
  return rows.map((row) => row.node);
}

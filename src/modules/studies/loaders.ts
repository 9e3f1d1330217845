/** The study loaders of a request: studies by id, and the study an interview, participant or insight belongs to. */
import type { Database } from '../../db/database.js';
import { recordLoaders } from '../shared/loaders.js';
import type { StudyModel } from './model.js';
import { STUDY_RELATIONS as STUDIES } from './repository.js';

export function createStudyLoaders(db: Database) {
  const { byKey, relatedOne } = recordLoaders(db);
  return {
    study: byKey<StudyModel>('Study'),
    studyByInterview: relatedOne<StudyModel>(STUDIES.studyOfInterview),
    studyByParticipant: relatedOne<StudyModel>(STUDIES.studyOfParticipant),
    studyByInsight: relatedOne<StudyModel>(STUDIES.studyOfInsight),
  };
}

export type StudyLoaders = ReturnType<typeof createStudyLoaders>;

import type { Resolvers } from '../../generated/resolvers.js';
import { loadRequired } from '../shared/batch.js';
import { toGlobalId } from '../shared/global-id.js';
import { findStudies } from './repository.js';

export const studyResolvers: Resolvers = {
  Query: {
    study: (_parent, { studyId }, { loaders }) => loaders.studies.study.get(studyId),
    studies: (_parent, { kind }, { db }) => findStudies(db, kind ?? null),
  },
  Study: {
    id: (study) => toGlobalId('Study', study.id),
    studyId: (study) => study.id,
    source: (study, _args, { loaders }) => loadRequired(loaders.provenance.source, study.sourceId, `the source of study ${study.id}`),
  },
  Interview: {
    study: (interview, _args, { loaders }) => loadRequired(loaders.studies.studyByInterview, interview.id, `the study of interview ${interview.id}`),
  },
  Participant: {
    study: (participant, _args, { loaders }) =>
      loadRequired(loaders.studies.studyByParticipant, participant.code, `the study of participant ${participant.code}`),
  },
  Insight: {
    study: (insight, _args, { loaders }) => loadRequired(loaders.studies.studyByInsight, insight.id, `the study of insight ${insight.id}`),
  },
};

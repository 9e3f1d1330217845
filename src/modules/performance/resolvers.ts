import type { Resolvers } from '../../generated/resolvers.js';
import { andThen, loadRequired } from '../shared/batch.js';
import { toGlobalId } from '../shared/global-id.js';

export const performanceResolvers: Resolvers = {
  Observation: {
    id: (observation) => toGlobalId('Observation', observation.id),
    trust: (observation, _args, { loaders }) =>
      andThen(loadRequired(loaders.performance.trustByObservation, observation.id, `trust of ${observation.id}`), (odsCode) =>
        loadRequired(loaders.trusts.trust, odsCode, `trust ${odsCode}`),
      ),
    source: (observation, _args, { loaders }) => loadRequired(loaders.provenance.source, observation.sourceId, `source ${observation.sourceId}`),
  },
};

import type { Resolvers } from '../../generated/resolvers.js';
import { required } from '../shared/batch.js';
import { toGlobalId } from '../shared/global-id.js';

export const performanceResolvers: Resolvers = {
  Observation: {
    id: (observation) => toGlobalId('Observation', observation.id),
    trust: async (observation, _args, { loaders }) => {
      const odsCode = required(await loaders.trustByObservation.load(observation.id), `trust of ${observation.id}`);
      return required(await loaders.trust.load(odsCode), `trust ${odsCode}`);
    },
    source: async (observation, _args, { loaders }) =>
      required(await loaders.source.load(observation.sourceId), `source ${observation.sourceId}`),
  },
};

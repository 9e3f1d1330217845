import type { Resolvers } from '../../generated/resolvers.js';
import { required } from '../shared/batch.js';
import { toGlobalId } from '../shared/global-id.js';
import { resolveInsightConnection } from '../research/resolvers.js';
import { findDeterminants } from './repository.js';

export const determinantResolvers: Resolvers = {
  Query: {
    determinant: (_parent, { id }, { loaders }) => loaders.determinant.load(id),
    determinants: (_parent, { category }, { db }) => findDeterminants(db, category ?? null),
  },
  Determinant: {
    id: (determinant) => toGlobalId('Determinant', determinant.id),
    determinantId: (determinant) => determinant.id,
    source: async (determinant, _args, { loaders }) =>
      required(await loaders.source.load(determinant.sourceId), `source ${determinant.sourceId}`),
    insights: (determinant, args, context, info) =>
      resolveInsightConnection({ ...args, filter: { ...args.filter, determinantIds: [determinant.id] } }, context, info),
    sources: (determinant, _args, { loaders }) => loaders.sourceLinksByDeterminant.load(determinant.id),
    supportOffers: (determinant, _args, { loaders }) => loaders.offersByDeterminant.load(determinant.id),
  },
  SourceLink: {
    source: async (link, _args, { loaders }) => required(await loaders.source.load(link.sourceId), `source ${link.sourceId}`),
  },
};

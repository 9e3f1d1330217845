import type { Resolvers } from '../../generated/resolvers.js';
import { loadRequired } from '../shared/batch.js';
import { toGlobalId } from '../shared/global-id.js';
import { resolveInsightConnection } from '../research/resolvers.js';
import { findDeterminants } from './repository.js';

export const determinantResolvers: Resolvers = {
  Query: {
    determinant: (_parent, { id }, { loaders }) => loaders.determinant.get(id),
    determinants: (_parent, { category }, { db }) => findDeterminants(db, category ?? null),
  },
  Determinant: {
    id: (determinant) => toGlobalId('Determinant', determinant.id),
    determinantId: (determinant) => determinant.id,
    source: (determinant, _args, { loaders }) =>
      loadRequired(loaders.source, determinant.sourceId, `source ${determinant.sourceId}`),
    insights: (determinant, args, context, info) =>
      resolveInsightConnection({ ...args, filter: { ...args.filter, determinantIds: [determinant.id] } }, context, info),
    sources: (determinant, _args, { loaders }) => loaders.sourceLinksByDeterminant.get(determinant.id),
    supportOffers: (determinant, _args, { loaders }) => loaders.offersByDeterminant.get(determinant.id),
  },
  SourceLink: {
    source: (link, _args, { loaders }) => loadRequired(loaders.source, link.sourceId, `source ${link.sourceId}`),
  },
};

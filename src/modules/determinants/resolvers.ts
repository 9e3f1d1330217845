import type { Resolvers } from '../../generated/resolvers.js';
import { loadRequired } from '../shared/batch.js';
import { toGlobalId } from '../shared/global-id.js';
import { findDeterminants } from './repository.js';

export const determinantResolvers: Resolvers = {
  Query: {
    determinant: (_parent, { id }, { loaders }) => loaders.determinants.determinant.get(id),
    determinants: (_parent, { category }, { db }) => findDeterminants(db, category ?? null),
  },
  Determinant: {
    id: (determinant) => toGlobalId('Determinant', determinant.id),
    determinantId: (determinant) => determinant.id,
    source: (determinant, _args, { loaders }) => loadRequired(loaders.provenance.source, determinant.sourceId, `source ${determinant.sourceId}`),
    sources: (determinant, _args, { loaders }) => loaders.determinants.sourceLinksByDeterminant.get(determinant.id),
    supportOffers: (determinant, _args, { loaders }) => loaders.outcomes.offersByDeterminant.get(determinant.id),
  },
  SourceLink: {
    source: (link, _args, { loaders }) => loadRequired(loaders.provenance.source, link.sourceId, `source ${link.sourceId}`),
  },
};

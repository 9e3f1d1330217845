import type { Resolvers } from '../../generated/resolvers.js';
import { toGlobalId } from '../shared/global-id.js';
import { findSources } from './repository.js';

export const provenanceResolvers: Resolvers = {
  Query: {
    source: (_parent, { id }, { loaders }) => loaders.provenance.source.get(id),
    sources: (_parent, { kind }, { db }) => findSources(db, kind ?? null),
  },
  Source: {
    id: (source) => toGlobalId('Source', source.id),
    sourceId: (source) => source.id,
    determinants: (source, _args, { loaders }) => loaders.determinants.determinantLinksBySource.get(source.id),
    supportOffers: (source, _args, { loaders }) => loaders.outcomes.offersBySource.get(source.id),
    policyDecisions: (source, _args, { loaders }) => loaders.outcomes.decisionsBySource.get(source.id),
  },
};

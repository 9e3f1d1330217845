/** Relay `node(id:)`: any object by its global id. */
import { assertRole, roleOfType } from '../../auth/directive.js';
import type { Context } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { fromGlobalId } from '../shared/global-id.js';

type Loadable = { get(key: string): unknown };

const LOADERS: Record<string, (context: Context) => Loadable> = {
  Trust: ({ loaders }) => loaders.trusts.trust,
  Source: ({ loaders }) => loaders.provenance.source,
  Study: ({ loaders }) => loaders.studies.study,
  Supplier: ({ loaders }) => loaders.suppliers.supplier,
  Product: ({ loaders }) => loaders.suppliers.product,
  Implementation: ({ loaders }) => loaders.suppliers.implementation,
  Role: ({ loaders }) => loaders.research.role,
  Participant: ({ loaders }) => loaders.research.participant,
  Interview: ({ loaders }) => loaders.research.interview,
  Insight: ({ loaders }) => loaders.research.insight,
  Determinant: ({ loaders }) => loaders.determinants.determinant,
  Workshop: ({ loaders }) => loaders.research.workshop,
  SupportOffer: ({ loaders }) => loaders.outcomes.supportOffer,
  PolicyDecision: ({ loaders }) => loaders.outcomes.policyDecision,
  Observation: ({ loaders }) => loaders.performance.observation,
};

export const nodeResolvers: Resolvers = {
  Query: {
    node: async (_parent, { id }, context, info) => {
      const parsed = fromGlobalId(id);
      const loader = parsed && LOADERS[parsed.type];
      if (!parsed || !loader) return null;
      // The type a global id names is the caller's own input; refusing by it, before looking, tells nothing about
      // whether such a record exists (an answer of null or __typename would, to a role below the type's).
      assertRole(context.viewer, roleOfType(info.schema, parsed.type), `node(id:) of a ${parsed.type}`);
      const record = await loader(context).get(parsed.key);
      return record ? ({ ...record, __typename: parsed.type } as never) : null;
    },
  },
  Node: {
    __resolveType: (record) => (record as unknown as { __typename: string }).__typename as never,
  },
};

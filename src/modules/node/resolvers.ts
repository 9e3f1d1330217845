/** Relay `node(id:)`: any object by its global id. */
import { assertRole, roleOfType } from '../../auth/directive.js';
import type { Context } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { fromGlobalId } from '../shared/global-id.js';

type Loadable = { load(key: string): Promise<unknown> };

const LOADERS: Record<string, (context: Context) => Loadable> = {
  Trust: ({ loaders }) => loaders.trust,
  Source: ({ loaders }) => loaders.source,
  Study: ({ loaders }) => loaders.study,
  Supplier: ({ loaders }) => loaders.supplier,
  Product: ({ loaders }) => loaders.product,
  Implementation: ({ loaders }) => loaders.implementation,
  Role: ({ loaders }) => loaders.role,
  Participant: ({ loaders }) => loaders.participant,
  Interview: ({ loaders }) => loaders.interview,
  Insight: ({ loaders }) => loaders.insight,
  Determinant: ({ loaders }) => loaders.determinant,
  Workshop: ({ loaders }) => loaders.workshop,
  SupportOffer: ({ loaders }) => loaders.supportOffer,
  PolicyDecision: ({ loaders }) => loaders.policyDecision,
  Observation: ({ loaders }) => loaders.observation,
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
      const record = await loader(context).load(parsed.key);
      return record ? ({ ...record, __typename: parsed.type } as never) : null;
    },
  },
  Node: {
    __resolveType: (record) => (record as unknown as { __typename: string }).__typename as never,
  },
};

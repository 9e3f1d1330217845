import { getArgumentValues, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';

import { hasRole } from '../../auth/viewer.js';
import type { Context } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { primeImplementationsOfTrust, type Loaders } from '../../loaders.js';
import { performanceKey } from '../performance/repository.js';
import { andThen, loadRequired } from '../shared/batch.js';
import { toGlobalId } from '../shared/global-id.js';
import { selectedFields, selects } from '../shared/selection.js';
import { connectionResolvers, readPage, selectsTotalCount, toConnection } from '../shared/pagination.js';
import { countTrusts, findTrustPage, trustSortValues } from './repository.js';

export const trustResolvers: Resolvers = {
  Query: {
    trust: (_parent, { odsCode }, context, info) => {
      prefetchTrustParts(odsCode, context, info);
      return context.loaders.trust.load(odsCode);
    },
    trusts: async (_parent, args, { db, config, loaders }, info) => {
      const sort = { field: args.sort?.field ?? 'NAME', direction: args.sort?.direction ?? 'ASC' } as const;
      const name = `trusts:${sort.field}:${sort.direction}`;
      const page = readPage(args, name, config.maxPageSize);
      const filter = args.filter ?? {};
      const { rows, total } = await findTrustPage(db, filter, sort, page, selectsTotalCount(info));
      // The page brought each trust's implementations along: seed the loaders so resolving them runs no query.
      for (const { trust, implementations } of rows) primeImplementationsOfTrust(loaders, trust.odsCode, implementations);
      const trusts = rows.map((row) => row.trust);
      return toConnection(trusts, page, name, (trust) => trustSortValues(trust, sort.field), async () => total ?? countTrusts(db, filter));
    },
  },
  TrustConnection: connectionResolvers,
  Trust: {
    id: (trust) => toGlobalId('Trust', trust.odsCode),
    source: (trust, _args, { loaders }) => loadRequired(loaders.source, trust.sourceId, `source ${trust.sourceId}`),
    typeSource: (trust, _args, { loaders }) =>
      loadRequired(loaders.source, trust.typeSourceId, `source ${trust.typeSourceId}`),
    implementations: (trust, _args, { loaders }) => loaders.implementationsByTrust.get(trust.odsCode),
    currentImplementation: (trust, _args, { loaders }) =>
      andThen(loaders.implementationsByTrust.get(trust.odsCode), (implementations) =>
        implementations.filter((implementation) => implementation.status === 'LIVE').at(-1) ?? null,
      ),
    interviews: (trust, _args, { loaders }, info) => interviewsLoader(loaders, info.fieldNodes, info).get(trust.odsCode),
    performance: (trust, args, { loaders }) => loaders.observations.load(performanceKey(trust.odsCode, args)),
  },
};

/**
 * Starts, in the tick the trust is looked up, the fetches its selected fields will make: its implementations, its
 * interviews (in detail when their participants or insights are shown) and its performance. Their resolvers then
 * find them under way in the loaders, and a trust's story is one wave of statements instead of two. Errors are
 * left to those resolvers to report.
 */
function prefetchTrustParts(odsCode: string, { loaders, viewer }: Context, info: GraphQLResolveInfo): void {
  const quietly = (promise: Promise<unknown>) => void promise.catch(() => {});
  if (selects(info, 'implementations') || selects(info, 'currentImplementation')) quietly(loaders.implementationsByTrust.load(odsCode));
  const interviews = selectedFields(info, info.fieldNodes, 'interviews');
  // Interviews are for analysts: for anyone else their resolver refuses, so there is nothing to fetch early.
  if (interviews.length > 0 && viewer && hasRole(viewer.role, 'analyst')) quietly(interviewsLoader(loaders, interviews, info).load(odsCode));
  const performance = (info.schema.getType('Trust') as GraphQLObjectType).getFields().performance!;
  for (const field of selectedFields(info, info.fieldNodes, 'performance')) {
    try {
      const args = getArgumentValues(performance, field, info.variableValues) as Parameters<typeof performanceKey>[1];
      quietly(loaders.observations.load(performanceKey(odsCode, args)));
    } catch {
      // Bad arguments: the field's own resolver reads them again and answers with what is wrong.
    }
  }
}

/**
 * Where a trust's interviews (the `interviews` fields below) come from: with their participants and insights, in one
 * statement, when those are shown; on their own otherwise.
 */
function interviewsLoader(loaders: Loaders, interviews: readonly FieldNode[], info: GraphQLResolveInfo) {
  const detailed = ['participants', 'insights'].some((name) => selectedFields(info, interviews, name).length > 0);
  return detailed ? loaders.interviewDetailsByTrust : loaders.interviewsByTrust;
}

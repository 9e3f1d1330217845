import type { Resolvers } from '../../generated/resolvers.js';
import { primeImplementationsOfTrust } from '../../loaders.js';
import { required } from '../shared/batch.js';
import { toGlobalId } from '../shared/global-id.js';
import { selects } from '../shared/selection.js';
import { connectionResolvers, readPage, selectsTotalCount, toConnection } from '../shared/pagination.js';
import { countTrusts, findTrustPage, trustSortValues } from './repository.js';

export const trustResolvers: Resolvers = {
  Query: {
    trust: (_parent, { odsCode }, { loaders }) => loaders.trust.load(odsCode),
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
    source: async (trust, _args, { loaders }) => required(await loaders.source.load(trust.sourceId), `source ${trust.sourceId}`),
    typeSource: async (trust, _args, { loaders }) =>
      required(await loaders.source.load(trust.typeSourceId), `source ${trust.typeSourceId}`),
    implementations: (trust, _args, { loaders }) => loaders.implementationsByTrust.load(trust.odsCode),
    currentImplementation: async (trust, _args, { loaders }) => {
      const implementations = await loaders.implementationsByTrust.load(trust.odsCode);
      return implementations.filter((implementation) => implementation.status === 'LIVE').at(-1) ?? null;
    },
    // Showing the interviews' participants or insights? Then fetch them with the interviews, in one statement.
    interviews: (trust, _args, { loaders }, info) =>
      selects(info, 'participants') || selects(info, 'insights')
        ? loaders.interviewDetailsByTrust.load(trust.odsCode)
        : loaders.interviewsByTrust.load(trust.odsCode),
    performance: (trust, { metric, from, to }, { loaders }) =>
      loaders.observations.load({ odsCode: trust.odsCode, metric, from: from ?? null, to: to ?? null }),
  },
};

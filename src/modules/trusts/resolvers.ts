import type { Context } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { andThen, loadRequired, startEarly } from '../shared/batch.js';
import { toGlobalId } from '../shared/global-id.js';
import { connectionResolvers, plannedTotal, readPage, toConnection, wantsTotal } from '../shared/pagination.js';
import type { FieldPlan } from '../shared/planner.js';
import type { TrustModel } from './model.js';
import { countTrusts, findTrustPage, trustSortValues } from './repository.js';

export const trustResolvers: Resolvers = {
  Query: {
    trust: (_parent, { odsCode }, context, info) => {
      prefetchTrustParts(odsCode, context, context.planner.plan(info));
      return context.loaders.trusts.trust.get(odsCode);
    },
    trusts: async (_parent, args, { db, config, loaders, planner }, info) => {
      const sort = { field: args.sort?.field ?? 'NAME', direction: args.sort?.direction ?? 'ASC' } as const;
      const name = `trusts:${sort.field}:${sort.direction}`;
      const page = readPage(args, name, config.maxPageSize);
      const filter = args.filter ?? {};
      const plan = planner.plan(info);
      const { rows, total } = await findTrustPage(db, filter, sort, page, wantsTotal(plan));
      // The page brought each trust's implementations along: seed the loaders so resolving them runs no query.
      for (const { trust, implementations } of rows) loaders.suppliers.primeImplementationsOfTrust(trust.odsCode, implementations);
      const trusts = rows.map((row) => row.trust);
      const totalCount = plannedTotal(plan, () => countTrusts(db, filter), total);
      return toConnection(trusts, page, name, (trust) => trustSortValues(trust, sort.field), totalCount);
    },
  },
  TrustConnection: connectionResolvers,
  Trust: {
    id: (trust) => toGlobalId('Trust', trust.odsCode),
    source: (trust, _args, { loaders }) => loadRequired(loaders.provenance.source, trust.sourceId, `source ${trust.sourceId}`),
    typeSource: (trust, _args, { loaders }) => loadRequired(loaders.provenance.source, trust.typeSourceId, `source ${trust.typeSourceId}`),
    implementations: (trust, _args, { loaders }) => loaders.suppliers.implementationsByTrust.get(trust.odsCode),
    currentImplementation: (trust, _args, { loaders }) =>
      andThen(
        loaders.suppliers.implementationsByTrust.get(trust.odsCode),
        (implementations) => implementations.filter((implementation) => implementation.status === 'LIVE').at(-1) ?? null,
      ),
    interviews: (trust, _args, context, info) => interviewsOf(trust, context, context.planner.plan(info)),
    performance: (trust, args, { loaders }) => loaders.performance.observations.get({ odsCode: trust.odsCode, ...args }),
  },
};

/**
 * Starts, in the tick the trust is looked up, the reads its selected fields will make: its implementations, its
 * interviews (in detail when their participants or insights are shown) and its performance. Their resolvers then
 * find them under way in the loaders, and a trust's story is one wave of statements instead of two. The planner
 * leaves out what the viewer may not see and performance arguments that are wrong (their resolver says what is).
 */
function prefetchTrustParts(odsCode: string, context: Context, trust: FieldPlan): void {
  const { suppliers, performance } = context.loaders;
  if (trust.selects('implementations') || trust.selects('currentImplementation')) startEarly(suppliers.implementationsByTrust.get(odsCode));
  for (const interviews of trust.fields('interviews')) startEarly(interviewsOf({ odsCode }, context, interviews));
  for (const field of trust.fields('performance')) {
    const args = field.peek('arguments', (args) => args as Omit<Parameters<typeof performance.observations.get>[0], 'odsCode'>);
    if (args) startEarly(performance.observations.get({ ...args, odsCode }));
  }
}

/**
 * A trust's interviews (the `interviews` field `plan` resolves): with their participants and insights, in one
 * statement, when those are shown; on their own otherwise.
 */
function interviewsOf({ odsCode }: Pick<TrustModel, 'odsCode'>, { loaders }: Context, interviews: FieldPlan) {
  const detailed = interviews.selects('participants') || interviews.selects('insights');
  return (detailed ? loaders.research.interviewDetailsByTrust : loaders.research.interviewsByTrust).get(odsCode);
}

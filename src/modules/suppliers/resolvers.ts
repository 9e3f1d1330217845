import type { Resolvers } from '../../generated/resolvers.js';
import { badUserInput } from '../../errors.js';
import { andThen, loadRequired } from '../shared/batch.js';
import { findAll } from '../shared/repository.js';
import { toGlobalId } from '../shared/global-id.js';
import { connectionResolvers, plannedTotal, readPage, toConnection } from '../shared/pagination.js';
import type { SupplierModel } from './model.js';
import { countImplementations, findImplementationPage, implementationSortValues } from './repository.js';

export const supplierResolvers: Resolvers = {
  Query: {
    supplier: (_parent, { id }, { loaders }) => loaders.suppliers.supplier.get(id),
    suppliers: (_parent, _args, { db }) => findAll<SupplierModel>(db, 'Supplier', 'name'),
    product: (_parent, { id }, { loaders }) => loaders.suppliers.product.get(id),
    implementation: (_parent, { id }, { loaders }) => loaders.suppliers.implementation.get(id),
    implementations: async (_parent, args, { db, config, planner }, info) => {
      const sort = { field: args.sort?.field ?? 'YEAR', direction: args.sort?.direction ?? 'DESC' } as const;
      const name = `implementations:${sort.field}:${sort.direction}`;
      const page = readPage(args, name, config.maxPageSize);
      const filter = args.filter ?? {};
      const totalCount = plannedTotal(planner.plan(info), () => countImplementations(db, filter));
      const rows = await findImplementationPage(db, filter, sort, page);
      return toConnection(rows, page, name, (row) => implementationSortValues(row, sort.field), totalCount);
    },
  },
  ImplementationConnection: connectionResolvers,
  Supplier: {
    id: (supplier) => toGlobalId('Supplier', supplier.id),
    supplierId: (supplier) => supplier.id,
    source: (supplier, _args, { loaders }) => loadRequired(loaders.provenance.source, supplier.sourceId, `source ${supplier.sourceId}`),
    products: (supplier, _args, { loaders }) => loaders.suppliers.productsBySupplier.get(supplier.id),
    implementations: (supplier, _args, { loaders }) => loaders.suppliers.implementationsBySupplier.get(supplier.id),
    trusts: (supplier, _args, { loaders }) => loaders.trusts.trustsBySupplier.get(supplier.id),
  },
  Product: {
    id: (product) => toGlobalId('Product', product.id),
    productId: (product) => product.id,
    supplier: (product, _args, { loaders }) => loadRequired(loaders.suppliers.supplierByProduct, product.id, `supplier of ${product.id}`),
    source: (product, _args, { loaders }) => loadRequired(loaders.provenance.source, product.sourceId, `source ${product.sourceId}`),
    implementations: (product, _args, { loaders }) => loaders.suppliers.implementationsByProduct.get(product.id),
  },
  Implementation: {
    id: (implementation) => toGlobalId('Implementation', implementation.id),
    implementationId: (implementation) => implementation.id,
    trust: (implementation, _args, { loaders }) =>
      andThen(loadRequired(loaders.suppliers.trustByImplementation, implementation.id, `trust of ${implementation.id}`), (odsCode) =>
        loadRequired(loaders.trusts.trust, odsCode, `trust ${odsCode}`),
      ),
    product: (implementation, _args, { loaders }) =>
      loadRequired(loaders.suppliers.productByImplementation, implementation.id, `product of ${implementation.id}`),
    supplier: (implementation, _args, { loaders }) =>
      andThen(loadRequired(loaders.suppliers.productByImplementation, implementation.id, `product of ${implementation.id}`), ({ id }) =>
        loadRequired(loaders.suppliers.supplierByProduct, id, `supplier of ${id}`),
      ),
    source: (implementation, _args, { loaders }) => loadRequired(loaders.provenance.source, implementation.sourceId, `source ${implementation.sourceId}`),
    performanceAroundGoLive: (implementation, { metric, months }, { loaders }) => {
      if (months < 1 || months > 36) throw badUserInput(`months must be between 1 and 36 (got ${months}).`, 'months');
      if (!implementation.goLiveDate) return null;
      return loaders.performance.goLivePerformance.get({ implementationId: implementation.id, metric, months });
    },
  },
};

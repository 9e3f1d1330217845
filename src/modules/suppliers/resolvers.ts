import type { Resolvers } from '../../generated/resolvers.js';
import { badUserInput } from '../../errors.js';
import { required } from '../shared/batch.js';
import { findAll } from '../shared/repository.js';
import { toGlobalId } from '../shared/global-id.js';
import { connectionResolvers, countWhenSelected, readPage, toConnection } from '../shared/pagination.js';
import type { SupplierModel } from './model.js';
import { countImplementations, findImplementationPage, implementationSortValues } from './repository.js';

export const supplierResolvers: Resolvers = {
  Query: {
    supplier: (_parent, { id }, { loaders }) => loaders.supplier.load(id),
    suppliers: (_parent, _args, { db }) => findAll<SupplierModel>(db, 'Supplier', 'name'),
    product: (_parent, { id }, { loaders }) => loaders.product.load(id),
    implementation: (_parent, { id }, { loaders }) => loaders.implementation.load(id),
    implementations: async (_parent, args, { db, config }, info) => {
      const sort = { field: args.sort?.field ?? 'YEAR', direction: args.sort?.direction ?? 'DESC' } as const;
      const name = `implementations:${sort.field}:${sort.direction}`;
      const page = readPage(args, name, config.maxPageSize);
      const filter = args.filter ?? {};
      const totalCount = countWhenSelected(info, () => countImplementations(db, filter));
      const rows = await findImplementationPage(db, filter, sort, page);
      return toConnection(rows, page, name, (row) => implementationSortValues(row, sort.field), totalCount);
    },
  },
  ImplementationConnection: connectionResolvers,
  Supplier: {
    id: (supplier) => toGlobalId('Supplier', supplier.id),
    supplierId: (supplier) => supplier.id,
    source: async (supplier, _args, { loaders }) => required(await loaders.source.load(supplier.sourceId), `source ${supplier.sourceId}`),
    products: (supplier, _args, { loaders }) => loaders.productsBySupplier.load(supplier.id),
    implementations: (supplier, _args, { loaders }) => loaders.implementationsBySupplier.load(supplier.id),
    trusts: (supplier, _args, { loaders }) => loaders.trustsBySupplier.load(supplier.id),
  },
  Product: {
    id: (product) => toGlobalId('Product', product.id),
    productId: (product) => product.id,
    supplier: async (product, _args, { loaders }) => required(await loaders.supplierByProduct.load(product.id), `supplier of ${product.id}`),
    source: async (product, _args, { loaders }) => required(await loaders.source.load(product.sourceId), `source ${product.sourceId}`),
    implementations: (product, _args, { loaders }) => loaders.implementationsByProduct.load(product.id),
  },
  Implementation: {
    id: (implementation) => toGlobalId('Implementation', implementation.id),
    implementationId: (implementation) => implementation.id,
    trust: async (implementation, _args, { loaders }) => {
      const odsCode = required(await loaders.trustByImplementation.load(implementation.id), `trust of ${implementation.id}`);
      return required(await loaders.trust.load(odsCode), `trust ${odsCode}`);
    },
    product: async (implementation, _args, { loaders }) =>
      required(await loaders.productByImplementation.load(implementation.id), `product of ${implementation.id}`),
    supplier: async (implementation, _args, { loaders }) => {
      const product = required(await loaders.productByImplementation.load(implementation.id), `product of ${implementation.id}`);
      return required(await loaders.supplierByProduct.load(product.id), `supplier of ${product.id}`);
    },
    source: async (implementation, _args, { loaders }) =>
      required(await loaders.source.load(implementation.sourceId), `source ${implementation.sourceId}`),
    performanceAroundGoLive: (implementation, { metric, months }, { loaders }) => {
      if (months < 1 || months > 36) throw badUserInput(`months must be between 1 and 36 (got ${months}).`, 'months');
      if (!implementation.goLiveDate) return null;
      return loaders.goLivePerformance.load({ implementationId: implementation.id, metric, months });
    },
  },
};

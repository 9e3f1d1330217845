/**
 * The supplier loaders of a request: suppliers, products and implementations, and the lists between them and trusts.
 * A trust's implementations come with their products and suppliers, which seed the loaders of those.
 */
import type { Database } from '../../db/database.js';
import { createManyLoader, createOneLoader } from '../shared/batch.js';
import { recordLoaders } from '../shared/loaders.js';
import type { ImplementationModel, ImplementationWithProduct, ProductModel, SupplierModel } from './model.js';
import {
  findImplementationsBySupplierIds,
  findImplementationsOfTrusts,
  findTrustOdsCodesByImplementationIds,
  SUPPLIER_RELATIONS as SUPPLIERS,
} from './repository.js';

export function createSupplierLoaders(db: Database) {
  const { byKey, related, relatedOne } = recordLoaders(db);
  const loaders = {
    supplier: byKey<SupplierModel>('Supplier'),
    product: byKey<ProductModel>('Product'),
    implementation: byKey<ImplementationModel>('Implementation'),
    productsBySupplier: related<ProductModel>(SUPPLIERS.productsOfSupplier),
    implementationsBySupplier: createManyLoader((keys) => findImplementationsBySupplierIds(db, keys)),
    supplierByProduct: relatedOne<SupplierModel>(SUPPLIERS.supplierOfProduct),
    implementationsByProduct: related<ImplementationModel>(SUPPLIERS.implementationsOfProduct),
    productByImplementation: relatedOne<ProductModel>(SUPPLIERS.productOfImplementation),
    trustByImplementation: createOneLoader((keys) => findTrustOdsCodesByImplementationIds(db, keys)),
    /** A trust's implementations, oldest first; their products and suppliers come along. */
    implementationsByTrust: createManyLoader<ImplementationModel>(async (keys) => {
      const rows = await findImplementationsOfTrusts(db, keys);
      for (const { node } of rows) primeImplementation(node);
      return rows.map(({ key, node }) => ({ key, node: node.implementation }));
    }),
    /** Seeds the loaders with a trust's implementations, their products and suppliers (fetched by a page of trusts). */
    primeImplementationsOfTrust(odsCode: string, rows: ImplementationWithProduct[]): void {
      loaders.implementationsByTrust.prime(
        odsCode,
        rows.map((row) => row.implementation),
      );
      for (const row of rows) primeImplementation(row);
    },
  };

  function primeImplementation({ implementation, product, supplier }: ImplementationWithProduct): void {
    loaders.implementation.prime(implementation.id, implementation);
    loaders.productByImplementation.prime(implementation.id, product);
    if (!product) return;
    loaders.product.prime(product.id, product);
    loaders.supplierByProduct.prime(product.id, supplier);
    if (supplier) loaders.supplier.prime(supplier.id, supplier);
  }

  return loaders;
}

export type SupplierLoaders = ReturnType<typeof createSupplierLoaders>;

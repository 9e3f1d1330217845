/** The trust loaders of a request: trusts by ODS code, and the trusts a supplier's implementations are at. */
import type { Database } from '../../db/database.js';
import { createManyLoader, createOneLoader } from '../shared/batch.js';
import { findTrustsByOdsCodes, findTrustsBySupplierIds } from './repository.js';

export function createTrustLoaders(db: Database) {
  return {
    trust: createOneLoader((keys) => findTrustsByOdsCodes(db, keys)),
    trustsBySupplier: createManyLoader((keys) => findTrustsBySupplierIds(db, keys)),
  };
}

export type TrustLoaders = ReturnType<typeof createTrustLoaders>;

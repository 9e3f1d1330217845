/** The determinant loaders of a request: determinants by id, and the links between determinants and sources. */
import type { Database } from '../../db/database.js';
import { createManyLoader } from '../shared/batch.js';
import { recordLoaders } from '../shared/loaders.js';
import type { DeterminantModel } from './model.js';
import { findDeterminantLinksBySourceIds, findSourceLinksByDeterminantIds } from './repository.js';

export function createDeterminantLoaders(db: Database) {
  const { byKey } = recordLoaders(db);
  return {
    determinant: byKey<DeterminantModel>('Determinant'),
    sourceLinksByDeterminant: createManyLoader((keys) => findSourceLinksByDeterminantIds(db, keys)),
    determinantLinksBySource: createManyLoader((keys) => findDeterminantLinksBySourceIds(db, keys)),
  };
}

export type DeterminantLoaders = ReturnType<typeof createDeterminantLoaders>;

/** The provenance loaders of a request: sources by id. */
import type { Database } from '../../db/database.js';
import { recordLoaders } from '../shared/loaders.js';
import type { SourceModel } from './model.js';

export function createProvenanceLoaders(db: Database) {
  const { byKey } = recordLoaders(db);
  return {
    source: byKey<SourceModel>('Source'),
  };
}

export type ProvenanceLoaders = ReturnType<typeof createProvenanceLoaders>;

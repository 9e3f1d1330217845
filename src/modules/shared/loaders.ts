/** The loader shapes over the shared Cypher of src/modules/shared/repository.ts that most modules' loaders are made of. */
import type { Database } from '../../db/database.js';
import { createManyLoader, createOneLoader } from './batch.js';
import { findByKeys, findRelated, type Relation } from './repository.js';

/** A label whose records have a natural key (the label table of the shared repository). */
type Label = Parameters<typeof findByKeys>[1];

export function recordLoaders(db: Database) {
  return {
    /** Records of one label by natural key: one statement per batch. */
    byKey: <T>(label: Label) => createOneLoader((keys) => findByKeys<T>(db, label, keys)),
    /** The records along a relationship, a list per key: one statement per batch. */
    related: <T>(relation: Relation) => createManyLoader((keys) => findRelated<T>(db, relation, keys)),
    /** The one record along a relationship (or null) per key: one statement per batch. */
    relatedOne: <T>(relation: Relation) => createOneLoader((keys) => findRelated<T>(db, relation, keys)),
  };
}

/** Cypher shared by every module: records by natural key, and the property maps models are made from. */
import type { Database } from '../../db/database.js';
import { NATURAL_KEYS, type NodeLabel } from '../../db/labels.js';
import type { Keyed } from './batch.js';

/** Only the labels of API records: the shared lookups serve resolvers and loaders. */
export type RecordLabel = NodeLabel;

/** Records of one label by natural key: their stored properties, as plain values. */
export async function findByKeys<T>(db: Database, label: RecordLabel, keys: readonly string[]): Promise<Array<Keyed<T>>> {
  // The label and property come from the constant table of db/labels.ts, never from a request.
  return db.readQuery(`UNWIND $keys AS key MATCH (n:${label} {${NATURAL_KEYS[label]}: key}) RETURN key, properties(n) AS node`, { keys });
}

/** Every record of a label, ordered by a property of the caller's constant choosing. */
export async function findAll<T>(db: Database, label: RecordLabel, orderBy: 'id' | 'name' | 'date' | 'code'): Promise<T[]> {
  const rows = await db.readQuery<{ node: T }>(`MATCH (n:${label}) RETURN properties(n) AS node ORDER BY n.${orderBy}, n.${NATURAL_KEYS[label]}`);
  return rows.map((row) => row.node);
}

/** A relationship list the loaders fetch: from records of one label, along one relationship, to another label. */
export interface Relation {
  from: RecordLabel;
  type: string;
  direction: 'out' | 'in';
  to: RecordLabel;
  /** ORDER BY expression over the related node `n`. */
  orderBy: string;
}

/** For each key, the related records' properties, in `relation.orderBy` order. */
export async function findRelated<T>(db: Database, relation: Relation, keys: readonly string[]): Promise<Array<Keyed<T>>> {
  const fromKey = NATURAL_KEYS[relation.from];
  const arrow = relation.direction === 'out' ? `-[:${relation.type}]->` : `<-[:${relation.type}]-`;
  // Every part of the text comes from constant Relation objects in the modules, never from a request.
  return db.readQuery(
    `UNWIND $keys AS key
     MATCH (:${relation.from} {${fromKey}: key})${arrow}(n:${relation.to})
     RETURN key, properties(n) AS node ORDER BY ${relation.orderBy}`,
    { keys },
  );
}

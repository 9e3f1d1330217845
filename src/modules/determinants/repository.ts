/** All Cypher about determinants and the published sources that evidence them. */
import type { Database } from '../../db/database.js';
import type { Keyed } from '../shared/batch.js';
import type { DeterminantLinkModel } from '../research/model.js';
import type { DeterminantModel, SourceLinkModel } from './model.js';

export async function findDeterminants(db: Database, category: string | null): Promise<DeterminantModel[]> {
  const rows = await db.readQuery<{ node: DeterminantModel }>(
    `MATCH (d:Determinant) WHERE $category IS NULL OR d.category = $category
     RETURN properties(d) AS node ORDER BY d.id`,
    { category },
  );
  return rows.map((row) => row.node);
}

export async function findSourceLinksByDeterminantIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<SourceLinkModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Determinant {id: key})<-[e:EVIDENCES]-(s:Source)
     RETURN key, {sourceId: s.id, stance: e.stance, note: e.note} AS node ORDER BY s.id`,
    { keys },
  );
}

export async function findDeterminantLinksBySourceIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<DeterminantLinkModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Source {id: key})-[e:EVIDENCES]->(d:Determinant)
     RETURN key, {determinantId: d.id, stance: e.stance, note: e.note} AS node ORDER BY d.id`,
    { keys },
  );
}

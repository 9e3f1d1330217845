/** All Cypher about sources as records. */
import type { Database } from '../../db/database.js';
import type { SourceKind } from '../../generated/resolvers.js';
import type { SourceModel } from './model.js';

export async function findSources(db: Database, kind: SourceKind | null): Promise<SourceModel[]> {
  const rows = await db.readQuery<{ node: SourceModel }>(`MATCH (s:Source) WHERE $kind IS NULL OR s.kind = $kind RETURN properties(s) AS node ORDER BY s.id`, {
    kind,
  });
  return rows.map((row) => row.node);
}

import type { Database } from '../../db/database.js';
import type { ServerInfoModel } from './model.js';

/** The Neo4j version and edition, and the size of the graph. */
export async function findServerInfo(db: Database): Promise<ServerInfoModel> {
  const [row] = await db.readQuery<ServerInfoModel>(
    `CALL dbms.components() YIELD name, versions, edition
     WHERE name = 'Neo4j Kernel'
     CALL { MATCH (n) RETURN count(n) AS nodeCount }
     RETURN versions[0] AS neo4jVersion, edition AS neo4jEdition, nodeCount`,
  );
  if (!row) throw new Error('dbms.components() returned no Neo4j Kernel row.');
  return row;
}

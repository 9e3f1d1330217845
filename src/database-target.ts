/**
 * Opens the database the configuration names: an external Neo4j (NEO4J_URI), or the project's own local Neo4j,
 * started here or reused when another command of the project already runs it.
 */
import path from 'node:path';

import { assertNever } from './assert-never.js';
import { projectRoot, type Config } from './config.js';
import { connect, type Database } from './db/database.js';
import { startLocalNeo4j, type LocalNeo4j } from './local-neo4j/server.js';

export interface OpenDatabase {
  db: Database;
  /** The local server, when the project manages one. */
  localNeo4j: LocalNeo4j | undefined;
  /** Where the database is, for messages. */
  description: string;
  /** Closes the driver, then stops the local server if this process started it. */
  close(): Promise<void>;
}

export const runtimeCacheDir = path.join(projectRoot, '.neo4j', 'runtime');

export async function openDatabase(config: Readonly<Config>, onProgress: (message: string) => void = () => {}): Promise<OpenDatabase> {
  const target = config.database;
  // The server stops any transaction running longer. A GraphQL request's statements get the rest of the request's
  // deadline instead (REQUEST_TIMEOUT_MS, 10 s), so this bounds the batch jobs: a seed load, or a dry run (one
  // transaction over every file), which on a busy 2-core machine took longer than the 30 s this used to be.
  const queryTimeoutMs = 600_000;
  switch (target.kind) {
    case 'external': {
      const db = connect({ ...target, database: config.databaseName, queryTimeoutMs });
      return { db, localNeo4j: undefined, description: target.uri, close: () => db.close() };
    }
    case 'managed': {
      const localNeo4j = await startLocalNeo4j({ ...target, runtimeCacheDir, onProgress });
      const db = connect({ uri: localNeo4j.uri, username: 'neo4j', password: 'unused', database: config.databaseName, queryTimeoutMs });
      const description = `${localNeo4j.uri} (local Neo4j${localNeo4j.owned ? '' : ', shared with another command'}, data in ${path.relative(process.cwd(), localNeo4j.home) || '.'})`;
      return {
        db,
        localNeo4j,
        description,
        close: async () => {
          await db.close();
          await localNeo4j.stop();
        },
      };
    }
    default:
      return assertNever(target, 'database target');
  }
}

/**
 * Readiness for `/ready`: Neo4j answers and carries the schema version this code expects, within a short time so
 * that a load balancer's probe never hangs on a database that does not answer.
 */
import type { Database } from './database.js';
import { migrationsApplied } from './migrations.js';

export type Readiness = 'ready' | 'migrations pending' | 'database unreachable';

export async function checkReadiness(db: Database, timeoutMs: number): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve('database unreachable'), timeoutMs);
  });
  const check = migrationsApplied(db).then(
    (applied): Readiness => (applied ? 'ready' : 'migrations pending'),
    (): Readiness => 'database unreachable',
  );
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

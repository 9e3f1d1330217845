/**
 * Entry point of `npm start`: configuration -> database (external, or the project's own Neo4j) -> migrations ->
 * bundled data if the database is empty -> HTTP server. SIGINT and SIGTERM stop the HTTP server (in-flight requests
 * finish), close the driver and stop the local Neo4j.
 */
import path from 'node:path';

import { ConfigError, loadConfig, projectRoot } from './config.js';
import { openDatabase, type OpenDatabase } from './database-target.js';
import { applyMigrations } from './db/migrations.js';
import { LocalNeo4jError } from './local-neo4j/errors.js';
import { createLogger } from './logger.js';
import { warmUp } from './warm-up.js';
import { describeMissingAggregates, rebuildEvidenceAggregates } from './modules/evidence/aggregates.js';
import { isDatabaseEmpty, loadSeedDirectory } from './seed/load.js';
import { createApp } from './server.js';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const log = createLogger(config.logLevel);

  // Signals are handled from the first moment: a Ctrl-C while the local Neo4j starts or the bundled data loads
  // stops what has started, rather than leaving a server and its instance.json behind.
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  const opening = openDatabase(config, say);
  process.once('SIGINT', () => void shutdown('SIGINT', opening, () => app));
  process.once('SIGTERM', () => void shutdown('SIGTERM', opening, () => app));
  const database = await opening;

  await applyMigrations(database.db);
  if (config.seedOnStart && (await isDatabaseEmpty(database.db))) {
    const report = await loadSeedDirectory(database.db, path.join(projectRoot, 'seeds'));
    say(`The database was empty: loaded the bundled dataset (${report.records.toLocaleString('en-GB')} records) in ${report.seconds.toFixed(1)} s.`);
  }
  const pending = await describeMissingAggregates(database.db);
  if (pending) {
    const rebuilt = await rebuildEvidenceAggregates(database.db);
    say(`Rebuilt the evidence aggregates (${pending}): ${rebuilt.subjects} subjects in ${rebuilt.seconds.toFixed(1)} s.`);
  }
  if (stopping) return;
  app = await createApp(config, database.db, log);
  const url = await app.listen();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  say(`Ready in ${seconds} s. Open ${url}/dashboard (the evidence dashboard)${config.explorerEnabled ? ` or ${url}/explorer (GraphQL explorer)` : ''}.`);
  say(`GraphQL at ${url}/graphql (health ${url}/health, ready ${url}/ready); Neo4j at ${database.description}`);
  if (config.auth.devSignIn) say('Development sign-in is on: pick a role (viewer, analyst, researcher) in the dashboard or the explorer.');
  // In the background: the first reader's view is then as fast as the next one's (src/warm-up.ts).
  const served = app;
  void warmUp(served.apollo, config, database.db, () => stopping !== undefined).then(
    (done) => log.debug(done, 'warmed up the dashboard queries'),
    (error: unknown) => stopping || log.warn({ err: error }, 'warming up the dashboard queries failed; the first views plan them instead'),
  );
}

function say(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Set once a signal arrived: start-up stops where it is, and its errors are those of stopping. */
let stopping: Promise<void> | undefined;

/** Stops the HTTP server (in-flight requests finish), closes the driver, stops the local Neo4j, then exits 0. */
function shutdown(signal: string, opening: Promise<OpenDatabase>, app: () => { stop(): Promise<void> } | undefined): Promise<void> {
  stopping ??= (async () => {
    say(`${signal} received: stopping...`);
    await app()
      ?.stop()
      .catch((error: unknown) => say(`Stopping the HTTP server failed: ${error instanceof Error ? error.message : String(error)}`));
    // A local Neo4j still starting is waited for, then stopped; one that failed to start has nothing to stop.
    const database = await opening.catch(() => undefined);
    await database?.close();
    say('Stopped.');
    process.exit(0);
  })();
  return stopping;
}

main().catch(async (error: unknown) => {
  // A signal stopped start-up part-way (the driver closed under the seed load, say): stopping says how it ended.
  if (stopping) return stopping;
  if (error instanceof LocalNeo4jError) {
    process.stderr.write(`Could not start the local Neo4j.\n${error.describe()}\n`);
  } else if (error instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${error.message}\n`);
  } else {
    process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});

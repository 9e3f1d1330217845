/**
 * What the two seed commands share: open the database (the managed local Neo4j, or NEO4J_URI), apply the
 * migrations, load a validated dataset with a progress display, print the summary table, and turn every failure
 * into a message and an exit code (1) instead of a stack trace.
 */
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../database-target.js';
import { DatabaseError } from '../db/errors.js';
import { applyMigrations } from '../db/migrations.js';
import { LocalNeo4jError } from '../local-neo4j/errors.js';
import type { Dataset } from '../seed/format.js';
import { loadDataset, type LoadOptions } from '../seed/load.js';
import { SeedValidationError } from '../seed/problems.js';
import { createProgressDisplay } from '../seed/progress.js';
import { formatReport } from '../seed/report.js';

export function say(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Loads the dataset into the configured database and prints the report. */
export async function loadIntoConfiguredDatabase(
  dataset: Dataset,
  options: Pick<LoadOptions, 'dryRun' | 'prune' | 'yes' | 'partial' | 'lines' | 'origins'>,
): Promise<void> {
  const database = await openDatabase(loadConfig(), say);
  const progress = createProgressDisplay();
  try {
    say(`Neo4j at ${database.description}`);
    await applyMigrations(database.db);
    const report = await loadDataset(database.db, dataset, { ...options, onProgress: (p) => progress.onProgress(p) });
    progress.finish();
    process.stdout.write(`${formatReport(report)}\n`);
  } finally {
    progress.finish();
    await database.close();
  }
}

/** Runs a command's main function; any failure ends the process with a message and exit code 1. */
export function runCommand(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    say(describeFailure(error));
    process.exit(1);
  });
}

function describeFailure(error: unknown): string {
  if (error instanceof SeedValidationError) return error.message;
  if (error instanceof UsageError) return `${error.message}\n\n${error.usage}`;
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  if (error instanceof LocalNeo4jError) return `Could not start the local Neo4j.\n${error.describe()}`;
  if (error instanceof DatabaseError) {
    const kept = 'Nothing is lost or duplicated: records are merged on their keys';
    // Only an outage or a timeout goes away by itself; a refused statement fails again the same way.
    return error.kind === 'unavailable' || error.kind === 'timeout' || error.kind === 'deadline'
      ? `The load stopped part-way: ${error.message}\n${kept}, so running the same command again completes the load.`
      : `The load stopped part-way: ${error.message}\n${kept}; running it again will stop the same way. Please report this ` +
          'with the message above: the files passed validation, so the loader should have refused them or written them.';
  }
  return `The load failed: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Runs a strict parseArgs call, turning its errors (an unknown option, a missing value) into a UsageError.
 * Returns undefined, after printing the usage, when --help was given.
 */
export function parseCommandLine<T extends { help?: boolean | undefined }>(usage: string, parse: () => T): T | undefined {
  let values: T;
  try {
    values = parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage);
  }
  if (!values.help) return values;
  process.stdout.write(`${usage}\n`);
  return undefined;
}

/** Bad command-line arguments: the message, then the usage text. */
export class UsageError extends Error {
  override name = 'UsageError';

  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

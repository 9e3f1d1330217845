/**
 * The loader's entry points: read and validate a directory, then write it; or write a dataset built in memory
 * (the synthetic generator). Validation is complete before the first write, so bad input changes nothing.
 */
import type { Database } from '../db/database.js';
import { SEED_FILES, type Dataset, type FileName } from './format.js';
import { SeedValidationError } from './problems.js';
import { reconcileStale, type StaleCounts } from './prune.js';
import { readSeedFiles } from './read.js';
import { scopeToStudy } from './studies.js';
import type { SeedReport } from './report.js';
import { checkDataset, validateTables } from './validate.js';
import { createDataset } from './create.js';
import { writeDataset, type TransactionRunner, type WriteProgress } from './write.js';

export type SeedProgress = WriteProgress;

export interface LoadOptions {
  /** Validate and compute what would change, inside a transaction that is rolled back. */
  dryRun?: boolean;
  /** Remove seed records that the files no longer hold. */
  prune?: boolean;
  /** Rows per statement; by default DEFAULT_BATCH_SIZE, or CREATE_BATCH_SIZE into an empty graph. */
  batchSize?: number;
  /** Called after each batch; the load waits for it. */
  onProgress?: (progress: SeedProgress) => void | Promise<void>;
}

export const DEFAULT_BATCH_SIZE = 2_000;
/**
 * Rows per statement when every record is new. Plain CREATEs are cheap per row, so each batch's round trip and
 * commit weigh more: at scale 100, batches of 2,000 cost Neo4j a fifth more CPU than 5,000 to 20,000 (all alike).
 */
export const CREATE_BATCH_SIZE = 10_000;

/** Reads and validates a seed directory; throws SeedValidationError listing every problem. */
export async function readSeedDirectory(dir: string): Promise<Dataset> {
  const validation = validateTables(await readSeedFiles(dir));
  if (validation.problems.length > 0) throw new SeedValidationError(validation.problems);
  return validation.dataset;
}

/** Validates `dir`, then loads it. Throws SeedValidationError (nothing written) or a DatabaseError. */
export async function loadSeedDirectory(db: Database, dir: string, options: LoadOptions = {}): Promise<SeedReport> {
  return loadDataset(db, await readSeedDirectory(dir), options);
}

/**
 * Writes a dataset of local ids (as files and importers give them); it is placed in its study and its references
 * are checked first, as for files.
 */
export async function loadDataset(db: Database, local: Dataset, options: LoadOptions = {}): Promise<SeedReport> {
  const scoping = scopeToStudy(local);
  if (scoping.dataset === undefined) throw new SeedValidationError(scoping.problems);
  const { dataset } = scoping;
  const problems = checkDataset(dataset);
  if (problems.length > 0) throw new SeedValidationError(problems);

  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  const prune = options.prune ?? false;
  // Into a graph without seed nodes every record is new, and creating is several times faster than merging. A dry
  // run reports what merging would do, so it always merges.
  const createOnly = !dryRun && (await holdsNoSeedNode(db));
  const load = async (runInTransaction: TransactionRunner): Promise<SeedReport> => {
    const batchSize = options.batchSize ?? (createOnly ? CREATE_BATCH_SIZE : DEFAULT_BATCH_SIZE);
    const writeOptions = { batchSize, onBatch: options.onProgress ?? (() => {}) };
    const written = createOnly
      ? await createDataset(runInTransaction, dataset, writeOptions)
      : await writeDataset(runInTransaction, dataset, writeOptions);
    // Without seed nodes before, the graph now holds exactly the dataset's: nothing is stale, and scanning the
    // whole graph to confirm it would cost a good part of the load.
    const stale = createOnly
      ? new Map<FileName, StaleCounts>()
      : await reconcileStale(runInTransaction, dataset, { remove: prune, batchSize });
    const files = SEED_FILES.map((spec) => ({
      file: spec.file,
      inFiles: dataset[spec.file].length,
      created: written.get(spec.file)?.created ?? 0,
      updated: written.get(spec.file)?.updated ?? 0,
      unchanged: written.get(spec.file)?.unchanged ?? 0,
      notInFiles: stale.get(spec.file)?.notInFiles ?? 0,
      removed: stale.get(spec.file)?.removed ?? 0,
    }));
    const records = files.reduce((sum, file) => sum + file.inFiles, 0);
    return { dryRun, prune, files, records, seconds: (performance.now() - started) / 1000 };
  };

  if (dryRun) return db.rehearseTransaction((tx) => load((work) => work(tx)));
  return load((work) => db.writeTransaction(work));
}

/**
 * True when no node carries a label the loader writes: then every record of the dataset is new and the create
 * mode writes exactly what merging would. A curated node of a seed label counts too, since merging would update it.
 */
async function holdsNoSeedNode(db: Database): Promise<boolean> {
  const labels = SEED_FILES.flatMap((spec) => (spec.shape === 'node' ? [spec.label] : []));
  const [row] = await db.readQuery<{ empty: boolean }>(`RETURN NOT EXISTS { MATCH (:${labels.join('|')}) } AS empty`);
  return row?.empty ?? false;
}

/** True when the graph holds no trust: nothing has been loaded yet. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.readQuery<{ empty: boolean }>('RETURN NOT EXISTS { MATCH (:Trust) } AS empty');
  return row?.empty ?? true;
}

/**
 * The loader's entry points: read and validate a directory, then write it; or write a dataset built in memory
 * (the synthetic generator). Validation is complete before the first write, so bad input changes nothing.
 */
import type { Database } from '../db/database.js';
import { SEED_FILES, type Dataset } from './format.js';
import { SeedValidationError } from './problems.js';
import { reconcileStale } from './prune.js';
import { readSeedFiles } from './read.js';
import type { SeedReport } from './report.js';
import { checkDataset, validateTables } from './validate.js';
import { writeDataset, type TransactionRunner, type WriteProgress } from './write.js';

export type SeedProgress = WriteProgress;

export interface LoadOptions {
  /** Validate and compute what would change, inside a transaction that is rolled back. */
  dryRun?: boolean;
  /** Remove seed records that the files no longer hold. */
  prune?: boolean;
  /** Rows per statement. */
  batchSize?: number;
  /** Called after each batch; the load waits for it. */
  onProgress?: (progress: SeedProgress) => void | Promise<void>;
}

export const DEFAULT_BATCH_SIZE = 2_000;

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

/** Writes a dataset; its references are checked first, as for files. */
export async function loadDataset(db: Database, dataset: Dataset, options: LoadOptions = {}): Promise<SeedReport> {
  const problems = checkDataset(dataset);
  if (problems.length > 0) throw new SeedValidationError(problems);

  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  const prune = options.prune ?? false;
  const load = async (runInTransaction: TransactionRunner): Promise<SeedReport> => {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const written = await writeDataset(runInTransaction, dataset, { batchSize, onBatch: options.onProgress ?? (() => {}) });
    const stale = await reconcileStale(runInTransaction, dataset, { remove: prune, batchSize });
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

/** True when the graph holds no trust: nothing has been loaded yet. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.readQuery<{ empty: boolean }>('RETURN NOT EXISTS { MATCH (:Trust) } AS empty');
  return row?.empty ?? true;
}

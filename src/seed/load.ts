/**
 * The loader's entry points: read and validate a directory, then write it; or write a dataset built in memory
 * (the synthetic generator). Validation is complete before the first write, so bad input changes nothing.
 */
import type { Database } from '../db/database.js';
import { clearEvidenceAggregates, refreshAfterLoad } from '../modules/evidence/aggregates.js';
import { timed } from './timing.js';
import { SEED_FILES, type Dataset, type FileName } from './format.js';
import { SeedValidationError } from './problems.js';
import { PRUNE_GUARD_SHARE, findStale, removeStale, staleByFile, type Stale, type StaleCounts } from './prune.js';
import { readSeedFiles } from './read.js';
import { scopeToStudy } from './studies.js';
import type { SeedReport } from './report.js';
import { resolveInGraph, type Dangling } from './resolve.js';
import { checkDataset, validateTables, type DatasetCheckOptions, type SourceLines } from './validate.js';
import { WrittenMeanwhile, createDataset } from './create.js';
import { writeDataset, type OutcomeCounts, type TransactionRunner, type WriteOptions, type WriteProgress } from './write.js';

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
  /**
   * The dataset holds only some records (a folder with some of the files, an imported project): references it does
   * not hold resolve against the graph, and prune touches only the records of the studies it holds.
   */
  partial?: boolean;
  /** With prune: allow removing more than PRUNE_GUARD_SHARE of a study's records. */
  yes?: boolean;
  /** Where each record came from, for messages: the lines of a folder's files, or what an import read it from. */
  lines?: SourceLines;
  origins?: DatasetCheckOptions['origins'];
}

/**
 * Rows per batch when merging. Each batch is one comparing read and then only the writes its rows need (write.ts),
 * so larger batches mostly save round trips and commits: the import benchmark's 20,000 insights took about a third
 * less time in 2 batches than in 10 (on a busy machine, load average 14: indicative).
 */
export const DEFAULT_BATCH_SIZE = 10_000;
/**
 * Rows per statement when every record is new. Plain CREATEs are cheap per row, so each batch's round trip and
 * commit weigh more: at scale 100, batches of 2,000 cost Neo4j a fifth more CPU than 5,000 to 20,000 (all alike).
 */
export const CREATE_BATCH_SIZE = 10_000;

/** Reads and validates a seed directory; throws SeedValidationError listing every problem. */
export async function readSeedDirectory(dir: string): Promise<Dataset> {
  return (await readSeedFolder(dir)).dataset;
}

/**
 * Reads and validates a seed directory that may hold only some of the files (`partial`: its references to records
 * it does not hold are looked up in the graph when it is loaded); throws SeedValidationError listing every problem.
 */
export async function readSeedFolder(dir: string): Promise<{ dataset: Dataset; partial: boolean; lines: SourceLines }> {
  const validation = validateTables(await readSeedFiles(dir));
  if (validation.problems.length > 0) throw new SeedValidationError(validation.problems);
  return { dataset: validation.dataset, partial: validation.partial, lines: validation.lines };
}

/** Validates `dir`, then loads it. Throws SeedValidationError (nothing written) or a DatabaseError. */
export async function loadSeedDirectory(db: Database, dir: string, options: LoadOptions = {}): Promise<SeedReport> {
  const folder = await readSeedFolder(dir);
  return loadDataset(db, folder.dataset, { partial: folder.partial, lines: folder.lines, ...options });
}

/**
 * Writes a dataset of local ids (as files and importers give them); it is placed in its study and its references
 * are checked first, as for files: against the dataset, and for a partial dataset then against the graph.
 */
export async function loadDataset(db: Database, local: Dataset, options: LoadOptions = {}): Promise<SeedReport> {
  const scoping = scopeToStudy(local);
  if (scoping.dataset === undefined) throw new SeedValidationError(scoping.problems);
  const { dataset } = scoping;
  const partial = options.partial ?? false;
  const dangling: Dangling[] = [];
  const problems = await timed('check dataset', async () =>
    checkDataset(dataset, {
      ...(options.origins ? { origins: options.origins } : {}),
      ...(options.lines ? { lines: options.lines } : {}),
      ...(partial ? { dangling } : {}),
    }),
  );
  if (dangling.length > 0) problems.push(...(await timed('resolve in graph', () => resolveInGraph(db, dangling))));
  if (problems.length > 0) throw new SeedValidationError(problems);

  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  const prune = options.prune ?? false;
  // Into a graph without seed nodes every record is new, and creating is several times faster than merging. A dry
  // run reports what merging would do, so it always merges.
  // A partial dataset refers to records already in the graph, which the create-only writer cannot link to.
  const createOnly = !dryRun && !partial && (await holdsNoSeedNode(db));
  const load = async (runInTransaction: TransactionRunner): Promise<SeedReport> => {
    const batchSize = options.batchSize ?? (createOnly ? CREATE_BATCH_SIZE : DEFAULT_BATCH_SIZE);
    // Every transaction that writes also removes the evidence aggregates, so that a load cut short leaves them
    // missing (reads then count live), never stale; the last transaction rebuilds them (aggregates.ts).
    const writeOptions: WriteOptions = { batchSize, onBatch: options.onProgress ?? (() => {}), onChange: clearEvidenceAggregates };
    // Found before anything is written, so that the guard can refuse a prune with nothing changed. Without seed
    // nodes before, nothing is stale, and scanning to confirm it would cost a good part of the load.
    const stale = createOnly ? undefined : await timed('stale scan', () => findStale(runInTransaction, dataset));
    const guard = stale ? pruneGuard(stale) : undefined;
    // The study's nodes the scan found: the writer compares them without looking for them again.
    if (stale) writeOptions.held = stale.held;
    if (prune && guard && !options.yes && !dryRun) throw new SeedValidationError([{ message: guard }]);
    const written = await timed('write', () =>
      createOnly
        ? createDataset(runInTransaction, dataset, writeOptions).catch((error: unknown) => {
            if (!(error instanceof WrittenMeanwhile)) throw error;
            // Another load is writing the same records: merge, as into a loaded graph, and count as created only
            // what this load created.
            return writeDataset(runInTransaction, dataset, writeOptions).then((merged) => afterCreating(error.created, merged));
          })
        : writeDataset(runInTransaction, dataset, writeOptions),
    );
    const removed = stale
      ? await timed('remove stale', () => removeStale(runInTransaction, stale, { remove: prune, batchSize, onChange: clearEvidenceAggregates }))
      : new Map<FileName, StaleCounts>();
    const wrote = [...written.values()].some((counts) => counts.created + counts.updated > 0) || [...removed.values()].some((counts) => counts.removed > 0);
    await timed('aggregates', () => runInTransaction((tx) => refreshAfterLoad(tx, wrote)));
    const files = SEED_FILES.map((spec) => ({
      file: spec.file,
      inFiles: dataset[spec.file].length,
      created: written.get(spec.file)?.created ?? 0,
      updated: written.get(spec.file)?.updated ?? 0,
      unchanged: written.get(spec.file)?.unchanged ?? 0,
      notInFiles: removed.get(spec.file)?.notInFiles ?? 0,
      removed: removed.get(spec.file)?.removed ?? 0,
    }));
    const records = files.reduce((sum, file) => sum + file.inFiles, 0);
    const warnings = await timed('same-URL warnings', () => sameUrlWarnings(runInTransaction, dataset));
    const staleKeys = stale ? [...staleByFile(stale)].map(([file, keys]) => ({ file, keys })).filter((entry) => entry.keys.length > 0) : [];
    return {
      dryRun,
      prune,
      files,
      records,
      seconds: (performance.now() - started) / 1000,
      stale: staleKeys,
      warnings,
      ...(guard && !options.yes ? { pruneGuard: guard } : {}),
    };
  };

  if (dryRun) return db.rehearseTransaction((tx) => load((work) => work(tx)));
  return load((work) => db.writeTransaction(work));
}

/**
 * The counts of a load that created some records and then merged all of them: the merge found this load's own
 * records there already (unchanged, or updated if the other load had changed them meanwhile), so they move to created.
 */
function afterCreating(created: Map<FileName, OutcomeCounts>, merged: Map<FileName, OutcomeCounts>): Map<FileName, OutcomeCounts> {
  const counts = new Map<FileName, OutcomeCounts>();
  for (const [file, after] of merged) {
    const own = created.get(file)?.created ?? 0;
    const fromUnchanged = Math.min(own, after.unchanged);
    counts.set(file, {
      created: after.created + own,
      unchanged: after.unchanged - fromUnchanged,
      updated: after.updated - (own - fromUnchanged),
    });
  }
  return counts;
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

/**
 * Why pruning these records needs --yes, or undefined when it may go ahead: removing more than PRUNE_GUARD_SHARE
 * of a study's records is far more often a folder that lost files than a study that lost a tenth of its coding.
 */
function pruneGuard(stale: Stale): string | undefined {
  const count = stale.nodes.reduce((sum, entry) => sum + entry.keys.length, 0);
  if (count === 0 || count <= PRUNE_GUARD_SHARE * stale.studyRecords) return undefined;
  const share = Math.round((100 * count) / Math.max(stale.studyRecords, 1));
  const listed = stale.nodes
    .filter((entry) => entry.keys.length > 0)
    .map((entry) => `${entry.spec.file}: ${entry.keys.slice(0, 5).join(', ')}${entry.keys.length > 5 ? `, ... (${entry.keys.length})` : ''}`)
    .join('; ');
  return (
    `--prune would remove ${count} of the ${stale.studyRecords} records of study ${stale.studies.join(', ')} (${share}%), ` +
    `more than ${Math.round(PRUNE_GUARD_SHARE * 100)}%; nothing was written. They are: ${listed}. ` +
    'If the dataset really no longer holds them, run again with --yes; otherwise add the missing files or records.'
  );
}

/**
 * Two sources with the same URL are usually one publication entered twice (and then counted twice as
 * corroboration): a warning naming both ids, for the dataset's sources against each other and against the graph's.
 * Datasets are left out: the monthly extracts of one statistics page share its URL and are different sources.
 */
async function sameUrlWarnings(runInTransaction: TransactionRunner, dataset: Dataset): Promise<string[]> {
  const sources = dataset['sources.csv'].filter((row) => typeof row.url === 'string' && row.url !== '' && row.kind !== 'DATASET');
  if (sources.length === 0) return [];
  const normalise = (url: string) =>
    url
      .trim()
      .replace(/\/+$/, '')
      .replace(/^http:/, 'https:')
      .toLowerCase();
  const stored = await runInTransaction((tx) =>
    tx.run<{ id: string; url: string }>(
      "MATCH (s:Source) WHERE s.url IS NOT NULL AND s.kind <> 'DATASET' AND NOT s.id IN $ids RETURN s.id AS id, s.url AS url ORDER BY id",
      {
        ids: sources.map((row) => String(row.id)),
      },
    ),
  );
  const byUrl = new Map<string, string[]>();
  for (const { id, url } of [...sources.map((row) => ({ id: String(row.id), url: String(row.url) })), ...stored]) {
    const key = normalise(url);
    byUrl.set(key, [...(byUrl.get(key) ?? []), id]);
  }
  return [...byUrl]
    .filter(([, ids]) => ids.length > 1)
    .map(([url, ids]) => `sources ${ids.join(' and ')} have the same URL (${url}); if they are one publication, keep one id and point the records at it`);
}

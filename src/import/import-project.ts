/**
 * The importer's entry point: a REFI-QDA project (or codebook) and its mapping -> the seed loader's dataset for one
 * study -> the loader's one validation and one writer. Reading, mapping and the loader's validation (references
 * against the dataset, then the graph) all finish before the first write, so a refused import writes nothing.
 */
import type { Database } from '../db/database.js';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './archive.js';
import { loadDataset, type LoadOptions } from '../seed/load.js';
import type { SeedReport } from '../seed/report.js';
import { buildDataset, type ImportPlan } from './build-dataset.js';
import { readMapping, type Mapping } from './mapping.js';
import { readQdaFile } from './read-qdpx.js';

export interface ImportResult {
  plan: ImportPlan;
  report: SeedReport;
}

/** Reads, maps and checks a project; throws ImportRefusal (nothing read into the graph) when anything is wrong. */
export async function planImport(file: string, mapping: string | Mapping, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<ImportPlan> {
  const [project, rules] = await Promise.all([readQdaFile(file, limits), typeof mapping === 'string' ? readMapping(mapping) : Promise.resolve(mapping)]);
  return buildDataset(project, rules);
}

/** Imports a project into the graph (or, with dryRun, reports what importing would change). */
export async function importProject(
  db: Database,
  file: string,
  mapping: string | Mapping,
  options: Pick<LoadOptions, 'dryRun' | 'prune' | 'yes' | 'onProgress'> & { limits?: ArchiveLimits } = {},
): Promise<ImportResult> {
  const plan = await planImport(file, mapping, options.limits);
  const report = await loadDataset(db, plan.dataset, { ...options, partial: true, origins: plan.origins });
  return { plan, report };
}

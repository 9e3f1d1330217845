/**
 * Studies scope the research records of a dataset. A dataset (a seed folder, an imported project) is one study's:
 * its interviews, participants and insights belong to the one study of `studies.csv` that is not a published
 * source, and every reference in its files resolves inside that study. After validation, `scopeToStudy` gives each
 * such record its study (`study_id`, stored as IN_STUDY) and its id within the study (`local_id`), and qualifies
 * the record's key and every reference to it as `<study>/<local id>`: the slash is outside the id grammar, so two
 * studies' `p01` never meet. A study with `unscoped_ids` keeps its ids as written; that is for the bundled study,
 * whose ids were published before studies existed.
 */
import { SEED_FILES, keyOf, nodeFile, referencedFile, type Dataset, type FileName, type NodeFile, type SeedRow } from './format.js';
import type { Problem } from './problems.js';

/** The files whose records belong to a study: they have the derived `study_id` column. */
export const SCOPED_FILES: readonly NodeFile[] = SEED_FILES.flatMap((spec) =>
  spec.shape === 'node' && spec.columns.some((column) => column.name === 'study_id' && column.derived) ? [spec] : [],
);

const SCOPED: ReadonlySet<FileName> = new Set(SCOPED_FILES.map((spec) => spec.file));

/** The stored key of a record with id `localId` in study `studyId`. */
export function scopedKey(study: { id: string; unscopedIds: boolean }, localId: string): string {
  return study.unscopedIds ? localId : `${study.id}/${localId}`;
}

export type Scoping = { dataset: Dataset; problems: [] } | { dataset: undefined; problems: Problem[] };

/**
 * The dataset with its research records placed in their study and their keys qualified. A dataset without research
 * records is returned as it is; one with research records needs exactly one study that is not a published source.
 */
export function scopeToStudy(dataset: Dataset): Scoping {
  const records = SCOPED_FILES.reduce((sum, spec) => sum + dataset[spec.file].length, 0);
  if (records === 0) return { dataset, problems: [] };

  const holders = dataset['studies.csv'].filter((row) => row.kind !== 'PUBLISHED_SOURCE');
  const [holder] = holders;
  if (holders.length !== 1 || holder === undefined) {
    const found = holders.length === 0 ? 'none' : holders.map((row) => String(row.id)).join(', ');
    return {
      dataset: undefined,
      problems: [
        {
          file: 'studies.csv',
          message:
            `the folder holds ${records} interviews, participants and insights, which belong to exactly one study of ` +
            `kind INTERVIEW_STUDY or SURVEY in studies.csv (found: ${found}); a folder is one study's dataset, so ` +
            'put each study in a folder of its own (see "Studies" in seeds/README.md)',
        },
      ],
    };
  }

  const study = { id: String(holder.id), unscopedIds: holder.unscoped_ids === true };
  const qualify = (value: SeedRow[string]) => (value === null ? null : scopedKey(study, String(value)));
  const scoped = {} as Record<FileName, SeedRow[]>;
  for (const spec of SEED_FILES) {
    const rewritten = spec.columns.filter((column) => column.name !== 'study_id' && column.references !== undefined);
    scoped[spec.file] = dataset[spec.file].map((row) => {
      const next: Record<string, SeedRow[string]> = { ...row };
      for (const column of rewritten) {
        const target = referencedFile(column, row);
        if (target && SCOPED.has(target)) next[column.name] = qualify(row[column.name] ?? null);
      }
      if (SCOPED.has(spec.file)) {
        const local = keyOf(nodeFile(spec.file), row);
        next.study_id = study.id;
        next.local_id = local;
        for (const column of spec.key) next[column] = qualify(row[column] ?? null);
      }
      return next;
    });
  }
  return { dataset: scoped, problems: [] };
}

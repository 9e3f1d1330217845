/**
 * References a dataset does not hold, looked up in the graph: what lets a folder with only some of the files, or an
 * imported project, name the trusts, roles and determinants the graph already has. One read per kind of record
 * referred to, whatever the number of references; each reference that finds nothing is one problem.
 */
import type { Database } from '../db/database.js';
import { nodeFile, type FileName } from './format.js';
import { showValue, type Problem } from './problems.js';

/** A reference to a record that is not in the dataset. */
export interface Dangling {
  file: FileName;
  /** Where the record is, as checkDataset locates it: a line of a file, a record, or where an import found it. */
  where: Pick<Problem, 'file' | 'line' | 'record'>;
  column: string;
  value: string;
  target: FileName;
}

/** The problems of the references the graph does not hold either. */
export async function resolveInGraph(db: Database, dangling: readonly Dangling[]): Promise<Problem[]> {
  const byTarget = new Map<FileName, Set<string>>();
  for (const reference of dangling) byTarget.set(reference.target, (byTarget.get(reference.target) ?? new Set()).add(reference.value));
  const found = new Map<FileName, Set<string>>();
  for (const [target, keys] of byTarget) {
    const spec = nodeFile(target);
    const rows = await db.readQuery<{ key: string }>(`UNWIND $keys AS key MATCH (n:${spec.label} {${spec.keyProperty}: key}) RETURN key`, { keys: [...keys] });
    found.set(target, new Set(rows.map((row) => row.key)));
  }
  return dangling
    .filter((reference) => !found.get(reference.target)?.has(reference.value))
    .map((reference) => {
      const spec = nodeFile(reference.target);
      return {
        ...reference.where,
        column: reference.column,
        message: `${showValue(reference.value)} is not the ${spec.key.join(':')} of any ${spec.noun}, neither in ${reference.target} nor in the graph`,
      };
    });
}

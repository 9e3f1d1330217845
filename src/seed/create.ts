/**
 * The create-only writer, for a graph that holds no node of any seed label (load.ts checks): every record is new,
 * so nothing is looked up or compared before writing. It writes exactly the graph the merging writer (write.ts)
 * would, file by file in the same order, and counts every record as created.
 *
 * Two statements do all the writing, whatever the files: one creates a batch of nodes of one label, the other a
 * batch of relationships of any types, between nodes named by the element id the first returned. A fresh Neo4j
 * spends a tenth of a second or more planning and compiling each distinct statement, which a statement per label
 * and relationship type (some 25) would pay again and again; so the label and the type are values (dynamic labels,
 * Neo4j 5.26) and the ends are found by element id, which needs no label.
 *
 * A batch of a node file commits its nodes together with their reference relationships, so a load cut short
 * leaves whole records. The next load finds seed nodes, so it merges: it keeps what is there and writes the rest.
 */
import type { WriteTransaction } from '../db/database.js';
import { DatabaseError } from '../db/errors.js';
import { keyOf, type Dataset, type FileName, type LinkFile, type NodeFile, type SeedRow } from './format.js';
import {
  CREATE_NODES,
  createRelationships,
  groupLinks,
  linkProperties,
  linkPropertyColumns,
  nodeColumns,
  nodeProperties,
  progressReporter,
  referenceTarget,
  unresolvedError,
  writeOrder,
  type NewRelationship,
  type OutcomeCounts,
  type TransactionRunner,
  type WriteOptions,
} from './write.js';

/** The element id of every node this load created, by label and key: what relationships are created between. */
type CreatedNodes = Map<string, Map<string, string>>;

/** Writes every file into a graph without seed nodes; returns the outcome counts per file, all created. */
export async function createDataset(runInTransaction: TransactionRunner, dataset: Dataset, options: WriteOptions): Promise<Map<FileName, OutcomeCounts>> {
  const counts = new Map<FileName, OutcomeCounts>();
  const created: CreatedNodes = new Map();
  const batchDone = progressReporter(dataset, options.onBatch);
  for (const spec of writeOrder()) {
    const rows = dataset[spec.file];
    const batches = spec.shape === 'node' ? nodeBatches(spec, created) : linkBatches(spec, rows, created);
    const fileCounts: OutcomeCounts = { created: 0, updated: 0, unchanged: 0 };
    counts.set(spec.file, fileCounts);
    for (let start = 0; start < rows.length; start += options.batchSize) {
      const batch = rows.slice(start, start + options.batchSize);
      try {
        await runInTransaction(async (tx) => {
          await batches.write(tx, batch);
          await options.onChange?.(tx);
        });
      } catch (error) {
        if (error instanceof DatabaseError && error.kind === 'constraint') throw new WrittenMeanwhile(counts, error);
        throw error;
      }
      batches.committed();
      fileCounts.created += batch.length;
      await batchDone(spec.file, batch.length);
    }
  }
  return counts;
}

/**
 * A record of the batch was created by another load since this one found the graph without seed nodes (two loads
 * at the same moment). Carries what this load's committed batches created; the load then merges the rest.
 */
export class WrittenMeanwhile extends Error {
  override name = 'WrittenMeanwhile';

  constructor(
    readonly created: Map<FileName, OutcomeCounts>,
    cause: DatabaseError,
  ) {
    super('Another load wrote the same records meanwhile.', { cause });
  }
}

/**
 * How one file's batches are written. `write` may run more than once (the driver retries a transaction on a
 * transient error), so the ids of a batch's nodes join `created` only in `committed`, once its transaction has.
 */
interface FileBatches {
  write(tx: WriteTransaction, batch: readonly SeedRow[]): Promise<void>;
  committed(): void;
}

/** A batch of a node file: its nodes, then in the same transaction the relationships its references become. */
function nodeBatches(spec: NodeFile, created: CreatedNodes): FileBatches {
  const { stored, references } = nodeColumns(spec);
  const ids = created.get(spec.label) ?? new Map<string, string>();
  created.set(spec.label, ids);
  let pending: Array<{ key: string; id: string }> = [];
  return {
    async write(tx, batch) {
      const nodes = batch.map((row) => ({ key: keyOf(spec, row), props: nodeProperties(spec, stored, row) }));
      pending = await tx.run<{ key: string; id: string }>(CREATE_NODES, { label: spec.label, rows: nodes });
      if (pending.length !== batch.length) throw unresolvedError(spec.file, batch.length - pending.length, batch.length);
      const batchIds = new Map(pending.map((node) => [node.key, node.id]));
      const relationships: NewRelationship[] = [];
      let unresolved = 0;
      for (const row of batch) {
        const id = batchIds.get(keyOf(spec, row));
        for (const column of references) {
          const value = row[column.name];
          if (value === null || value === undefined) continue;
          const { target, relationship } = referenceTarget(column);
          const targetId = created.get(target.label)?.get(String(value));
          if (id === undefined || targetId === undefined) {
            unresolved += 1;
            continue;
          }
          const [from, to] = relationship.direction === 'out' ? [id, targetId] : [targetId, id];
          relationships.push({ type: relationship.type, from, to, props: {} });
        }
      }
      if (unresolved > 0) throw unresolvedError(spec.file, unresolved, batch.length);
      await createRelationships(tx, spec.file, relationships);
    },
    committed() {
      for (const node of pending) ids.set(node.key, node.id);
    },
  };
}

/** A batch of a link file: one relationship per row, its type chosen by the row's case. */
function linkBatches(spec: LinkFile, rows: readonly SeedRow[], created: CreatedNodes): FileBatches {
  const stored = linkPropertyColumns(spec);
  const caseOf = new Map(groupLinks(spec, rows).flatMap((group) => group.rows.map((row) => [row, group] as const)));
  return {
    async write(tx, batch) {
      const relationships: NewRelationship[] = [];
      for (const row of batch) {
        const group = caseOf.get(row);
        const from = group && created.get(group.from.label)?.get(String(row[group.relationship.from]));
        const to = group && created.get(group.to.label)?.get(String(row[group.relationship.to]));
        if (group && from !== undefined && to !== undefined) {
          relationships.push({ type: group.relationship.type, from, to, props: linkProperties(stored, row) });
        }
      }
      if (relationships.length < batch.length) throw unresolvedError(spec.file, batch.length - relationships.length, batch.length);
      await createRelationships(tx, spec.file, relationships);
    },
    committed() {},
  };
}

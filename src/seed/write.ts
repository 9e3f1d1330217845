/**
 * Writes a validated dataset into the graph the format describes (see format.ts and seeds/README.md), idempotently:
 * every node is MERGEd on its natural key and every relationship on its two ends, so a second run changes nothing
 * and a run cut short is completed by the next. Node files come first, in load order (a node's references point at
 * files before it), then link files; each file in batches of UNWIND rows, one transaction per batch.
 *
 * Each batch is compared before anything is written, in its transaction: one read statement tells per row whether
 * its record is new, unchanged or differs (a property or a reference), comparing the stored property map with the
 * new one in Cypher. New nodes are then CREATEd (with their relationships, between element ids the read
 * returned), new links and records that differ are MERGEd and set, and unchanged ones cost nothing more: a re-import of an
 * unchanged project writes nothing, and a project new to the graph is created, not merged row by row (merging took
 * a transaction's locks and a subquery per reference for every row, new or not; about 700 records/s).
 * Everything the loader writes carries `origin: 'seed'`; records another origin (curation) created are updated,
 * never claimed. Into a graph without seed nodes there is nothing to compare, and load.ts writes through create.ts.
 * Records the graph does not hold yet are not compared either (writeBatch): a node file's rows whose key no node has
 * are created straight away, and a link from or to a node this load created is merged between element ids.
 * Long (about 700 lines) because the merging writer is one algorithm (compare a batch, then write only what
 * differs) over nodes, their references and link files, and its parts read best beside each other.
 */
import neo4j from 'neo4j-driver';

import type { Row, WriteTransaction } from '../db/database.js';
import { DatabaseError } from '../db/errors.js';
import {
  SEED_FILES,
  datePrecision,
  keyOf,
  linkCases,
  nodeFile,
  propertyName,
  type Column,
  type Dataset,
  type FileName,
  type LinkCase,
  type LinkFile,
  type NodeFile,
  type NodeRelationship,
  type SeedFile,
  type SeedRow,
  type Value,
  type ValueType,
} from './format.js';
import { phaseTotals } from './timing.js';

/** Runs one unit of work in a transaction: its own one per batch when loading, a shared one in a dry run. */
export type TransactionRunner = <T>(work: (tx: WriteTransaction) => Promise<T>) => Promise<T>;

export type Outcome = 'created' | 'updated' | 'unchanged';
export type OutcomeCounts = Record<Outcome, number>;

export interface WriteProgress {
  file: FileName;
  /** Records of this file written so far, and in all. */
  fileDone: number;
  fileTotal: number;
  /** Records of the whole dataset written so far, and in all. */
  done: number;
  total: number;
}

export interface WriteOptions {
  batchSize: number;
  /** Called after each batch has committed; the next batch waits for it. */
  onBatch: (progress: WriteProgress) => void | Promise<void>;
  /**
   * Runs inside every batch's transaction that writes something, before it commits (the load removes the evidence
   * aggregates there: a load that writes nothing leaves them as they are).
   */
  onChange?: (tx: WriteTransaction) => Promise<void>;
  /**
   * Keys of nodes known to be in the graph, by label (the stale scan's, found just before): their rows are compared
   * without first looking for them.
   */
  held?: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Every statement finds its records through the unique key constraints, so the plan made on an empty graph stays the
 * right one; without this Neo4j re-plans each statement once the first load has changed the statistics, which costs
 * more than the second load itself.
 */
export const PLAN_ONCE = 'CYPHER replan=skip ';

/** Writes every file; returns the outcome counts per file. */
export async function writeDataset(runInTransaction: TransactionRunner, dataset: Dataset, options: WriteOptions): Promise<Map<FileName, OutcomeCounts>> {
  const counts = new Map<FileName, OutcomeCounts>();
  const batchDone = progressReporter(dataset, options.onBatch);
  const known = new KnownNodes();
  for (const spec of writeOrder()) {
    const rows = dataset[spec.file];
    const fileCounts: OutcomeCounts = { created: 0, updated: 0, unchanged: 0 };
    counts.set(spec.file, fileCounts);
    const phases = phaseTotals();
    const statements = spec.shape === 'node' ? nodeStatements(spec, rows) : linkStatements(spec, rows);
    for (const statement of statements) {
      for (let start = 0; start < statement.rows.length; start += options.batchSize) {
        const batch = statement.rows.slice(start, start + options.batchSize);
        const write = (create: boolean) =>
          phases.add('transactions', () =>
            runInTransaction(async (tx) => {
              const outcomes = create
                ? await writeBatch(tx, spec.file, statement, batch, known, phases, options.held)
                : { counts: await writeComparedBatch(tx, spec.file, statement, batch, false, phases), nodes: [] };
              if (outcomes.counts.created + outcomes.counts.updated > 0) await phases.add('onChange', () => options.onChange?.(tx) ?? Promise.resolve());
              return outcomes;
            }),
          );
        const { counts: batchCounts, nodes } = await write(true).catch((error: unknown) => {
          // Another load created one of the batch's new records since the comparison (two loads at the same
          // moment): the batch was rolled back; merge it, which tells what this load created.
          if (error instanceof DatabaseError && error.kind === 'constraint') return write(false);
          throw error;
        });
        // Only once the batch has committed (the driver may run a transaction's work more than once).
        if ('node' in statement.writes) known.committed(statement.writes.node.label, nodes);
        for (const outcome of ['created', 'updated', 'unchanged'] as const) fileCounts[outcome] += batchCounts[outcome];
        await batchDone(spec.file, batch.length);
      }
    }
    if (rows.length > 0) phases.report(spec.file);
  }
  return counts;
}

/**
 * Creates the nodes of one label (a value: one statement for every label, planned once) and returns their element
 * ids by key. Shared with create.ts.
 */
export const CREATE_NODES = `${PLAN_ONCE}
  UNWIND $rows AS row
  CREATE (n:$($label))
  SET n = row.props, n.origin = 'seed'
  RETURN row.key AS key, elementId(n) AS id`;

/** Creates relationships of any types between nodes named by element id. Shared with create.ts. */
export const CREATE_RELATIONSHIPS = `${PLAN_ONCE}
  UNWIND $rows AS row
  MATCH (a) WHERE elementId(a) = row.from
  MATCH (b) WHERE elementId(b) = row.to
  CREATE (a)-[r:$(row.type)]->(b)
  SET r = row.props, r.origin = 'seed'
  RETURN count(*) AS created`;

/** A relationship to create: its type, the element ids of its two ends, its properties. */
export interface NewRelationship {
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

/** Creates the relationships; every one must find both its ends still in the graph. */
export async function createRelationships(tx: WriteTransaction, file: FileName, relationships: readonly NewRelationship[]): Promise<void> {
  if (relationships.length === 0) return;
  const [result] = await tx.run<{ created: number }>(CREATE_RELATIONSHIPS, { rows: relationships });
  const count = result?.created ?? 0;
  if (count !== relationships.length) throw unresolvedError(file, relationships.length - count, relationships.length);
}

interface ComparedRow extends Row {
  /** The row's position in the batch. */
  index: number;
  outcome: Outcome;
  /** A new node row: the element id of each reference's record (null where the value is empty or found nothing). */
  targets: Array<string | null>;
}

/**
 * One batch: compare (a read), create the new records, merge the ones that differ; the unchanged are counted only.
 * A row the comparison does not return found no record it refers to (a link's end), which fails the batch. New
 * nodes are CREATEd, which the key's uniqueness constraint makes safe beside another load (its CREATE fails, and
 * the batch is merged instead: `create` false); new relationships have no such constraint and are always merged.
 */
async function writeComparedBatch(
  tx: WriteTransaction,
  file: FileName,
  statement: Statement,
  batch: Record<string, unknown>[],
  create: boolean,
  phases: ReturnType<typeof phaseTotals>,
): Promise<OutcomeCounts> {
  const compared = await phases.add('compare', () =>
    tx.run<ComparedRow>(`${PLAN_ONCE}${statement.compare}`, { rows: batch.map((row, index) => ({ ...row, index })) }),
  );
  if (compared.length !== batch.length) throw unresolvedError(file, batch.length - compared.length, batch.length);
  const counts: OutcomeCounts = { created: 0, updated: 0, unchanged: 0 };
  const changed: Record<string, unknown>[] = [];
  const created: ComparedRow[] = [];
  for (const row of compared) {
    if (row.outcome === 'created' && create && statement.create) created.push(row);
    else if (row.outcome === 'unchanged') counts.unchanged += 1;
    else changed.push(batch[row.index]!);
  }
  if (created.length > 0 && statement.create) {
    const { create: createRows } = statement;
    // Their element ids are not kept: a later file looks them up (KnownNodes), as records it did not create.
    await phases.add('create', () =>
      createRows(
        tx,
        created.map((row) => ({ row: batch[row.index]!, compared: row })),
      ),
    );
    counts.created += created.length;
  }
  if (changed.length > 0) {
    const merged = await phases.add('merge', () => runBatch(tx, file, `${PLAN_ONCE}${statement.cypher}`, changed));
    for (const outcome of ['created', 'updated', 'unchanged'] as const) counts[outcome] += merged[outcome];
  }
  return counts;
}

/** A node a batch created: its key and element id. */
export interface CreatedNode {
  key: string;
  id: string;
}

/**
 * The element ids of nodes by label and key: those this load created (a record it created cannot have been in the
 * graph before, so its links need no comparing), and those looked up in the graph for a new record's references,
 * kept for one transaction only (as the comparing read found them in the transaction that writes).
 */
class KnownNodes {
  private readonly createdHere = new Map<string, Map<string, string>>();
  private found = new Map<string, Map<string, string>>();
  private foundIn: WriteTransaction | undefined;

  /** Records a committed batch's new nodes. */
  committed(label: string, nodes: readonly CreatedNode[]): void {
    const ids = this.createdHere.get(label) ?? new Map<string, string>();
    this.createdHere.set(label, ids);
    for (const node of nodes) ids.set(node.key, node.id);
  }

  /** True when this load created the node of `label` with `key`. */
  isNew(label: string, key: Value | undefined): boolean {
    return this.createdHere.get(label)?.has(String(key)) ?? false;
  }

  /** The element id of each key (null where the key is null or no node has it), looking up those not known yet. */
  async ids(tx: WriteTransaction, target: NodeFile, keys: ReadonlyArray<Value | undefined>): Promise<Array<string | null>> {
    if (this.foundIn !== tx) {
      this.found = new Map();
      this.foundIn = tx;
    }
    const own = this.createdHere.get(target.label);
    const found = this.found.get(target.label) ?? new Map<string, string>();
    this.found.set(target.label, found);
    const missing = [
      ...new Set(keys.flatMap((key) => (key === null || key === undefined || own?.has(String(key)) || found.has(String(key)) ? [] : [String(key)]))),
    ];
    if (missing.length > 0) {
      const rows = await tx.run<CreatedNode>(
        `${PLAN_ONCE}UNWIND $keys AS key MATCH (t:${target.label} {${target.keyProperty}: key}) RETURN key, elementId(t) AS id`,
        { keys: missing },
      );
      for (const row of rows) found.set(row.key, row.id);
    }
    return keys.map((key) => (key === null || key === undefined ? null : (own?.get(String(key)) ?? found.get(String(key)) ?? null)));
  }
}

/**
 * One batch, new records first: a node file's rows whose key no node has are created without comparing (their
 * references' element ids from KnownNodes), and a link file's rows from or to a node this load created are merged
 * between element ids, which finds nothing to compare; the rest go through writeComparedBatch. Into a graph without
 * the study (an import's first load) that is every record of the study: about half the time of comparing them.
 */
async function writeBatch(
  tx: WriteTransaction,
  file: FileName,
  statement: Statement,
  batch: Record<string, unknown>[],
  known: KnownNodes,
  phases: ReturnType<typeof phaseTotals>,
  inGraph?: WriteOptions['held'],
): Promise<{ counts: OutcomeCounts; nodes: CreatedNode[] }> {
  const { writes } = statement;
  if ('node' in writes && statement.create) {
    const { node, references } = writes;
    const scanned = inGraph?.get(node.label);
    const unknown = batch.filter((row) => !scanned?.has(String(row.key)));
    const present =
      unknown.length === 0
        ? []
        : await phases.add('find new', () =>
            tx.run<{ key: string }>(`${PLAN_ONCE}UNWIND $keys AS key MATCH (n:${node.label} {${node.keyProperty}: key}) RETURN key`, {
              keys: unknown.map((row) => row.key),
            }),
          );
    const held = new Set(present.map((row) => row.key));
    for (const row of batch) if (scanned?.has(String(row.key))) held.add(String(row.key));
    const fresh = batch.filter((row) => !held.has(String(row.key)));
    const counts =
      held.size > 0
        ? await writeComparedBatch(
            tx,
            file,
            statement,
            batch.filter((row) => held.has(String(row.key))),
            true,
            phases,
          )
        : zero();
    if (fresh.length === 0) return { counts, nodes: [] };
    const { create } = statement;
    const nodes = await phases.add('create', async () => {
      // One statement at a time: a transaction's statements run in turn.
      const targets: Array<Array<string | null>> = [];
      for (const [index, column] of references.entries()) {
        targets.push(
          await known.ids(
            tx,
            referenceTarget(column).target,
            fresh.map((row) => (row.refs as Value[])[index]),
          ),
        );
      }
      return create(
        tx,
        fresh.map((row, index) => ({ row, compared: { index, outcome: 'created', targets: targets.map((ids) => ids[index] ?? null) } })),
      );
    });
    counts.created += fresh.length;
    return { counts, nodes };
  }
  if ('link' in writes) {
    const { from, to, relationship } = writes.link;
    const isNew = (row: Record<string, unknown>) => known.isNew(from.label, row.from as Value) || known.isNew(to.label, row.to as Value);
    const fresh = batch.filter(isNew);
    const rest = batch.filter((row) => !isNew(row));
    const counts = rest.length > 0 ? await writeComparedBatch(tx, file, statement, rest, true, phases) : zero();
    if (fresh.length === 0) return { counts, nodes: [] };
    const fromIds = await known.ids(
      tx,
      from,
      fresh.map((row) => row.from as Value),
    );
    const toIds = await known.ids(
      tx,
      to,
      fresh.map((row) => row.to as Value),
    );
    const merged = await phases.add('create', () =>
      tx.run<{ index: number; isNew: boolean }>(
        `${PLAN_ONCE}UNWIND $rows AS row
         MATCH (a) WHERE elementId(a) = row.from
         MATCH (b) WHERE elementId(b) = row.to
         MERGE (a)-[r:${relationship.type}]->(b)
         ON CREATE SET r = row.props, r.origin = 'seed', ${CREATED_MARK('r')}
         WITH row, r, r.\`seed.created\` IS NOT NULL AS isNew
         REMOVE r.\`seed.created\`
         RETURN row.index AS index, isNew`,
        { rows: fresh.map((row, index) => ({ index, from: fromIds[index], to: toIds[index], props: row.props })) },
      ),
    );
    if (merged.length !== fresh.length) throw unresolvedError(file, fresh.length - merged.length, fresh.length);
    // Found there: another load linked this load's new record meanwhile; compare it as any other.
    const meanwhile = merged.filter((row) => !row.isNew).map((row) => fresh[row.index]!);
    counts.created += fresh.length - meanwhile.length;
    if (meanwhile.length > 0) {
      const again = await writeComparedBatch(tx, file, statement, meanwhile, true, phases);
      for (const outcome of ['created', 'updated', 'unchanged'] as const) counts[outcome] += again[outcome];
    }
    return { counts, nodes: [] };
  }
  return { counts: await writeComparedBatch(tx, file, statement, batch, true, phases), nodes: [] };
}

const zero = (): OutcomeCounts => ({ created: 0, updated: 0, unchanged: 0 });

/** Node files first, in load order (a node's references point at files before it), then link files. */
export function writeOrder(): SeedFile[] {
  return [...SEED_FILES.filter((spec) => spec.shape === 'node'), ...SEED_FILES.filter((spec) => spec.shape === 'link')];
}

/** Returns the function to call after each committed batch: it adds the batch up and calls `onBatch`. */
export function progressReporter(dataset: Dataset, onBatch: WriteOptions['onBatch']): (file: FileName, records: number) => Promise<void> {
  const total = writeOrder().reduce((sum, spec) => sum + dataset[spec.file].length, 0);
  const doneByFile = new Map<FileName, number>();
  let done = 0;
  return async (file, records) => {
    const fileDone = (doneByFile.get(file) ?? 0) + records;
    doneByFile.set(file, fileDone);
    done += records;
    await onBatch({ file, fileDone, fileTotal: dataset[file].length, done, total });
  };
}

interface Statement {
  /** Merges a row and reports its outcome: for the rows that differ. */
  cypher: string;
  /** Reads each row's outcome without writing (see ComparedRow). */
  compare: string;
  /**
   * Creates the rows the comparison found new (node files; a link file's new rows are merged); returns the element
   * id of each node created, by key.
   */
  create?: (tx: WriteTransaction, rows: Array<{ row: Record<string, unknown>; compared: ComparedRow }>) => Promise<CreatedNode[]>;
  /** What the statement writes: a node file's label and references, or a link file's relationship (writeBatch). */
  writes: { node: NodeFile; references: Column[] } | { link: LinkGroup };
  rows: Record<string, unknown>[];
}

interface BatchRow extends Row {
  outcome: Outcome;
  records: number;
  unresolved: number;
}

/**
 * Runs one batch and checks that every row found what it refers to. Validation guarantees that, so a miss means
 * the database changed under the load; throwing rolls the batch back rather than leave a record half-linked.
 */
async function runBatch(tx: WriteTransaction, file: FileName, cypher: string, rows: Record<string, unknown>[]): Promise<OutcomeCounts> {
  const result = await tx.run<BatchRow>(cypher, { rows });
  const counts: OutcomeCounts = { created: 0, updated: 0, unchanged: 0 };
  let written = 0;
  let unresolved = 0;
  for (const row of result) {
    counts[row.outcome] += row.records;
    written += row.records;
    unresolved += row.unresolved;
  }
  if (written !== rows.length || unresolved > 0) throw unresolvedError(file, rows.length - written + unresolved, rows.length);
  return counts;
}

/** A batch some of whose records found no record they refer to, though validation had found it in the files. */
export function unresolvedError(file: FileName, unresolved: number, rows: number): Error {
  return new Error(
    `${file}: ${unresolved} of ${rows} records refer to records missing from the database, which validation had ` +
      'found in the files; was the database changed during the load? Run the load again.',
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Node files
// ---------------------------------------------------------------------------------------------------------------

/** Each node file is one statement: the node, then one subquery per reference it holds as a relationship. */
function nodeStatements(spec: NodeFile, rows: readonly SeedRow[]): Statement[] {
  const { references, stored } = nodeColumns(spec);
  return [
    {
      cypher: nodeCypher(spec, references),
      compare: nodeCompareCypher(spec, references),
      create: async (tx, created) => {
        const nodes = await tx.run<{ key: string; id: string }>(CREATE_NODES, {
          label: spec.label,
          rows: created.map(({ row }) => ({ key: row.key, props: row.props })),
        });
        if (nodes.length !== created.length) throw unresolvedError(spec.file, created.length - nodes.length, created.length);
        const ids = new Map(nodes.map((node) => [node.key, node.id]));
        const relationships: NewRelationship[] = [];
        let unresolved = 0;
        for (const { row, compared } of created) {
          const id = ids.get(String(row.key));
          references.forEach((column, index) => {
            const value = (row.refs as unknown[])[index];
            if (value === null || value === undefined) return;
            const targetId = compared.targets?.[index];
            if (id === undefined || targetId === null || targetId === undefined) {
              unresolved += 1;
              return;
            }
            const { relationship } = referenceTarget(column);
            const [from, to] = relationship.direction === 'out' ? [id, targetId] : [targetId, id];
            relationships.push({ type: relationship.type, from, to, props: {} });
          });
        }
        if (unresolved > 0) throw unresolvedError(spec.file, unresolved, created.length);
        await createRelationships(tx, spec.file, relationships);
        return nodes;
      },
      writes: { node: spec, references },
      rows: rows.map((row) => ({
        key: keyOf(spec, row),
        props: nodeProperties(spec, stored, row),
        refs: references.map((column) => row[column.name]),
      })),
    },
  ];
}

/** A node file's columns stored as properties, and those that become relationships (its references). */
export function nodeColumns(spec: NodeFile): { stored: Column[]; references: Column[] } {
  return {
    stored: spec.columns.filter((column) => !column.relationship),
    references: spec.columns.filter((column) => column.relationship),
  };
}

/** A node's properties: its key, every stored column, the first day of each month, the precision of each partial date. */
export function nodeProperties(spec: NodeFile, stored: readonly Column[], row: SeedRow): Record<string, unknown> {
  const props: Record<string, unknown> = { [spec.keyProperty]: keyOf(spec, row) };
  for (const column of stored) {
    const property = propertyName(column.name);
    const value = row[column.name] ?? null;
    props[property] = toNeo4j(column.type, value);
    if (column.type === 'month') props[`${property}Start`] = value === null ? null : toNeo4j('date', `${String(value)}-01`);
    if (column.type === 'partialDate') props[`${property}Precision`] = value === null ? null : datePrecision(String(value));
  }
  return props;
}

/**
 * For implementations.csv:
 *   UNWIND $rows AS row
 *   MERGE (n:Implementation {id: row.key})  ... created by this statement, or holding row.props already?
 *   SET n += row.props (unless it holds them)
 *   CALL (n, row) { drop a seed HAS_IMPLEMENTATION from another trust; MERGE the one to row.refs[0] }
 *   CALL (n, row) { the same for OF_PRODUCT and row.refs[1] }
 *   RETURN outcome, count(*) AS records, ...
 * A reference is single-valued: a changed one replaces the old relationship, an emptied one removes it.
 */
function nodeCypher(spec: NodeFile, references: readonly Column[]): string {
  const subqueries = references.map((column, index) => referenceSubquery(column, index));
  const changed = references.map((_, index) => `changed${index} = 0`);
  const unresolved = references.map((_, index) => `unresolved${index}`);
  return `
    UNWIND $rows AS row
    MERGE (n:${spec.label} {${spec.keyProperty}: row.key})
    ON CREATE SET n.origin = 'seed', ${CREATED_MARK('n')}
    ${sortOutNew('n')}
    ${setUnlessSame('n')}
    WITH n, row, isNew, sameProps
    ${subqueries.join('\n')}
    RETURN CASE WHEN isNew THEN 'created' WHEN ${['sameProps', ...changed].join(' AND ')} THEN 'unchanged' ELSE 'updated' END AS outcome,
           count(*) AS records,
           sum(CASE WHEN ${unresolved.length > 0 ? unresolved.join(' OR ') : 'false'} THEN 1 ELSE 0 END) AS unresolved`;
}

/**
 * Each row's outcome, read without writing, by the rules nodeCypher writes by: new when no node has the key;
 * unchanged when its properties are the same and each reference's relationship is there and no other seed one of
 * its type; else updated. Also the element id of each reference's record, for creating a new row's relationships.
 */
function nodeCompareCypher(spec: NodeFile, references: readonly Column[]): string {
  const same = references.map((column, index) => {
    const { target, relationship } = referenceTarget(column);
    const arrow = (end: string, variable = '') =>
      relationship.direction === 'out' ? `(old)-[${variable}:${relationship.type}]->(${end})` : `(old)<-[${variable}:${relationship.type}]-(${end})`;
    const value = `row.refs[${index}]`;
    return `NOT EXISTS { MATCH ${arrow(`other:${target.label}`, 'stale')} WHERE stale.origin = 'seed' AND NOT coalesce(other.${target.keyProperty} = ${value}, false) }
         AND (${value} IS NULL OR EXISTS { MATCH ${arrow(`:${target.label} {${target.keyProperty}: ${value}}`)} })`;
  });
  const targets = references.map((column, index) => {
    const { target } = referenceTarget(column);
    return `head(COLLECT { MATCH (t:${target.label} {${target.keyProperty}: row.refs[${index}]}) RETURN elementId(t) })`;
  });
  return `
    UNWIND $rows AS row
    OPTIONAL MATCH (old:${spec.label} {${spec.keyProperty}: row.key})
    RETURN row.index AS index,
           CASE WHEN old IS NULL THEN 'created' WHEN ${[sameProperties('old'), ...same].join(' AND ')} THEN 'unchanged' ELSE 'updated' END AS outcome,
           CASE WHEN old IS NULL THEN [${targets.join(', ')}] ELSE [] END AS targets`;
}

/** The file a node reference points into and the relationship it becomes. */
export function referenceTarget(column: Column): { target: NodeFile; relationship: NodeRelationship } {
  const { relationship } = column;
  const target = typeof column.references === 'string' ? nodeFile(column.references) : undefined;
  if (!relationship || !target) throw new Error(`${column.name}: a node reference needs one target file and a relationship.`);
  return { target, relationship };
}

function referenceSubquery(column: Column, index: number): string {
  const { target, relationship } = referenceTarget(column);
  const arrow = (end: string, variable = '') =>
    relationship.direction === 'out' ? `(n)-[${variable}:${relationship.type}]->(${end})` : `(n)<-[${variable}:${relationship.type}]-(${end})`;
  const value = `row.refs[${index}]`;
  return `
    CALL (n, row) {
      OPTIONAL MATCH ${arrow(`other:${target.label}`, 'stale')}
      WHERE stale.origin = 'seed' AND NOT coalesce(other.${target.keyProperty} = ${value}, false)
      WITH collect(stale) AS stales
      FOREACH (r IN stales | DELETE r)
      WITH size(stales) AS dropped
      OPTIONAL MATCH (target:${target.label} {${target.keyProperty}: ${value}})
      WITH dropped, target, target IS NOT NULL AND NOT EXISTS { ${arrow('target')} } AS missing
      FOREACH (_ IN CASE WHEN missing THEN [1] ELSE [] END |
        MERGE ${arrow('target', 'r')} ON CREATE SET r.origin = 'seed')
      RETURN dropped + CASE WHEN missing THEN 1 ELSE 0 END AS changed${index},
             target IS NULL AND ${value} IS NOT NULL AS unresolved${index}
    }`;
}

/** Sets the row's properties only when they differ: an unchanged record costs no write and no index update. */
function setUnlessSame(variable: string): string {
  return `FOREACH (_ IN CASE WHEN sameProps THEN [] ELSE [1] END | SET ${variable} += row.props)`;
}

/**
 * Whether a MERGE created its record is told by a mark that its ON CREATE sets and the next clause removes, never
 * by a look before the MERGE: two loads at the same moment both look before either writes, and both would count
 * the record as created. MERGE takes the key's lock and looks again, so exactly one transaction creates it; the
 * mark is never committed, and other transactions never see it.
 */
const CREATED_MARK = (variable: string) => `${variable}.\`seed.created\` = true`;

/** Continues a MERGE of `variable` with isNew (this statement created it) and sameProps (it already holds row.props). */
function sortOutNew(variable: string): string {
  return `WITH ${variable}, row, ${variable}.\`seed.created\` IS NOT NULL AS isNew
    REMOVE ${variable}.\`seed.created\`
    WITH ${variable}, row, isNew, NOT isNew AND ${sameProperties(variable)} AS sameProps`;
}

/** True when `old` exists and holds every property of row.props with the same value (null = absent). */
function sameProperties(old: string): string {
  return `${old} IS NOT NULL AND all(k IN keys(row.props) WHERE ` + `coalesce(${old}[k] = row.props[k], ${old}[k] IS NULL AND row.props[k] IS NULL))`;
}

// ---------------------------------------------------------------------------------------------------------------
// Link files
// ---------------------------------------------------------------------------------------------------------------

/** The rows of a link file that become one kind of relationship. */
export interface LinkGroup extends LinkCase {
  rows: SeedRow[];
}

/** Splits a link file's rows by the relationship they become; every case has a group, maybe empty. */
export function groupLinks(spec: LinkFile, rows: readonly SeedRow[]): LinkGroup[] {
  const groups: LinkGroup[] = linkCases(spec).map((linkCase) => ({ ...linkCase, rows: [] }));
  const { relationship } = spec;
  for (const row of rows) {
    const group = 'by' in relationship ? groups.find((g) => g.value === row[relationship.by]) : groups[0];
    if (!group) throw new Error(`${spec.file}: no relationship for a row; validation should have refused it.`);
    group.rows.push(row);
  }
  return groups;
}

/** The columns of a link file stored on its relationship: all but the two ends and the type column. */
export function linkPropertyColumns(spec: LinkFile): Column[] {
  const { relationship } = spec;
  const structural = new Set(
    'by' in relationship ? [relationship.by, ...Object.values(relationship.cases).flatMap((c) => [c.from, c.to])] : [relationship.from, relationship.to],
  );
  return spec.columns.filter((column) => !structural.has(column.name));
}

function linkStatements(spec: LinkFile, rows: readonly SeedRow[]): Statement[] {
  const stored = linkPropertyColumns(spec);
  return groupLinks(spec, rows).map((group) => ({
    cypher: linkCypher(group),
    compare: linkCompareCypher(group),
    writes: { link: group },
    rows: group.rows.map((row) => ({
      from: row[group.relationship.from],
      to: row[group.relationship.to],
      props: linkProperties(stored, row),
    })),
  }));
}

/** A link's relationship properties: its columns other than the two ends and the type. */
export function linkProperties(stored: readonly Column[], row: SeedRow): Record<string, unknown> {
  return Object.fromEntries(stored.map((column) => [propertyName(column.name), toNeo4j(column.type, row[column.name] ?? null)]));
}

/** Each row's outcome, read without writing, as linkCypher decides it. */
function linkCompareCypher({ relationship, from, to }: LinkGroup): string {
  return `
    UNWIND $rows AS row
    MATCH (a:${from.label} {${from.keyProperty}: row.from})
    MATCH (b:${to.label} {${to.keyProperty}: row.to})
    WITH row, a, b, head([(a)-[x:${relationship.type}]->(b) | x]) AS old
    RETURN row.index AS index,
           CASE WHEN old IS NULL THEN 'created' WHEN ${sameProperties('old')} THEN 'unchanged' ELSE 'updated' END AS outcome,
           [] AS targets`;
}

function linkCypher({ relationship, from, to }: LinkGroup): string {
  return `
    UNWIND $rows AS row
    MATCH (a:${from.label} {${from.keyProperty}: row.from})
    MATCH (b:${to.label} {${to.keyProperty}: row.to})
    MERGE (a)-[r:${relationship.type}]->(b)
    ON CREATE SET r.origin = 'seed', ${CREATED_MARK('r')}
    ${sortOutNew('r')}
    ${setUnlessSame('r')}
    RETURN CASE WHEN isNew THEN 'created' WHEN sameProps THEN 'unchanged' ELSE 'updated' END AS outcome,
           count(*) AS records, 0 AS unresolved`;
}

// ---------------------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------------------

/** A parsed value as Neo4j should store it: dates as `date`, years and counts as integers, the rest as is. */
function toNeo4j(type: ValueType, value: Value): unknown {
  if (value === null) return null;
  switch (type) {
    case 'date': {
      const [year = 0, month = 0, day = 0] = String(value).split('-').map(Number);
      return new neo4j.types.Date(year, month, day);
    }
    case 'year':
    case 'integer':
      return neo4j.int(Number(value));
    default:
      return value;
  }
}

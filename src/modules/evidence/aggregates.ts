/**
 * Maintained evidence aggregates: the counts behind every trail summary, strength profile, GRADE-CERQual profile
 * and gap, stored per subject (repository.ts) so that a read costs the same at any size of the graph.
 *
 * One rule keeps them true: a write recomputes the aggregates of exactly the subjects it touched, in its own
 * transaction, with the same function the rebuild uses (repository.ts, `computeParts`).
 * - Curation (every mutation that changes evidence) calls `refreshEvidenceAggregates(tx, touched)` from the one
 *   function that audits it; the subjects are found from what it touched, after the write (`findAffectedSubjects`).
 *   Each aggregate is locked before it is computed, so concurrent writes to one subject compute it in turn.
 * - A seed load or import (many transactions, pruning included) removes every aggregate in each transaction that
 *   writes something and rebuilds them all in its last: an interrupted load leaves them missing, never stale. A load
 *   that wrote nothing (an unchanged re-import) leaves current aggregates as they are (`refreshAfterLoad`).
 * - A read of a missing aggregate (during a load, after an interrupted one) computes it live with the same
 *   function; `/ready` reports it, and start-up rebuilds.
 * `npm run evidence:check` compares every stored aggregate with a fresh computation; the integration tests run it
 * after each write-path test. Bump AGGREGATE_VERSION when what an aggregate holds changes: older ones then count as
 * missing and start-up rebuilds them.
 */
import { isDeepStrictEqual } from 'node:util';

import type { Database, Params, WriteTransaction } from '../../db/database.js';
import type { Keyed } from '../shared/batch.js';
import {
  aggregateId,
  computeParts,
  findAffectedSubjects,
  findAggregateCoverage,
  findAllAggregates,
  findStoredParts,
  findSubjectIds,
  lockAggregates,
  removeAggregatesExcept,
  removeAllAggregates,
  writeAggregates,
  type AggregatePart,
  type Keys,
  type Run,
  type StoredAggregate,
  type Touched,
} from './repository.js';
import type { SubjectKind } from './scope.js';
import { timed } from '../../seed/timing.js';

export type { Touched } from './repository.js';

/** What the aggregates hold; bump when a part's counts change meaning or shape. */
export const AGGREGATE_VERSION = 1;

const KINDS: readonly SubjectKind[] = ['offer', 'decision', 'finding'];

/** The parts each kind of subject holds. */
export const AGGREGATE_PARTS: Record<SubjectKind, readonly AggregatePart[]> = {
  offer: ['strength', 'summary'],
  decision: ['strength', 'summary'],
  finding: ['strength', 'profile', 'links'],
};

/** One part of the subjects in `keys`, computed now (for a read that found its aggregate missing). */
async function computePart(run: Run, kind: SubjectKind, part: AggregatePart, keys: readonly string[]): Promise<Array<Keyed<unknown>>> {
  if (!AGGREGATE_PARTS[kind].includes(part)) throw new Error(`A ${kind} has no ${part} aggregate.`);
  const rows = await computeParts(run, kind, [part], keys);
  return rows.map((row) => ({ key: row.key, node: row.node[part] }));
}

/** A database's auto-commit reads as a `Run`. */
export function readsOf(db: Pick<Database, 'readQuery'>): Run {
  return <T>(cypher: string, params?: Params) => db.readQuery<T>(cypher, params);
}

function runOf(tx: WriteTransaction): Run {
  return <T>(cypher: string, params?: Params) => tx.run<T>(cypher, params);
}

/** JSON with object keys sorted, so that equal counts are equal strings whatever order Neo4j returned a map in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The aggregates of the subjects of `kind` in `keys`, computed now in one statement. */
async function computeAggregates(run: Run, kind: SubjectKind, keys: Keys): Promise<StoredAggregate[]> {
  const rows = await computeParts(run, kind, AGGREGATE_PARTS[kind], keys);
  return rows.map(({ key, node }) => {
    const aggregate: StoredAggregate = { id: aggregateId(kind, key), kind, subjectId: key, version: AGGREGATE_VERSION, strength: canonicalJson(node.strength) };
    for (const part of AGGREGATE_PARTS[kind]) aggregate[part] = canonicalJson(node[part]);
    return aggregate;
  });
}

/**
 * Recomputes and stores, inside the caller's write transaction, the aggregates of the subjects a write touched
 * (found after the write), or of every subject (`all`: aggregates of subjects that no longer exist are removed).
 */
export async function refreshEvidenceAggregates(tx: WriteTransaction, what: Touched | 'all'): Promise<void> {
  const run = runOf(tx);
  const ids: Record<SubjectKind, string[]> =
    what === 'all'
      ? await findSubjectIds(run)
      : await findAffectedSubjects(run, what).then((affected) => ({ offer: affected.offers, decision: affected.decisions, finding: affected.findings }));
  const all = KINDS.flatMap((kind) => ids[kind].map((id) => aggregateId(kind, id)));
  await timed('aggregates: lock', () => lockAggregates(run, all));
  const rows: StoredAggregate[] = [];
  for (const kind of KINDS) {
    if (ids[kind].length > 0) rows.push(...(await timed(`aggregates: compute ${kind}`, () => computeAggregates(run, kind, ids[kind]))));
  }
  await timed('aggregates: write', () => writeAggregates(run, rows));
  if (what === 'all') await timed('aggregates: remove others', () => removeAggregatesExcept(run, all));
}

/** Removes every aggregate, inside the caller's transaction (the first of a load; see the header). */
export async function clearEvidenceAggregates(tx: WriteTransaction): Promise<void> {
  await removeAllAggregates(runOf(tx));
}

/**
 * Rebuilds every aggregate inside the caller's transaction (the last of a load), unless the load wrote nothing and
 * every subject already has a current one: an unchanged re-import then costs no recomputation. Returns whether it rebuilt.
 */
export async function refreshAfterLoad(tx: WriteTransaction, loadWrote: boolean): Promise<boolean> {
  if (!loadWrote) {
    const { subjects, current, outdated } = await findAggregateCoverage(runOf(tx), AGGREGATE_VERSION);
    if (outdated === 0 && current === subjects) return false;
  }
  await refreshEvidenceAggregates(tx, 'all');
  return true;
}

/** Recomputes every aggregate from scratch in one transaction (`npm run evidence:rebuild`, start-up); seconds taken. */
export async function rebuildEvidenceAggregates(db: Database): Promise<{ subjects: number; seconds: number }> {
  const started = performance.now();
  await db.writeTransaction((tx) => refreshEvidenceAggregates(tx, 'all'));
  const coverage = await findAggregateCoverage(readsOf(db), AGGREGATE_VERSION);
  return { subjects: coverage.current, seconds: (performance.now() - started) / 1000 };
}

/**
 * Every difference between the stored aggregates and a fresh computation, one sentence each naming the subject,
 * the part and the count (`npm run evidence:check`; the tests after each write). Empty when they agree. Meant for
 * a graph nobody is writing to: a write between its statements shows as a difference.
 */
export async function checkEvidenceAggregates(db: Pick<Database, 'readQuery'>): Promise<string[]> {
  const run = readsOf(db);
  const expected: StoredAggregate[] = [];
  const ids = await findSubjectIds(run);
  for (const kind of KINDS) if (ids[kind].length > 0) expected.push(...(await computeAggregates(run, kind, ids[kind])));
  const stored = new Map((await findAllAggregates(run)).map((aggregate) => [aggregate.id, aggregate]));
  const differences: string[] = [];
  for (const want of expected) {
    const have = stored.get(want.id);
    stored.delete(want.id);
    if (!have) {
      differences.push(`${want.id}: no stored aggregate`);
      continue;
    }
    if (have.version !== want.version) {
      differences.push(`${want.id}: stored version ${String(have.version)}, this code's is ${want.version}`);
      continue;
    }
    for (const part of AGGREGATE_PARTS[want.kind]) differences.push(...compareParts(want.id, part, have[part], want[part]));
  }
  for (const id of stored.keys()) differences.push(`${id}: stored, but no such subject`);
  return differences;
}

function compareParts(id: string, part: AggregatePart, stored: string | undefined, computed: string | undefined): string[] {
  if (stored === computed) return [];
  if (stored === undefined || computed === undefined) return [`${id} ${part}: stored ${stored ?? 'nothing'}, computed ${computed ?? 'nothing'}`];
  const have = JSON.parse(stored) as Record<string, unknown>;
  const want = JSON.parse(computed) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(have), ...Object.keys(want)])].sort();
  return fields
    .filter((field) => !isDeepStrictEqual(have[field], want[field]))
    .map((field) => `${id} ${part}.${field}: stored ${JSON.stringify(have[field])}, computed ${JSON.stringify(want[field])}`);
}

/** Why the aggregates cannot serve every read yet, or null when each subject has one of this version. */
export async function describeMissingAggregates(db: Pick<Database, 'readQuery'>): Promise<string | null> {
  const { subjects, current, outdated } = await findAggregateCoverage(readsOf(db), AGGREGATE_VERSION);
  if (outdated > 0) return `${outdated} evidence aggregates are of an older version; restart the server or run npm run evidence:rebuild`;
  if (current < subjects) {
    return `${subjects - current} of ${subjects} subjects have no evidence aggregate (a load is running, or one was interrupted); reads compute them live until start-up or npm run evidence:rebuild rebuilds them`;
  }
  return null;
}

export interface PartRow<T> extends Keyed<T> {
  /** The `fields` asked for, evaluated on the subject. */
  subject: unknown;
}

/**
 * One part of the aggregate of each subject of `kind` in `keys` (null: every subject of the kind), by id. A missing
 * or outdated aggregate is computed live by the function that would have stored it, so a read is never wrong, only
 * slower, while a load runs. `fields`: a constant Cypher expression over `subject` to bring along.
 */
export async function readAggregatePart<T>(run: Run, kind: SubjectKind, part: AggregatePart, keys: Keys | null, fields?: string): Promise<Array<PartRow<T>>> {
  const rows = await findStoredParts(run, kind, part, keys, AGGREGATE_VERSION, fields);
  const missing = rows.flatMap((row) => (row.json === null ? [row.key] : []));
  const computed = new Map(missing.length === 0 ? [] : (await computePart(run, kind, part, missing)).map((row) => [row.key, row.node as T]));
  return rows.flatMap((row) => {
    const node = row.json === null ? computed.get(row.key) : (JSON.parse(row.json) as T);
    return node === undefined ? [] : [{ key: row.key, node, subject: row.subject }];
  });
}

/** Parses parts that a statement read with `storedPart`; those missing (null) are computed live. */
export async function completeParts<T>(
  run: Run,
  kind: SubjectKind,
  part: AggregatePart,
  rows: ReadonlyArray<{ key: string; json: string | null }>,
): Promise<Map<string, T>> {
  const missing = rows.flatMap((row) => (row.json === null ? [row.key] : []));
  const computed = missing.length === 0 ? [] : await computePart(run, kind, part, missing);
  return new Map([
    ...rows.flatMap((row) => (row.json === null ? [] : [[row.key, JSON.parse(row.json) as T] as const])),
    ...computed.map((row) => [row.key, row.node as T] as const),
  ]);
}

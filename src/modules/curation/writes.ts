/**
 * The shape every curation write has, in one place: check that the records an input names exist (NOT_FOUND user
 * errors, every one at once), lock the record a change reads before it writes, create a record once (ALREADY_EXISTS
 * for a taken id, also under a race), apply a partial update, and audit what changed (audit.ts). The mutations of
 * repository.ts are these blocks with their own labels, properties and relationships.
 */
import type { Database, WriteTransaction } from '../../db/database.js';
import { DatabaseError } from '../../db/errors.js';
import type { AuditAction } from '../../generated/resolvers.js';
import { recordChange } from './audit.js';
import { alreadyExists, notFound, type Field, type UserError } from '../shared/user-errors.js';
import type { CuratedLabel, MutationOutcome } from './model.js';

export type Label = CuratedLabel | 'Interview' | 'Source' | 'Determinant';

export const NOUNS: Record<Label, string> = {
  Insight: 'insight',
  Interview: 'interview',
  Source: 'source',
  Determinant: 'determinant',
  SupportOffer: 'support offer',
  PolicyDecision: 'policy decision',
};

export const done = <T>(record: T): MutationOutcome<T> => ({ kind: 'done', record });
export const rejected = <T>(userErrors: UserError[]): MutationOutcome<T> => ({ kind: 'rejected', userErrors });

/** The ids among `ids` that no record of `label` has, as NOT_FOUND errors at `field(index)`. */
export async function checkExisting(tx: WriteTransaction, label: Label, ids: readonly string[], field: (index: number) => Field): Promise<UserError[]> {
  // The label comes from the constant Label type, never from a request.
  const [row] = await tx.run<{ missing: string[] }>(`UNWIND $ids AS id WITH id WHERE NOT EXISTS { MATCH (:${label} {id: id}) } RETURN collect(id) AS missing`, {
    ids,
  });
  const missing = new Set(row?.missing ?? []);
  return ids.flatMap((id, index) => (missing.has(id) ? [notFound(field(index), NOUNS[label], id)] : []));
}

/**
 * Takes the record's write lock and returns its properties (null when there is none). The lock is held until the
 * transaction ends, so concurrent changes to one record run one after the other and each sees the one before it:
 * the audit trail's "before" is always true, and a relationship MERGEd twice at once is still created once.
 */
export async function lockRecord<T>(tx: WriteTransaction, label: CuratedLabel, id: string): Promise<T | null> {
  const [row] = await tx.run<{ node: T }>(`MATCH (n:${label} {id: $id}) SET n._lock = true REMOVE n._lock RETURN properties(n) AS node`, { id });
  return row?.node ?? null;
}

/**
 * Runs a creation. An id already taken is refused up front; identical creations racing past that check all try
 * to CREATE, and the unique constraint on the id lets exactly one of them commit. The others fail with a
 * constraint error (their transactions, audit entry included, roll back), reported as the same ALREADY_EXISTS.
 */
export async function createOnce<T>(
  db: Database,
  label: CuratedLabel,
  id: string,
  field: Field,
  work: (tx: WriteTransaction) => Promise<MutationOutcome<T>>,
): Promise<MutationOutcome<T>> {
  const taken = () => rejected<T>([alreadyExists(field, NOUNS[label], id)]);
  try {
    return await db.writeTransaction(async (tx) => ((await checkExisting(tx, label, [id], () => field)).length === 0 ? taken() : work(tx)));
  } catch (error) {
    if (error instanceof DatabaseError && error.kind === 'constraint') return taken();
    throw error;
  }
}

/** Relationships a created record starts with: from it, one to each target by id, each with properties of its own. */
export interface NewRelationships {
  type: 'FROM' | 'EVIDENCES' | 'ADDRESSES';
  target: Label;
  links: ReadonlyArray<{ id: string; properties?: Record<string, unknown> }>;
}

/** A record to create: its properties, what it references, what it starts linked to, what its audit entry adds. */
export interface NewRecord {
  label: CuratedLabel;
  action: AuditAction;
  /** Where ALREADY_EXISTS points: the input's id field. */
  field: Field;
  properties: { id: string } & Record<string, unknown>;
  /** Properties stored as Neo4j dates, given as ISO text (null: none). */
  dates?: Record<string, string | null>;
  /** The records the input names, checked to exist (in this order, every error at once) before anything is written. */
  references: ReadonlyArray<{ label: Label; ids: readonly string[]; field: (index: number) => Field }>;
  relationships: readonly NewRelationships[];
  /** What the audit entry's `after` holds besides the properties. */
  audit: Record<string, unknown>;
}

/** Creates a curated record in one statement, with its relationships and its audit entry; refuses a taken id. */
export async function createRecord<T>(db: Database, actor: string, record: NewRecord): Promise<MutationOutcome<T>> {
  return createOnce(db, record.label, record.properties.id, record.field, async (tx) => {
    const errors: UserError[] = [];
    for (const reference of record.references) errors.push(...(await checkExisting(tx, reference.label, reference.ids, reference.field)));
    if (errors.length > 0) return rejected(errors);
    const dates = record.dates ?? {};
    // Labels, relationship types and date keys come from the constant records below, never from a request.
    const [row] = await tx.run<{ node: T }>(
      `CREATE (n:${record.label})
       SET n = $properties, n.origin = 'curation', n.createdAt = datetime()
       ${Object.keys(dates)
         .map((key) => `SET n.${key} = date($dates.${key})`)
         .join('\n')}
       WITH n
       ${record.relationships
         .map(
           ({ type, target }, index) => `CALL (n) {
         UNWIND $relationships[${index}] AS link
         MATCH (target:${target} {id: link.id})
         CREATE (n)-[r:${type}]->(target) SET r = link.properties, r.origin = 'curation'
       }`,
         )
         .join('\n')}
       RETURN properties(n) AS node`,
      {
        properties: record.properties,
        dates,
        relationships: record.relationships.map(({ links }) => links.map(({ id, properties }) => ({ id, properties: properties ?? {} }))),
      },
    );
    const after = { ...record.properties, ...record.audit };
    await recordChange(tx, { actor, action: record.action, targetType: record.label, targetId: record.properties.id, before: null, after });
    return done(row!.node);
  });
}

/**
 * Sets the given properties that differ from the stored ones (null removes one) and records the difference.
 * Nothing differs: nothing is written, and there is nothing to audit.
 */
export async function applyUpdate<T extends { id: string }>(
  tx: WriteTransaction,
  actor: string,
  label: CuratedLabel,
  action: AuditAction,
  before: T,
  given: Record<string, unknown>,
): Promise<MutationOutcome<T>> {
  const stored = before as unknown as Record<string, unknown>;
  const keys = Object.keys(given).filter((key) => (stored[key] ?? null) !== given[key]);
  if (keys.length === 0) return done(before);
  const changes = Object.fromEntries(keys.map((key) => [key, given[key]]));
  const [row] = await tx.run<{ node: T }>(`MATCH (n:${label} {id: $id}) SET n += $changes, n.updatedAt = datetime() RETURN properties(n) AS node`, {
    id: before.id,
    changes,
  });
  await recordChange(tx, {
    actor,
    action,
    targetType: label,
    targetId: before.id,
    before: Object.fromEntries(keys.map((key) => [key, stored[key] ?? null])),
    after: changes,
  });
  return done(row!.node);
}

/** The keys of `input` among `keys` that the client gave (null included: it means "remove"). */
export function given(input: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([key, value]) => keys.includes(key) && value !== undefined));
}

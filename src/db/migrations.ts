/**
 * The graph's constraints and indexes, applied idempotently at start-up (every statement is `IF NOT EXISTS`).
 *
 * A uniqueness constraint on every natural key (it also backs the MERGEs of the seed loader), a range index for
 * every property the API filters or sorts on, and a full-text index on insight text. When the list changes, bump
 * SCHEMA_VERSION: readiness (`/ready`) checks that the database carries the version this code expects.
 */
import type { Database } from './database.js';
import { NATURAL_KEYS } from './labels.js';

export const SCHEMA_VERSION = 4;

/** One uniqueness constraint per natural key (db/labels.ts). */
const UNIQUE_KEYS: ReadonlyArray<readonly [label: string, property: string]> = Object.entries(NATURAL_KEYS);

const RANGE_INDEXES: ReadonlyArray<readonly [label: string, properties: readonly string[]]> = [
  ['Trust', ['region']],
  ['Trust', ['type']],
  ['Trust', ['name']],
  ['Implementation', ['status']],
  ['Implementation', ['year']],
  ['Insight', ['sentiment']],
  ['Interview', ['date']],
  ['Determinant', ['category']],
  ['Observation', ['metric', 'period']],
  ['AuditEntry', ['at']],
  ['Appraisal', ['studyId']],
];

/** Whether Neo4j keeps `property` of `label` in a range index (a unique key or a filter): its values are bounded in bytes. */
export function isRangeIndexed(label: string, property: string): boolean {
  return UNIQUE_KEYS.some(([l, p]) => l === label && p === property) || RANGE_INDEXES.some(([l, properties]) => l === label && properties.includes(property));
}

/** Summaries and quotes: searched for researchers, who may read quotes. */
export const INSIGHT_FULLTEXT_INDEX = 'insight_text';
/** Summaries only: searched for everyone else, so a search cannot reveal what a quote says. */
export const INSIGHT_SUMMARY_FULLTEXT_INDEX = 'insight_summary_text';

function schemaStatements(): string[] {
  const constraints = UNIQUE_KEYS.map(
    ([label, property]) => `CREATE CONSTRAINT ${snake(label)}_${snake(property)}_unique IF NOT EXISTS ` + `FOR (n:${label}) REQUIRE n.${property} IS UNIQUE`,
  );
  const indexes = RANGE_INDEXES.map(
    ([label, properties]) =>
      `CREATE INDEX ${snake(label)}_${properties.map(snake).join('_')} IF NOT EXISTS ` + `FOR (n:${label}) ON (${properties.map((p) => `n.${p}`).join(', ')})`,
  );
  const fulltext = [
    `CREATE FULLTEXT INDEX ${INSIGHT_FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Insight) ON EACH [n.summary, n.quote]`,
    `CREATE FULLTEXT INDEX ${INSIGHT_SUMMARY_FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Insight) ON EACH [n.summary]`,
  ];
  return [...constraints, ...indexes, ...fulltext];
}

/** Applies every constraint and index, waits until they are online, then records the schema version. */
export async function applyMigrations(db: Database): Promise<void> {
  for (const statement of schemaStatements()) await db.autoCommit(statement);
  await db.autoCommit('CALL db.awaitIndexes(300)');
  await db.writeQuery(
    `MERGE (m:SchemaMigration {name: 'graph'})
     SET m.version = $version, m.appliedAt = datetime()`,
    { version: SCHEMA_VERSION },
  );
}

/** True when the database carries the schema version this code expects. */
export async function migrationsApplied(db: Database): Promise<boolean> {
  const rows = await db.readQuery<{ version: number }>(`MATCH (m:SchemaMigration {name: 'graph'}) RETURN m.version AS version`);
  return rows[0]?.version === SCHEMA_VERSION;
}

function snake(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

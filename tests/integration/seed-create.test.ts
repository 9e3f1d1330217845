/**
 * The create-only path of the seed loader: into a graph without seed nodes the loader creates instead of merging.
 * It must write exactly the graph merging writes, report every record created, leave a graph the next (merging)
 * load finds unchanged, and never be taken once the graph holds a node of a seed label.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import type { Dataset } from '../../src/seed/format.js';
import { loadDataset, readSeedDirectory } from '../../src/seed/load.js';
import type { SeedReport } from '../../src/seed/report.js';
import { generateSyntheticDataset } from '../../src/seed/synthetic.js';
import { connectTestDatabase, resetDatabase } from '../helpers/database.js';
import { expectEvidenceAggregatesCurrent } from '../helpers/evidence-aggregates.js';
import { BUNDLED_SEEDS } from '../helpers/seed-fixtures.js';

/** Every node and relationship but the schema version, with its labels or type, its ends and typed properties. */
interface GraphDump {
  nodes: string[];
  relationships: string[];
}

/** Properties as [name, value, Cypher type] triples by name, so that an integer stored as a float would differ. */
const TYPED_PROPERTIES = (variable: string) =>
  `COLLECT { UNWIND keys(${variable}) AS key RETURN [key, ${variable}[key], valueType(${variable}[key])] ORDER BY key }`;

async function dumpGraph(db: Database): Promise<GraphDump> {
  const nodes = await db.readQuery(
    `MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:EvidenceAggregate
     RETURN labels(n) AS labels, ${TYPED_PROPERTIES('n')} AS properties`,
  );
  const relationships = await db.readQuery(
    `MATCH (a)-[r]->(b)
     RETURN type(r) AS type, labels(a) AS fromLabels, coalesce(a.id, a.odsCode, a.code) AS from,
            labels(b) AS toLabels, coalesce(b.id, b.odsCode, b.code) AS to, ${TYPED_PROPERTIES('r')} AS properties`,
  );
  const canonical = (rows: Record<string, unknown>[]) => rows.map((row) => JSON.stringify(row)).sort();
  return { nodes: canonical(nodes), relationships: canonical(relationships) };
}

/** Each file's counts other than inFiles, as [file, created, updated, unchanged, notInFiles, removed]. */
function outcomes(report: SeedReport): Array<[string, number, number, number, number, number]> {
  return report.files.map((file) => [file.file, file.created, file.updated, file.unchanged, file.notInFiles, file.removed]);
}

/** Every file created in full: what a load into an empty graph reports. */
function allCreated(dataset: Dataset): Array<[string, number, number, number, number, number]> {
  return Object.entries(dataset).map(([file, rows]) => [file, rows.length, 0, 0, 0, 0]);
}

/** A role the merging writer updates and the create-only writer would collide with. */
const CURATED_ROLE = "CREATE (:Role {id: 'cio', name: 'Curated CIO', origin: 'curation'})";

let db: Database;
let dataset: Dataset;

beforeAll(async () => {
  db = connectTestDatabase();
  // Scale 2: the bundled data plus generated records, so that files span several batches of 100 below.
  dataset = generateSyntheticDataset(await readSeedDirectory(BUNDLED_SEEDS), { scale: 2, seed: 42 });
});

afterAll(async () => {
  await db.close();
});

// Every write path keeps the evidence aggregates current: after each test they equal a fresh computation.
afterEach(async () => {
  await expectEvidenceAggregatesCurrent(db);
});

describe('loading into a graph without seed nodes', () => {
  let created: GraphDump;
  let report: SeedReport;

  beforeAll(async () => {
    await resetDatabase(db);
    report = await loadDataset(db, dataset, { batchSize: 100 });
    created = await dumpGraph(db);
  });

  it('reports every record created, in the report of a merging load', () => {
    expect(report.dryRun).toBe(false);
    expect(report.prune).toBe(false);
    expect(report.records).toBe(3977);
    expect(outcomes(report)).toEqual(allCreated(dataset));
  });

  it('writes exactly the graph that merging writes', async () => {
    // A seed node makes the loader merge; it is removed again before comparing.
    await resetDatabase(db);
    await db.writeQuery("CREATE (:Role {id: 'marker', name: 'Marker', origin: 'seed'})");
    const merged = await loadDataset(db, dataset);
    await db.writeQuery("MATCH (n:Role {id: 'marker'}) DELETE n");

    // The marker belongs to no study, so it is no study's stale record: pruning never counts it.
    expect(outcomes(merged)).toEqual(allCreated(dataset));
    const graph = await dumpGraph(db);
    expect(graph.nodes).toHaveLength(3171);
    expect(graph.relationships).toHaveLength(4323);
    expect(graph).toEqual(created);
  });

  it('is found unchanged by the next load, which merges', async () => {
    await resetDatabase(db);
    await loadDataset(db, dataset);
    const again = await loadDataset(db, dataset);

    expect(outcomes(again)).toEqual(Object.entries(dataset).map(([file, rows]) => [file, 0, 0, rows.length, 0, 0]));
    expect(await dumpGraph(db)).toEqual(created);
  });

  it('leaves a dry run to the merging writer: every record reported as to be created, nothing written', async () => {
    await resetDatabase(db);
    const dryRun = await loadDataset(db, dataset, { dryRun: true });

    expect(dryRun.dryRun).toBe(true);
    expect(outcomes(dryRun)).toEqual(allCreated(dataset));
    expect(await dumpGraph(db)).toEqual({ nodes: [], relationships: [] });
  });

  it('removes nothing with prune, since nothing was there', async () => {
    await resetDatabase(db);
    const pruned = await loadDataset(db, dataset, { prune: true });

    expect(pruned.prune).toBe(true);
    expect(outcomes(pruned)).toEqual(allCreated(dataset));
    expect(await dumpGraph(db)).toEqual(created);
  });
});

describe('loading into a graph that holds a node of a seed label', () => {
  it('merges: a curated role of the same key is updated and stays curated', async () => {
    await resetDatabase(db);
    await db.writeQuery(CURATED_ROLE);
    const report = await loadDataset(db, dataset);

    expect(outcomes(report)).toEqual(allCreated(dataset).map((row) => (row[0] === 'roles.csv' ? ['roles.csv', 6, 1, 0, 0, 0] : row)));
    const [role] = await db.readQuery("MATCH (r:Role {id: 'cio'}) RETURN r.name AS name, r.origin AS origin");
    expect(role).toEqual({ name: 'Chief Information Officer', origin: 'curation' });
  });
});

/**
 * Records the loader wrote earlier that the dataset no longer holds: found before anything is written, counted on
 * every run, removed only on request.
 *
 * Only the records of the study being loaded are ever candidates: its interviews, participants and insights (the
 * records with IN_STUDY to it) and the links from them. Records of another study are never touched, and neither are
 * the records every study shares (trusts, suppliers, sources, determinants, offers, ...): a team's folder or project
 * cannot remove what another dataset brought. Only what the loader owns is removed: nodes and relationships with
 * `origin: 'seed'`; a seed node a curator has linked to (a relationship of another origin) is kept, so pruning never
 * deletes curated work; the report shows it as not in the files but not removed.
 *
 * Finding them takes two scans whatever the number of files (the study's nodes, the links from them), diffed against
 * the dataset here, and only the first for a study the graph holds no record of; statements per kind run only when
 * there is something to remove.
 */
import { SEED_FILES, keyOf, type Dataset, type FileName, type NodeFile } from './format.js';
import { SCOPED_FILES } from './studies.js';
import { timed } from './timing.js';
import { groupLinks, type LinkGroup, type TransactionRunner, type WriteOptions } from './write.js';

export interface StaleCounts {
  /** The study's seed records in the database that the dataset does not hold. */
  notInFiles: number;
  removed: number;
}

/** The share of a study's records that prune may remove without an explicit --yes. */
export const PRUNE_GUARD_SHARE = 0.1;

export interface Stale {
  /** The studies whose records were compared: those of the dataset. */
  studies: string[];
  /** Research records of those studies in the graph, for the guard's share. */
  studyRecords: number;
  nodes: Array<{ spec: NodeFile; keys: string[] }>;
  links: Array<{ file: FileName; group: LinkGroup; pairs: Array<{ from: string; to: string }> }>;
  /** The keys of the studies' seed nodes the scan found, by label: records the writer need not look for. */
  held: Map<string, Set<string>>;
}

/** How many records each file has that the dataset no longer holds, and which (their keys). */
export function staleByFile(stale: Stale): Map<FileName, string[]> {
  const byFile = new Map<FileName, string[]>();
  for (const { file, pairs } of stale.links) byFile.set(file, [...(byFile.get(file) ?? []), ...pairs.map((pair) => `${pair.from} -> ${pair.to}`)]);
  for (const { spec, keys } of stale.nodes) byFile.set(spec.file, [...(byFile.get(spec.file) ?? []), ...keys]);
  return byFile;
}

/** Deletes, in batches, what findStale found; returns the counts per file. */
export async function removeStale(
  runInTransaction: TransactionRunner,
  stale: Stale,
  options: { remove: boolean; batchSize: number; onChange?: WriteOptions['onChange'] },
): Promise<Map<FileName, StaleCounts>> {
  const counts = new Map<FileName, StaleCounts>();
  for (const spec of SEED_FILES) counts.set(spec.file, { notInFiles: 0, removed: 0 });
  // Links first, so that a stale link between stale nodes is counted as a link.
  for (const { file, group, pairs } of stale.links) {
    const total = counts.get(file);
    if (!total) continue;
    total.notInFiles += pairs.length;
    if (options.remove) total.removed += await removeInBatches(runInTransaction, removeLinksCypher(group), pairs, options);
  }
  for (const { spec, keys } of stale.nodes) {
    const total = counts.get(spec.file);
    if (!total) continue;
    total.notInFiles += keys.length;
    if (options.remove) total.removed += await removeInBatches(runInTransaction, removeNodesCypher(spec), keys, options);
  }
  return counts;
}

interface ScannedNode {
  labels: string[];
  keys: Array<string | null>;
}

interface ScannedLink {
  /** The link group's position in the scan's list. */
  group: number;
  from: string | null;
  to: string | null;
}

/** The records of the dataset's studies that the graph holds and the dataset does not. */
export async function findStale(runInTransaction: TransactionRunner, dataset: Dataset): Promise<Stale> {
  const studies = dataset['studies.csv'].filter((row) => row.kind !== 'PUBLISHED_SOURCE').map((row) => String(row.id));
  const scopedLabels = new Set(SCOPED_FILES.map((spec) => spec.label));
  const nodeFiles = SEED_FILES.filter((spec): spec is NodeFile => spec.shape === 'node' && scopedLabels.has(spec.label));
  const linkGroups = SEED_FILES.flatMap((spec) =>
    spec.shape === 'link' ? groupLinks(spec, dataset[spec.file]).map((group) => ({ file: spec.file, group })) : [],
  ).filter(({ group }) => scopedLabels.has(group.from.label) || scopedLabels.has(group.to.label));
  if (studies.length === 0) return { studies, studyRecords: 0, nodes: [], links: [], held: new Map() };
  // Each label's key property is one of a few names; a scan returns all of them and the label picks one.
  const keyProperties = [...new Set(SEED_FILES.flatMap((spec) => (spec.shape === 'node' ? [spec.keyProperty] : [])))];
  const keyList = (variable: string) => `[${keyProperties.map((property) => `${variable}.${property}`).join(', ')}]`;
  const keyIn = (spec: NodeFile, keys: Array<string | null>) => keys[keyProperties.indexOf(spec.keyProperty)] ?? null;

  const scanned = await runInTransaction(async (tx) => {
    const nodes = await timed('stale scan: nodes', () =>
      tx.run<ScannedNode>(`MATCH (n)-[:IN_STUDY]->(s:Study) WHERE s.id IN $studies AND n.origin = 'seed' RETURN labels(n) AS labels, ${keyList('n')} AS keys`, {
        studies,
      }),
    );
    const studyRecords = await tx.run<{ count: number }>('MATCH (n)-[:IN_STUDY]->(s:Study) WHERE s.id IN $studies RETURN count(n) AS count', { studies });
    // A link of the study touches one of its records: with none (a study new to the graph), there is none to read.
    const links =
      (studyRecords[0]?.count ?? 0) === 0 || linkGroups.length === 0
        ? []
        : await timed('stale scan: links', () => tx.run<ScannedLink>(linkScanCypher(linkGroups.map(({ group }) => group)), { studies }));
    return { nodes, studyRecords, links };
  });

  const held = new Map<string, Set<string>>();
  const nodes = nodeFiles.map((spec) => {
    const inFiles = new Set(dataset[spec.file].map((row) => keyOf(spec, row)));
    const inGraph = scanned.nodes
      .filter((node) => node.labels.includes(spec.label))
      .map((node) => keyIn(spec, node.keys))
      .filter((key): key is string => key !== null);
    held.set(spec.label, new Set(inGraph));
    return { spec, keys: inGraph.filter((key) => !inFiles.has(key)) };
  });
  const links = linkGroups.map(({ file, group }, index) => {
    const pairKey = (from: unknown, to: unknown) => JSON.stringify([from, to]);
    const inFiles = new Set(group.rows.map((row) => pairKey(row[group.relationship.from], row[group.relationship.to])));
    const pairs = scanned.links
      .filter((link) => link.group === index)
      .map((link) => ({ from: link.from, to: link.to }))
      .filter((pair): pair is { from: string; to: string } => pair.from !== null && pair.to !== null)
      .filter((pair) => !inFiles.has(pairKey(pair.from, pair.to)));
    return { file, group, pairs };
  });
  return { studies, studyRecords: scanned.studyRecords[0]?.count ?? 0, nodes, links, held };
}

/**
 * One statement for every link group: the seed links of each group's type between its two labels that have an end
 * in the studies (`$studies`), as the keys of their two ends. From the study's own records outwards: a scan of every
 * relationship of these types would read every other study's links too (the bundled EVIDENCES, a large project's
 * WITH), only to drop them. A link with both ends in the studies is read once, from its start.
 */
function linkScanCypher(groups: readonly LinkGroup[]): string {
  const scoped = new Set(SCOPED_FILES.map((spec) => spec.label));
  const inStudies = (variable: string) => `EXISTS { (${variable})-[:IN_STUDY]->(other:Study) WHERE other.id IN $studies }`;
  const parts = groups.flatMap(({ relationship, from, to }, index) => {
    const link = `(a:${from.label})-[r:${relationship.type}]->(b:${to.label})`;
    const found = `RETURN ${index} AS group, a.${from.keyProperty} AS from, b.${to.keyProperty} AS to`;
    return [
      ...(scoped.has(from.label) ? [`MATCH (a:${from.label})-[:IN_STUDY]->(s) MATCH ${link} WHERE r.origin = 'seed' ${found}`] : []),
      ...(scoped.has(to.label)
        ? [`MATCH (b:${to.label})-[:IN_STUDY]->(s) MATCH ${link} WHERE r.origin = 'seed'${scoped.has(from.label) ? ` AND NOT ${inStudies('a')}` : ''} ${found}`]
        : []),
    ];
  });
  return `MATCH (s:Study) WHERE s.id IN $studies
    CALL (s) {
      ${parts.join('\n      UNION ALL\n      ')}
    }
    RETURN group, from, to`;
}

async function removeInBatches(
  runInTransaction: TransactionRunner,
  cypher: string,
  items: readonly unknown[],
  options: { batchSize: number; onChange?: WriteOptions['onChange'] },
): Promise<number> {
  let removed = 0;
  for (let start = 0; start < items.length; start += options.batchSize) {
    const batch = items.slice(start, start + options.batchSize);
    const [row] = await runInTransaction(async (tx) => {
      const result = await tx.run<{ removed: number }>(cypher, { items: batch });
      if ((result[0]?.removed ?? 0) > 0) await options.onChange?.(tx);
      return result;
    });
    removed += row?.removed ?? 0;
  }
  return removed;
}

function removeNodesCypher(spec: NodeFile): string {
  return `
    UNWIND $items AS key
    MATCH (n:${spec.label} {${spec.keyProperty}: key})
    WHERE n.origin = 'seed' AND NOT EXISTS { (n)-[c]-() WHERE coalesce(c.origin, '') <> 'seed' }
    DETACH DELETE n
    RETURN count(*) AS removed`;
}

function removeLinksCypher({ relationship, from, to }: LinkGroup): string {
  return `
    UNWIND $items AS pair
    MATCH (a:${from.label} {${from.keyProperty}: pair.from})-[r:${relationship.type}]->(b:${to.label} {${to.keyProperty}: pair.to})
    WHERE r.origin = 'seed'
    DELETE r
    RETURN count(*) AS removed`;
}

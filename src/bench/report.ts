/** Turns a BenchResult into the printed tables and the verdict on each target of issue 8. */
import type { BenchResult, OperationResult, ScaleResult } from './run.js';
import { ratio } from './stats.js';
import { formatCell, markdownTable, type Cell } from './table.js';

const scaleName = (scale: number) => (scale === 1 ? 'bundled' : `x${scale}`);

/** One row per operation and scale: latency, throughput and the ratios to the floor and the peer. */
/** Each table export of every finding: median and slowest of its sequential requests, and its size. */
export function exportsTable(result: BenchResult): string {
  const rows: Cell[][] = result.scales.flatMap((scale) =>
    (scale.exports ?? []).map((e) => [`GET /tables/${e.file}`, scaleName(scale.scale), e.medianMs, e.maxMs, e.bytes]),
  );
  return rows.length === 0 ? '' : markdownTable(['export (all findings)', 'scale', 'median ms', 'max ms', 'bytes'], rows);
}

export function operationsTable(result: BenchResult): string {
  const header = [
    'operation',
    'scale',
    'queries/req',
    'p50 c1',
    'p95 c1',
    'p99 c1',
    'p50 c16',
    'p95 c16',
    'p99 c16',
    'req/s c16',
    'req/s c64',
    'errors API/raw/peer',
    'raw p50 c1',
    'API/raw p50',
    'peer req/s c16',
    'ours/peer c16',
  ];
  const rows: Cell[][] = [];
  for (const scale of result.scales) {
    for (const op of scale.operations) {
      if (op.skipped || !op.api) {
        rows.push([op.title, scaleName(scale.scale), `skipped: ${op.skipped ?? 'not measured'}`]);
        continue;
      }
      const peerRps = op.peer?.rps16;
      rows.push([
        op.title,
        scaleName(scale.scale),
        op.queriesPerRequest,
        op.api.c1.p50,
        op.api.c1.p95,
        op.api.c1.p99,
        op.api.c16.p50,
        op.api.c16.p95,
        op.api.c16.p99,
        Math.round(op.api.rps16),
        Math.round(op.api.rps64),
        `${op.api.errors}/${op.raw?.errors ?? '-'}/${op.peer?.errors ?? '-'}`,
        op.raw?.c1.p50,
        fixed(ratio(op.api.c1.p50, op.raw?.c1.p50), 2),
        peerRps === undefined ? (op.peerForm === 'none' ? 'n/a' : '-') : Math.round(peerRps),
        peerRatio(op),
      ]);
    }
  }
  return markdownTable(header, rows);
}

function peerRatio(op: OperationResult): Cell {
  const value = fixed(ratio(op.api?.rps16, op.peer?.rps16), 2);
  if (value === null) return op.peerForm === 'none' ? 'n/a' : '-';
  return op.peerForm === 'partial' ? `${value} (partial)` : value;
}

/** Each operation's p50 at c1 on the bundled data and at every larger scale, and the ratio of each to the bundled one. */
export function growthTable(result: BenchResult): string {
  const base = result.scales.find((s) => s.scale === 1);
  const larger = result.scales.filter((s) => s.scale > 1);
  if (!base || larger.length === 0) return '';
  const rows: Cell[][] = base.operations.flatMap((op): Cell[][] => {
    if (!op.api) return [];
    const cells: Cell[] = [op.title, op.api.c1.p50];
    for (const s of larger) {
      const there = s.operations.find((o) => o.id === op.id)?.api?.c1.p50;
      cells.push(there ?? null, fixed(ratio(there, op.api.c1.p50), 2));
    }
    return [cells];
  });
  const header = ['operation', 'p50 c1 bundled', ...larger.flatMap((s) => [`p50 c1 ${scaleName(s.scale)}`, `${scaleName(s.scale)} / bundled`])];
  return markdownTable(header, rows);
}

export function scalesTable(result: BenchResult): string {
  const header = [
    'scale',
    'records',
    'nodes',
    'relationships',
    'seed s',
    'seed records/s',
    'seed s (warm)',
    'seed records/s (warm)',
    'API RSS MB before/after',
    'peer RSS MB before/after',
  ];
  const rows = result.scales.map((s: ScaleResult): Cell[] => [
    scaleName(s.scale),
    s.records,
    s.nodes,
    s.relationships,
    fixed(s.seedSeconds, 1),
    s.seedRecordsPerSecond === null ? null : Math.round(s.seedRecordsPerSecond),
    fixed(s.warmSeedSeconds, 1),
    s.warmSeedRecordsPerSecond === null ? null : Math.round(s.warmSeedRecordsPerSecond),
    `${s.rssMb.api.before} / ${s.rssMb.api.after}`,
    `${s.rssMb.peer.before} / ${s.rssMb.peer.after}`,
  ]);
  return markdownTable(header, rows);
}

export interface Verdict {
  target: string;
  figure: string;
  met: boolean | null;
}

/** Every target of the issue against the measured figure; `met` is null when the figure was not measured. */
export function verdicts(result: BenchResult): Verdict[] {
  const out: Verdict[] = [];
  const byOp = new Map<string, Array<{ scale: number; op: OperationResult }>>();
  for (const s of result.scales) for (const op of s.operations) byOp.set(op.id, [...(byOp.get(op.id) ?? []), { scale: s.scale, op }]);

  for (const [id, list] of byOp) {
    const counts = list.map((x) => x.op.queriesPerRequest).filter((n): n is number => n !== null);
    out.push({
      target: `${id}: queries per request identical at every scale`,
      figure: counts.length ? list.map((x) => `${scaleName(x.scale)}=${x.op.queriesPerRequest ?? '-'}`).join(', ') : 'not measured',
      met: counts.length === list.length && counts.length > 0 ? counts.every((n) => n === counts[0]) : null,
    });
  }
  const at = (scale: number, id: string) => result.scales.find((s) => s.scale === scale)?.operations.find((op) => op.id === id);
  for (const id of ['trusts-page', 'evidence-trail', 'insight-search']) {
    const op = at(10, id);
    const r = ratio(op?.api?.c1.p50, op?.raw?.c1.p50);
    out.push({ target: `${id}: API/raw p50 <= 1.5 at x10 (c1)`, figure: r === null ? 'not measured' : r.toFixed(2), met: r === null ? null : r <= 1.5 });
  }
  for (const s of result.scales) {
    for (const op of s.operations) {
      if (!op.peer) continue;
      const r = ratio(op.api?.rps16, op.peer.rps16);
      out.push({
        target: `${op.id} ${scaleName(s.scale)}: throughput >= 1.2x @neo4j/graphql at c16${op.peerForm === 'partial' ? ' (peer answers part)' : ''}`,
        figure: r === null ? 'not measured' : `${r.toFixed(2)}x`,
        met: r === null ? null : r >= 1.2,
      });
    }
  }
  for (const [scale, limit] of [
    [100, 50],
    [1000, 100],
  ] as const) {
    const trail = at(scale, 'evidence-trail');
    out.push({
      target: `evidence-trail: p99 < ${limit} ms at ${scaleName(scale)}, c16`,
      figure: trail?.api ? `${formatCell(trail.api.c16.p99)} ms` : 'not measured',
      met: trail?.api ? trail.api.c16.p99 < limit : null,
    });
  }
  const growth = ratio(at(1000, 'evidence-trail')?.api?.c1.p50, at(1, 'evidence-trail')?.api?.c1.p50);
  out.push({
    target: 'evidence-trail: p50 at c1 within 1.5x between bundled and x1000',
    figure: growth === null ? 'not measured' : `${growth.toFixed(2)}x`,
    met: growth === null ? null : growth <= 1.5,
  });
  const profile = at(100, 'evidence-profile');
  out.push({
    target: 'evidence-profile: p50 < 200 ms at x100, c1',
    figure: profile?.api ? `${formatCell(profile.api.c1.p50)} ms` : 'not measured',
    met: profile?.api ? profile.api.c1.p50 < 200 : null,
  });
  for (const e of result.scales.find((s) => s.scale === 100)?.exports ?? []) {
    out.push({ target: `export ${e.file} (all findings): < 2 s at x100`, figure: `${e.medianMs} ms (max ${e.maxMs})`, met: e.maxMs < 2000 });
  }
  const seed = result.scales.find((s) => s.scale === 100);
  out.push({
    target: 'seed load >= 20,000 records/s at x100 (fresh server)',
    figure: seed?.seedRecordsPerSecond != null ? `${Math.round(seed.seedRecordsPerSecond)} records/s` : 'not measured',
    met: seed?.seedRecordsPerSecond != null ? seed.seedRecordsPerSecond >= 20_000 : null,
  });
  out.push({
    target: 'seed load >= 20,000 records/s at x100 (warm server, emptied)',
    figure: seed && Number.isFinite(seed.warmSeedRecordsPerSecond) ? `${Math.round(seed.warmSeedRecordsPerSecond!)} records/s` : 'not measured',
    met: seed && Number.isFinite(seed.warmSeedRecordsPerSecond) ? seed.warmSeedRecordsPerSecond! >= 20_000 : null,
  });
  return out;
}

export function verdictTable(list: readonly Verdict[]): string {
  return markdownTable(
    ['target', 'figure', 'met'],
    list.map((v) => [v.target, v.figure, v.met === null ? 'not measured' : v.met ? 'yes' : 'NO']),
  );
}

function fixed(value: number | null, digits: number): number | null {
  return value === null ? null : Number(value.toFixed(digits));
}

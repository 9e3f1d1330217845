/** The bench report's issue-18 verdicts and its growth table, from a hand-made result (no run). */
import { describe, expect, it } from 'vitest';

import { growthTable, verdicts } from '../../src/bench/report.js';
import type { BenchResult, OperationResult, ScaleResult, TargetFigures } from '../../src/bench/run.js';

function figures(p50: number, p99c16: number): TargetFigures {
  return { c1: { p50, p95: p50, p99: p50 }, c16: { p50: p99c16, p95: p99c16, p99: p99c16 }, rps16: 100, rps64: 100, errors: 0 };
}

function trail(p50: number, p99c16: number): OperationResult {
  return { id: 'evidence-trail', title: '2. evidence trail', queriesPerRequest: 3, api: figures(p50, p99c16), peerForm: 'partial' };
}

function scale(n: number, operations: OperationResult[]): ScaleResult {
  return {
    scale: n,
    records: 0,
    seedSeconds: 1,
    seedRecordsPerSecond: null,
    warmSeedSeconds: Number.NaN,
    warmSeedRecordsPerSecond: null,
    nodes: 0,
    relationships: 0,
    subjects: {} as ScaleResult['subjects'],
    rssMb: { api: { before: 0, after: 0 }, raw: { before: 0, after: 0 }, peer: { before: 0, after: 0 } },
    operations,
    exports: [],
  };
}

const result: BenchResult = {
  startedAt: '2026-12-01T00:00:00.000Z',
  options: { scales: [1, 100, 1000], rounds: 1, warmupSeconds: 1, roundSeconds: 1 },
  machine: {},
  scales: [scale(1, [trail(20, 40)]), scale(100, [trail(25, 49)]), scale(1000, [trail(40, 120)])],
};

describe('the bench report', () => {
  it("judges the trail's targets at x100 and x1000 and its growth to x1000", () => {
    const trailVerdicts = verdicts(result).filter((v) => v.target.startsWith('evidence-trail: p'));
    expect(trailVerdicts).toEqual([
      { target: 'evidence-trail: p99 < 50 ms at x100, c16', figure: '49 ms', met: true },
      { target: 'evidence-trail: p99 < 100 ms at x1000, c16', figure: '120 ms', met: false },
      { target: 'evidence-trail: p50 at c1 within 1.5x between bundled and x1000', figure: '2.00x', met: false },
    ]);
  });

  it("gives each operation's p50 at every scale beside its ratio to the bundled data", () => {
    expect(growthTable(result)).toBe(
      [
        '| operation | p50 c1 bundled | p50 c1 x100 | x100 / bundled | p50 c1 x1000 | x1000 / bundled |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        // Cells as every bench table writes them (table.ts): whole numbers bare, others to one decimal.
        '| 2. evidence trail | 20 | 25 | 1.3 | 40 | 2 |',
      ].join('\n'),
    );
  });
});

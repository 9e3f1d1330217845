/**
 * Phase timings of a load or import, for finding where the time goes (the import benchmark): with
 * `EPR_LOAD_TIMING=1` each phase writes `timing: <phase> <seconds> s` to stderr; otherwise nothing is written.
 */
const enabled = process.env.EPR_LOAD_TIMING === '1';

/** Runs `work` and, when timing is on, reports how long it took under `phase`. */
export async function timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
  if (!enabled) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    process.stderr.write(`timing: ${phase} ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  }
}

/** A running total per phase, for work done a batch at a time; `report` writes each total once. */
export function phaseTotals(): { add<T>(phase: string, work: () => Promise<T>): Promise<T>; report(prefix: string): void } {
  const totals = new Map<string, number>();
  return {
    async add(phase, work) {
      if (!enabled) return work();
      const started = performance.now();
      try {
        return await work();
      } finally {
        totals.set(phase, (totals.get(phase) ?? 0) + performance.now() - started);
      }
    },
    report(prefix) {
      if (!enabled) return;
      for (const [phase, ms] of totals) process.stderr.write(`timing: ${prefix} ${phase} ${(ms / 1000).toFixed(2)} s\n`);
      totals.clear();
    },
  };
}

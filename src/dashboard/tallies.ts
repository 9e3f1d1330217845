/**
 * The numbers behind the representativeness and supplier charts, counted from the trusts the dashboard loaded:
 * every trust in England (the population) against the interviewed ones (the engagement sample).
 */
import type { DashboardTrustsQuery } from '../client/index.js';

export type TrustRow = DashboardTrustsQuery['trusts']['nodes'][number];

export interface ShareRow {
  key: string;
  population: number;
  sample: number;
  /** Share of all trusts, 0..1. */
  populationShare: number;
  /** Share of the interviewed trusts, 0..1. */
  sampleShare: number;
}

/** Population and sample counts per value of `group`, largest population first, then by key. */
export function compareSample(trusts: readonly TrustRow[], group: (trust: TrustRow) => string): ShareRow[] {
  const counts = new Map<string, { population: number; sample: number }>();
  for (const trust of trusts) {
    const entry = counts.get(group(trust)) ?? { population: 0, sample: 0 };
    entry.population += 1;
    if (trust.interviewed) entry.sample += 1;
    counts.set(group(trust), entry);
  }
  const totalSample = trusts.filter((trust) => trust.interviewed).length;
  return [...counts.entries()]
    .map(([key, { population, sample }]) => ({
      key,
      population,
      sample,
      populationShare: trusts.length === 0 ? 0 : population / trusts.length,
      sampleShare: totalSample === 0 ? 0 : sample / totalSample,
    }))
    .sort((a, b) => b.population - a.population || a.key.localeCompare(b.key));
}

export interface SupplierRow {
  /** Supplier name, or a status label for trusts without a live EPR. */
  label: string;
  liveTrusts: number;
  interviewedTrusts: number;
}

/** Trusts by the supplier of their current live EPR; trusts without one are counted by EPR status at the end. */
export function tallySuppliers(trusts: readonly TrustRow[]): SupplierRow[] {
  const bySupplier = new Map<string, SupplierRow>();
  const without = new Map<string, SupplierRow>();
  for (const trust of trusts) {
    const supplier = trust.currentImplementation?.supplier.name;
    const label = supplier ?? (trust.eprStatus === 'IN_PROGRESS' ? 'No live EPR: in progress' : 'No EPR recorded');
    const target = supplier ? bySupplier : without;
    const row = target.get(label) ?? { label, liveTrusts: 0, interviewedTrusts: 0 };
    row.liveTrusts += 1;
    if (trust.interviewed) row.interviewedTrusts += 1;
    target.set(label, row);
  }
  const sorted = [...bySupplier.values()].sort((a, b) => b.liveTrusts - a.liveTrusts || a.label.localeCompare(b.label));
  return [...sorted, ...[...without.values()].sort((a, b) => a.label.localeCompare(b.label))];
}

/** LONDON -> London, NORTH_EAST_AND_YORKSHIRE -> North east and yorkshire. */
export function humanise(value: string): string {
  const words = value.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

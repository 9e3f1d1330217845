/** The synthetic generator: deterministic, of the bundled shape, and valid by the loader's own checks. */
import { beforeAll, describe, expect, it } from 'vitest';

import { SEED_FILES, type Dataset, type FileName } from '../../src/seed/format.js';
import { readSeedDirectory } from '../../src/seed/load.js';
import { generateSyntheticDataset, mulberry32 } from '../../src/seed/synthetic.js';
import { checkDataset } from '../../src/seed/validate.js';
import { BUNDLED_SEEDS } from '../helpers/seed-fixtures.js';

function countsOf(dataset: Dataset): Record<FileName, number> {
  return Object.fromEntries(SEED_FILES.map((spec) => [spec.file, dataset[spec.file].length])) as Record<FileName, number>;
}

describe('the synthetic generator', () => {
  let bundled: Dataset;

  beforeAll(async () => {
    bundled = await readSeedDirectory(BUNDLED_SEEDS);
  });

  it('gives the same graph for the same seed, and another for another seed', () => {
    const first = generateSyntheticDataset(bundled, { scale: 3, seed: 42 });
    expect(generateSyntheticDataset(bundled, { scale: 3, seed: 42 })).toEqual(first);
    expect(generateSyntheticDataset(bundled, { scale: 3, seed: 7 })['insights.csv']).not.toEqual(first['insights.csv']);
  });

  it('holds twice the bundled engagement at scale 2, and an implementation for most trusts', () => {
    const counts = countsOf(generateSyntheticDataset(bundled, { scale: 2, seed: 42 }));
    expect(counts).toEqual({
      ...countsOf(bundled),
      'implementations.csv': 172,
      'participants.csv': 66,
      'interviews.csv': 48,
      'interview_participants.csv': 62,
      'insights.csv': 352,
      'insight_determinants.csv': 592,
    });
  });

  it('scales the engagement linearly and keeps the same implementations at every scale', () => {
    const small = generateSyntheticDataset(bundled, { scale: 2, seed: 42 });
    const large = generateSyntheticDataset(bundled, { scale: 100, seed: 42 });
    expect(countsOf(large)['insights.csv']).toBe(17_600);
    expect(countsOf(large)['insight_determinants.csv']).toBe(29_600);
    expect(large['implementations.csv']).toEqual(small['implementations.csv']);
  });

  it('marks every generated record illustrative, cites illustrative-project-data and uses syn- ids', () => {
    const dataset = generateSyntheticDataset(bundled, { scale: 2, seed: 42 });
    const generated = dataset['insights.csv'].filter((row) => String(row.id).startsWith('syn-'));
    expect(generated).toHaveLength(176);
    expect(new Set(generated.map((row) => `${String(row.illustrative)} ${String(row.source_id)}`))).toEqual(new Set(['true illustrative-project-data']));
    const bundledIds = SEED_FILES.flatMap((spec) => bundled[spec.file].map((row) => String(row.id ?? row.code ?? '')));
    expect(bundledIds.filter((id) => id.startsWith('syn-'))).toEqual([]);
  });

  it('passes the checks the loader applies to every dataset', () => {
    expect(checkDataset(generateSyntheticDataset(bundled, { scale: 5, seed: 42 }))).toEqual([]);
  });

  it('refuses a scale that is not a whole number from 1', () => {
    expect(() => generateSyntheticDataset(bundled, { scale: 0, seed: 42 })).toThrow('The scale must be a whole number from 1 (got 0).');
  });
});

describe('mulberry32', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(values);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

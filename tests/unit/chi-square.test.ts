import { describe, expect, it } from 'vitest';

import { chiSquareSurvival } from '../../src/modules/evidence/chi-square.js';

describe('chiSquareSurvival', () => {
  // Reference values from scipy.stats.chi2.sf.
  it.each([
    [2 / 3, 3, 0.8810148425137847],
    [1.5, 3, 0.6822703303362125],
    [2.4, 3, 0.49363462271172787],
    [8 / 3, 2, 0.26359713811572677],
    [3.841458820694124, 1, 0.05],
    [7.814727903251178, 3, 0.05],
    [0.01, 5, 0.9999994699729957],
  ])('gives P(X >= %f) for %i degrees of freedom as the reference does', (statistic, df, expected) => {
    expect(chiSquareSurvival(statistic, df)).toBeCloseTo(expected, 10);
  });

  it('keeps tiny tail probabilities relative-accurate', () => {
    expect(chiSquareSurvival(100, 10) / 5.4497019829205215e-17).toBeCloseTo(1, 8);
  });

  it('is 1 at a statistic of 0 and refuses degrees of freedom below 1', () => {
    expect(chiSquareSurvival(0, 4)).toBe(1);
    expect(() => chiSquareSurvival(1, 0)).toThrow('degrees of freedom must be > 0, got 0');
  });
});

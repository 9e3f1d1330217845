/**
 * Pearson's chi-square goodness-of-fit test of the engagement sample against the trusts of England, on the stratum
 * counts Cypher returns. H0: the sample's trusts fall into the strata in England's proportions.
 */
import type { StratificationDimension } from '../../generated/resolvers.js';
import { chiSquareSurvival } from './chi-square.js';
import type { RepresentativenessTestModel, StratumCountModel, StratumModel } from './model.js';

/** Below this expected count in any stratum the chi-square approximation is unreliable (Cochran's rule). */
export const MIN_EXPECTED_COUNT = 5;
/**
 * A stratum is listed as over- or under-represented when its sample share differs from England's by at least this
 * many percentage points: smaller gaps are within what one trust more or less moves in a sample of a dozen or more.
 */
export const REPRESENTATION_MARGIN_POINTS = 5;

const round = (value: number, places = 6): number => Number(value.toFixed(places));

function toStratum(counts: StratumCountModel, population: number, sample: number): StratumModel {
  const populationShare = population === 0 ? 0 : counts.populationTrusts / population;
  const sampleShare = sample === 0 ? 0 : counts.sampleTrusts / sample;
  return {
    ...counts,
    populationShare: round(populationShare),
    sampleShare: round(sampleShare),
    differencePoints: round((sampleShare - populationShare) * 100, 4),
    expectedSampleTrusts: round(sample * populationShare),
  };
}

/** The test on one dimension; `counts` are that dimension's strata in display order. */
export function testRepresentativeness(dimension: StratificationDimension, counts: readonly StratumCountModel[]): RepresentativenessTestModel {
  const population = counts.reduce((sum, s) => sum + s.populationTrusts, 0);
  const sample = counts.reduce((sum, s) => sum + s.sampleTrusts, 0);
  const strata = counts.map((s) => toStratum(s, population, sample));
  // A stratum with no trusts in England expects no sample trusts and can hold none: it tells the test nothing.
  const tested = strata.filter((s) => s.populationTrusts > 0);
  const degreesOfFreedom = Math.max(tested.length - 1, 0);
  const byDifference = (a: StratumModel, b: StratumModel) => Math.abs(b.differencePoints) - Math.abs(a.differencePoints);
  const overRepresented = strata.filter((s) => s.differencePoints >= REPRESENTATION_MARGIN_POINTS).sort(byDifference);
  const underRepresented = strata.filter((s) => s.differencePoints <= -REPRESENTATION_MARGIN_POINTS).sort(byDifference);

  if (sample === 0 || degreesOfFreedom === 0) {
    return {
      dimension,
      strata,
      chiSquare: null,
      degreesOfFreedom,
      pValue: null,
      reliable: false,
      note: sample === 0 ? 'No trust has an interview: there is no sample to test.' : 'Fewer than two strata have trusts: nothing to test.',
      overRepresented,
      underRepresented,
    };
  }

  const exact = tested.map((s) => {
    const expected = (sample * s.populationTrusts) / population;
    return { expected, term: (s.sampleTrusts - expected) ** 2 / expected };
  });
  const chiSquare = exact.reduce((sum, s) => sum + s.term, 0);
  const small = tested.filter((_, i) => exact[i]!.expected < MIN_EXPECTED_COUNT);
  return {
    dimension,
    strata,
    chiSquare: round(chiSquare),
    degreesOfFreedom,
    pValue: round(chiSquareSurvival(chiSquare, degreesOfFreedom)),
    reliable: small.length === 0,
    note:
      small.length === 0
        ? null
        : `${small.length} of ${tested.length} strata expect fewer than ${MIN_EXPECTED_COUNT} sample trusts ` +
          `(${small.map((s) => s.key).join(', ')}): the chi-square approximation is unreliable; read the differences, ` +
          'not the p-value, or use an exact test.',
    overRepresented,
    underRepresented,
  };
}

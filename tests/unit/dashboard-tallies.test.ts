import { describe, expect, it } from 'vitest';

import { compareSample, humanise, tallySuppliers, type TrustRow } from '../../src/dashboard/tallies.js';

function trust(overrides: Partial<TrustRow>): TrustRow {
  return { odsCode: 'X', region: 'LONDON', type: 'ACUTE', eprStatus: 'NONE_RECORDED', interviewed: false, currentImplementation: null, ...overrides };
}

const live = (name: string) => ({ supplier: { supplierId: name.toLowerCase(), name } });

const trusts = [
  trust({ region: 'LONDON', interviewed: true, eprStatus: 'LIVE', currentImplementation: live('Epic') }),
  trust({ region: 'LONDON', eprStatus: 'LIVE', currentImplementation: live('Epic') }),
  trust({ region: 'LONDON', eprStatus: 'IN_PROGRESS' }),
  trust({ region: 'MIDLANDS', interviewed: true, eprStatus: 'LIVE', currentImplementation: live('Cerner') }),
];

describe('compareSample', () => {
  it('counts the population and the sample per group, largest population first, with shares of each', () => {
    expect(compareSample(trusts, (row) => row.region)).toEqual([
      { key: 'LONDON', population: 3, sample: 1, populationShare: 0.75, sampleShare: 0.5 },
      { key: 'MIDLANDS', population: 1, sample: 1, populationShare: 0.25, sampleShare: 0.5 },
    ]);
  });

  it('gives shares of 0, not NaN, when nobody was interviewed', () => {
    expect(compareSample([trust({})], (row) => row.type)).toEqual([
      { key: 'ACUTE', population: 1, sample: 0, populationShare: 1, sampleShare: 0 },
    ]);
  });
});

describe('tallySuppliers', () => {
  it('counts trusts by live supplier, most first, then trusts without a live EPR by status', () => {
    expect(tallySuppliers([...trusts, trust({})])).toEqual([
      { label: 'Epic', liveTrusts: 2, interviewedTrusts: 1 },
      { label: 'Cerner', liveTrusts: 1, interviewedTrusts: 1 },
      { label: 'No EPR recorded', liveTrusts: 1, interviewedTrusts: 0 },
      { label: 'No live EPR: in progress', liveTrusts: 1, interviewedTrusts: 0 },
    ]);
  });
});

it.each([
  ['LONDON', 'London'],
  ['NORTH_EAST_AND_YORKSHIRE', 'North east and yorkshire'],
])('humanise(%s) is %s', (value, expected) => {
  expect(humanise(value)).toBe(expected);
});

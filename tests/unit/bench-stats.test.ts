import { describe, expect, it } from 'vitest';

import { median, percentile, rate, ratio } from '../../src/bench/stats.js';
import { formatCell, markdownTable } from '../../src/bench/table.js';

describe('benchmark arithmetic', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[7], 7],
  ])('the median of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('the median of nothing is NaN', () => {
    expect(median([])).toBeNaN();
  });

  it.each([
    [50, 5],
    [95, 10],
    [99, 10],
    [10, 1],
    [0, 1],
  ])('the nearest-rank p%d of 1..10 is %d', (p, expected) => {
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], p)).toBe(expected);
  });

  it('refuses a percentile outside 0..100', () => {
    expect(() => percentile([1], 101)).toThrow(/0 to 100, got 101/);
  });

  it('gives no ratio when a side is missing or the divisor is zero', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(undefined, 2)).toBeNull();
    expect(rate(100, 0)).toBeNull();
    expect(rate(100, 4)).toBe(25);
  });
});

describe('benchmark tables', () => {
  it.each([
    [null, '-'],
    [12345, '12,345'],
    [12, '12'],
    [1.234, '1.2'],
    ['n/a', 'n/a'],
  ])('formats %j as %s', (value, expected) => {
    expect(formatCell(value)).toBe(expected);
  });

  it('right-aligns every column after the first', () => {
    expect(markdownTable(['op', 'p50'], [['a', 1.25]])).toBe('| op | p50 |\n| --- | ---: |\n| a | 1.3 |');
  });
});

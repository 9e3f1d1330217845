/**
 * The chi-square survival function, P(X >= x) for X ~ chi-square(df): the regularized upper incomplete gamma
 * function Q(df/2, x/2), from stdlib (`@stdlib/math-base-special-gammainc`, a port of Boost's gamma_q). The upper
 * tail is computed as such, not as 1 - P, so tiny p-values keep their relative accuracy (about 1e-15).
 */
import gammainc from '@stdlib/math-base-special-gammainc';

/** P(X >= statistic) for X ~ chi-square(degreesOfFreedom). */
export function chiSquareSurvival(statistic: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0)) throw new RangeError(`chiSquareSurvival: degrees of freedom must be > 0, got ${degreesOfFreedom}.`);
  if (!(statistic > 0)) return 1;
  return gammainc(statistic / 2, degreesOfFreedom / 2, true, true);
}

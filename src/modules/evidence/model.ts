/**
 * The shapes of the representativeness rules (representativeness.ts), shared by analytics, the GRADE-CERQual
 * suggestions and the dashboard.
 */
import type { StratificationDimension } from '../../generated/resolvers.js';

/** Trusts in one stratum, in England and in the sample, as Cypher counts them. */
export interface StratumCountModel {
  dimension: StratificationDimension;
  key: string;
  label: string;
  populationTrusts: number;
  sampleTrusts: number;
}

export interface StratumModel extends StratumCountModel {
  populationShare: number;
  sampleShare: number;
  differencePoints: number;
  expectedSampleTrusts: number;
}

export interface RepresentativenessTestModel {
  dimension: StratificationDimension;
  strata: StratumModel[];
  chiSquare: number | null;
  degreesOfFreedom: number;
  pValue: number | null;
  reliable: boolean;
  note: string | null;
  overRepresented: StratumModel[];
  underRepresented: StratumModel[];
}

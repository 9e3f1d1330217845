import type { Metric } from '../../generated/resolvers.js';

export interface ObservationModel {
  id: string;
  metric: Metric;
  period: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  sourceId: string;
}

export interface GoLivePerformanceModel {
  goLiveMonth: string;
  metric: Metric;
  before: ObservationModel[];
  after: ObservationModel[];
  meanBefore: number | null;
  meanAfter: number | null;
  change: number | null;
}

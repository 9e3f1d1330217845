/**
 * The performance loaders of a request: observations by id, a trust's observations by metric and months, and the
 * performance around go-lives. Keys that carry arguments are objects, cached by the JSON of their values.
 */
import type { Database } from '../../db/database.js';
import { createOneLoader, PrimedLoader } from '../shared/batch.js';
import { recordLoaders } from '../shared/loaders.js';
import type { GoLivePerformanceModel, ObservationModel } from './model.js';
import { findGoLivePerformance, findObservations, findTrustOdsCodesByObservationIds, performanceKey, type GoLiveKey } from './repository.js';

/** A trust and the arguments of its `performance` field, as the field receives them. */
export type TrustPerformanceKey = { odsCode: string } & Parameters<typeof performanceKey>[1];

export function createPerformanceLoaders(db: Database) {
  const { byKey } = recordLoaders(db);
  return {
    observation: byKey<ObservationModel>('Observation'),
    trustByObservation: createOneLoader((keys) => findTrustOdsCodesByObservationIds(db, keys)),
    /** A trust's observations of a metric, oldest first, in an optional range of months: one statement per batch. */
    observations: new PrimedLoader<TrustPerformanceKey, ObservationModel[]>(
      async (keys) => {
        const rows = await findObservations(
          db,
          keys.map((key) => performanceKey(key.odsCode, key)),
        );
        const lists = keys.map((): ObservationModel[] => []);
        for (const row of rows) lists[Number(row.key)]?.push(row.node);
        return lists;
      },
      {
        cacheKeyFn: (key) => {
          const { odsCode, metric, from, to } = performanceKey(key.odsCode, key);
          return JSON.stringify([odsCode, metric, from, to]);
        },
      },
    ),
    /** An implementation's performance around its go-live (null without one in the data): one statement per batch. */
    goLivePerformance: new PrimedLoader<GoLiveKey, GoLivePerformanceModel | null>(
      async (keys) => {
        const rows = await findGoLivePerformance(db, keys);
        const results = keys.map((): GoLivePerformanceModel | null => null);
        for (const row of rows) results[Number(row.key)] = row.node;
        return results;
      },
      { cacheKeyFn: ({ implementationId, metric, months }) => JSON.stringify([implementationId, metric, months]) },
    ),
  };
}

export type PerformanceLoaders = ReturnType<typeof createPerformanceLoaders>;

/** All Cypher about provider-performance observations. */
import type { Database } from '../../db/database.js';
import type { Metric } from '../../generated/resolvers.js';
import type { Keyed } from '../shared/batch.js';
import type { GoLivePerformanceModel, ObservationModel } from './model.js';

export interface PerformanceKey {
  odsCode: string;
  metric: Metric;
  from: string | null;
  to: string | null;
}

/** A trust's performance key from the arguments of `Trust.performance` (an omitted month is no bound). */
export function performanceKey(odsCode: string, args: { metric: Metric; from?: string | null; to?: string | null }): PerformanceKey {
  return { odsCode, metric: args.metric, from: args.from ?? null, to: args.to ?? null };
}

/** Observations per key (trust, metric, month range), oldest first. Months compare as YYYY-MM strings. */
export async function findObservations(db: Database, keys: readonly PerformanceKey[]): Promise<Array<Keyed<ObservationModel>>> {
  return db.readQuery(
    `UNWIND range(0, size($keys) - 1) AS k
     WITH k, $keys[k] AS q
     MATCH (:Trust {odsCode: q.odsCode})-[:REPORTED]->(o:Observation {metric: q.metric})
     WHERE (q.from IS NULL OR o.period >= q.from) AND (q.to IS NULL OR o.period <= q.to)
     RETURN toString(k) AS key, properties(o) AS node ORDER BY o.period`,
    { keys },
  );
}

export async function findTrustOdsCodesByObservationIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<string>>> {
  return db.readQuery(`UNWIND $keys AS key MATCH (:Observation {id: key})<-[:REPORTED]-(t:Trust) RETURN key, t.odsCode AS node`, { keys });
}

export interface GoLiveKey {
  implementationId: string;
  metric: Metric;
  months: number;
}

/**
 * For each key: the implementation's trust's observations in the `months` months before the go-live month and
 * in the go-live month plus the `months - 1` after it, with the means and their difference, computed in Cypher.
 */
export async function findGoLivePerformance(db: Database, keys: readonly GoLiveKey[]): Promise<Array<Keyed<GoLivePerformanceModel>>> {
  return db.readQuery(
    `UNWIND range(0, size($keys) - 1) AS k
     WITH k, $keys[k] AS q
     MATCH (t:Trust)-[:HAS_IMPLEMENTATION]->(i:Implementation {id: q.implementationId})
     WHERE i.goLiveDate IS NOT NULL
     WITH k, q, t, date.truncate('month', i.goLiveDate) AS goLive
     WITH k, q, t, goLive,
          substring(toString(goLive - duration({months: q.months})), 0, 7) AS firstBefore,
          substring(toString(goLive), 0, 7) AS goLiveMonth,
          substring(toString(goLive + duration({months: q.months - 1})), 0, 7) AS lastAfter
     CALL (t, q, firstBefore, goLiveMonth) {
       OPTIONAL MATCH (t)-[:REPORTED]->(o:Observation {metric: q.metric})
       WHERE o.period >= firstBefore AND o.period < goLiveMonth
       WITH o ORDER BY o.period
       RETURN collect(properties(o)) AS before, round(avg(o.value), 4) AS meanBefore
     }
     CALL (t, q, goLiveMonth, lastAfter) {
       OPTIONAL MATCH (t)-[:REPORTED]->(o:Observation {metric: q.metric})
       WHERE o.period >= goLiveMonth AND o.period <= lastAfter
       WITH o ORDER BY o.period
       RETURN collect(properties(o)) AS after, round(avg(o.value), 4) AS meanAfter
     }
     RETURN toString(k) AS key, {
       goLiveMonth: goLiveMonth, metric: q.metric, before: before, after: after,
       meanBefore: meanBefore, meanAfter: meanAfter, change: round(meanAfter - meanBefore, 4)
     } AS node`,
    { keys },
  );
}

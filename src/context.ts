/**
 * The per-request context: who is asking (the viewer), a database view that counts this request's queries, the read
 * planner, and fresh loaders of every module (their cache is a per-request memo, never shared between requests or
 * users). A module reaches another module's records through `context.loaders`, never by importing its repository.
 */
import type { Viewer } from './auth/viewer.js';
import type { Config } from './config.js';
import { Deadline, QueryMetrics, type Database } from './db/database.js';
import { createAnalyticsLoaders } from './modules/analytics/loaders.js';
import { createConfidenceLoaders } from './modules/confidence/loaders.js';
import { createDeterminantLoaders } from './modules/determinants/loaders.js';
import { createOutcomeLoaders } from './modules/outcomes/loaders.js';
import { createPerformanceLoaders } from './modules/performance/loaders.js';
import { createProvenanceLoaders } from './modules/provenance/loaders.js';
import { createResearchLoaders } from './modules/research/loaders.js';
import { ReadPlanner } from './modules/shared/planner.js';
import { createStudyLoaders } from './modules/studies/loaders.js';
import { createSupplierLoaders } from './modules/suppliers/loaders.js';
import { createTrustLoaders } from './modules/trusts/loaders.js';

export interface Context {
  config: Readonly<Config>;
  /** Who is asking; null when the request has no token and the server admits no anonymous requests. */
  viewer: Viewer | null;
  db: Database;
  metrics: QueryMetrics;
  /** What the query needs below a field, for resolvers that start reads ahead (src/modules/shared/planner.ts). */
  planner: ReadPlanner;
  loaders: Loaders;
}

/** Every module's loaders, by module. A module whose statements bring others' records along is given their loaders to seed. */
export function createLoaders(db: Database) {
  const trusts = createTrustLoaders(db);
  const determinants = createDeterminantLoaders(db);
  const research = createResearchLoaders(db, { trusts, determinants });
  return {
    provenance: createProvenanceLoaders(db),
    studies: createStudyLoaders(db),
    trusts,
    suppliers: createSupplierLoaders(db),
    research,
    determinants,
    outcomes: createOutcomeLoaders(db, { research }),
    performance: createPerformanceLoaders(db),
    analytics: createAnalyticsLoaders(db),
    confidence: createConfidenceLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export function createContext(config: Readonly<Config>, database: Database, viewer: Viewer | null = null): Context {
  const metrics = new QueryMetrics();
  const db = database.withMetrics(metrics, new Deadline(config.requestTimeoutMs));
  return { config, viewer, db, metrics, planner: new ReadPlanner(viewer), loaders: createLoaders(db) };
}

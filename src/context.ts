/**
 * The per-request context: who is asking (the viewer), a database view that counts this request's queries, and
 * fresh DataLoaders (their cache is a per-request memo, never shared between requests or users).
 */
import type { Viewer } from './auth/viewer.js';
import type { Config } from './config.js';
import { Deadline, QueryMetrics, type Database } from './db/database.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface Context {
  config: Readonly<Config>;
  /** Who is asking; null when the request has no token and the server admits no anonymous requests. */
  viewer: Viewer | null;
  db: Database;
  metrics: QueryMetrics;
  loaders: Loaders;
}

export function createContext(config: Readonly<Config>, database: Database, viewer: Viewer | null = null): Context {
  const metrics = new QueryMetrics();
  const db = database.withMetrics(metrics, new Deadline(config.requestTimeoutMs));
  return { config, viewer, db, metrics, loaders: createLoaders(db) };
}

/**
 * The per-request context: a database view that counts this request's queries, and fresh DataLoaders (their
 * cache is a per-request memo, never shared between requests or users).
 */
import type { Config } from './config.js';
import { QueryMetrics, type Database } from './db/database.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface Context {
  config: Readonly<Config>;
  db: Database;
  metrics: QueryMetrics;
  loaders: Loaders;
}

export function createContext(config: Readonly<Config>, database: Database): Context {
  const metrics = new QueryMetrics();
  const db = database.withMetrics(metrics);
  return { config, db, metrics, loaders: createLoaders(db) };
}

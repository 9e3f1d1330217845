/**
 * Every DataLoader of a request, created together so a resolver reaches any of them through the context.
 */
import type { Database } from './db/database.js';

export type Loaders = Record<string, never>;

export function createLoaders(_db: Database): Loaders {
  return {};
}

/**
 * DataLoader factories. A batch function runs one Cypher query for all keys (UNWIND $keys) and returns results in
 * key order, same length: `null` (one) or `[]` (many) for keys without a match. Errors reject the whole batch,
 * which DataLoader hands to every caller of that batch.
 */
import DataLoader from 'dataloader';

export interface Keyed<T> {
  key: string;
  node: T;
}

/** One item (or null) per key. */
export function createOneLoader<T>(fetch: (keys: readonly string[]) => Promise<Array<Keyed<T>>>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (keys) => {
    const byKey = new Map<string, T>();
    for (const row of await fetch(keys)) byKey.set(row.key, row.node);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A list per key, in the order the query returned the rows. */
export function createManyLoader<T>(fetch: (keys: readonly string[]) => Promise<Array<Keyed<T>>>): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const byKey = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) byKey.get(row.key)?.push(row.node);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/** Throws a clear error when a required related record is missing (a broken graph, not bad input). */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Graph integrity: ${what} is missing.`);
  return value;
}

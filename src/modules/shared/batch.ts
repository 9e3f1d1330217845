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
export function createOneLoader<T>(fetch: (keys: readonly string[]) => Promise<Array<Keyed<T>>>): PrimedLoader<string, T | null> {
  return new PrimedLoader<string, T | null>(async (keys) => {
    const byKey = new Map<string, T>();
    for (const row of await fetch(keys)) byKey.set(row.key, row.node);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A list per key, in the order the query returned the rows. */
export function createManyLoader<T>(fetch: (keys: readonly string[]) => Promise<Array<Keyed<T>>>): PrimedLoader<string, T[]> {
  return new PrimedLoader<string, T[]>(async (keys) => {
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

/**
 * A DataLoader that also keeps what it was primed with, so that a resolver can have it synchronously (`get`):
 * graphql-js completes a synchronous value in place, while every promise costs it a chain of microtasks, and a
 * page of 50 trusts with their implementations, products and suppliers resolves hundreds of primed fields.
 */
export class PrimedLoader<K, V> extends DataLoader<K, V, K> {
  private readonly primed = new Map<K, V>();

  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    if (!(value instanceof Error) && !isPromiseLike(value) && !this.primed.has(key)) this.primed.set(key, value);
    return super.prime(key, value);
  }

  override clear(key: K): this {
    this.primed.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.primed.clear();
    return super.clearAll();
  }

  /** The primed value of `key` as it is, or else the promise of loading it. */
  get(key: K): V | Promise<V> {
    return this.primed.has(key) ? (this.primed.get(key) as V) : this.load(key);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/** Applies `next` to a value now, or to a promised one when it comes: a synchronous value stays synchronous. */
export function andThen<T, R>(value: T | Promise<T>, next: (value: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** The record `loader` holds for `key`, which the graph's shape says must exist; see `required`. */
export function loadRequired<K, V>(loader: PrimedLoader<K, V | null>, key: K, what: string): V | Promise<V> {
  return andThen(loader.get(key), (value) => required(value, what));
}

/**
 * The one kind of loader every module builds its loaders from, and the two batch shapes most of them use.
 *
 * `createOneLoader` and `createManyLoader` run one Cypher statement per batch, for all its keys (UNWIND $keys), and
 * return results in key order, same length: `null` (one) or `[]` (many) for keys without a match. A loader whose
 * keys carry arguments (a page, a trail's parts) says in its own doc comment how many statements a batch runs.
 * Errors reject the whole batch, which DataLoader hands to every caller of that batch.
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
 * A DataLoader with one read method, `get`: the value as it is when the request already holds it (primed by a
 * statement that brought it along), else the promise of loading it. graphql-js completes a synchronous value in
 * place, while every promise costs it a chain of microtasks, and a page of 50 trusts with their implementations,
 * products and suppliers resolves hundreds of primed fields; resolvers never have to choose.
 */
export class PrimedLoader<K, V> {
  private readonly loader: DataLoader<K, V, unknown>;
  private readonly primed = new Map<unknown, V>();
  private readonly cacheKey: (key: K) => unknown;

  /** @param options.cacheKeyFn for keys that are objects: the string two equal keys share (as in DataLoader) */
  constructor(batch: DataLoader.BatchLoadFn<K, V>, options: { cacheKeyFn?: (key: K) => string } = {}) {
    this.cacheKey = options.cacheKeyFn ?? ((key: K) => key);
    this.loader = new DataLoader<K, V, unknown>(batch, { cacheKeyFn: this.cacheKey });
  }

  /** The value of `key`: as it is if primed, else the promise of loading it (batched with this tick's other keys). */
  get(key: K): V | Promise<V> {
    const cacheKey = this.cacheKey(key);
    return this.primed.has(cacheKey) ? (this.primed.get(cacheKey) as V) : this.loader.load(key);
  }

  /** Seeds `key` with a value fetched by another statement; the first value primed stays, as in DataLoader. */
  prime(key: K, value: V | Error): this {
    const cacheKey = this.cacheKey(key);
    if (!(value instanceof Error) && !this.primed.has(cacheKey)) this.primed.set(cacheKey, value);
    this.loader.prime(key, value);
    return this;
  }

  /** Forgets `key` (after a write changed it), so that the next `get` loads it again. */
  clear(key: K): this {
    this.primed.delete(this.cacheKey(key));
    this.loader.clear(key);
    return this;
  }
}

/** Applies `next` to a value now, or to a promised one when it comes: a synchronous value stays synchronous. */
export function andThen<T, R>(value: T | Promise<T>, next: (value: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** The record `loader` holds for `key`, which the graph's shape says must exist; see `required`. */
export function loadRequired<K, V>(loader: PrimedLoader<K, V | null>, key: K, what: string): V | Promise<V> {
  return andThen(loader.get(key), (value) => required(value, what));
}

/** The values of `keys` in key order (as `get` gives each: null for a key without a record), in one batch. */
export function getAll<K, V>(loader: PrimedLoader<K, V>, keys: readonly K[]): Promise<V[]> {
  return Promise.all(keys.map(async (key) => loader.get(key)));
}

/** Every record of `keys`, in key order, each of which the graph's shape says must exist; see `required`. */
export function loadAllRequired<K, V>(loader: PrimedLoader<K, V | null>, keys: readonly K[], what: (key: K) => string): Promise<V[]> {
  return Promise.all(keys.map((key) => loadRequired(loader, key, what(key))));
}

/**
 * Starts a read ahead of the resolver that will use it (see src/modules/shared/planner.ts). The loader keeps the
 * promise, so that resolver gets this very result, error included, and reports it; the rejection is marked handled
 * here only for the case that no field is left to report it (its parent came back null), which must not crash the
 * process.
 */
export function startEarly<V>(value: V | Promise<V>): void {
  if (value instanceof Promise) value.catch(() => undefined);
}

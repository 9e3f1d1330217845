/**
 * The thin executor every repository goes through: one session per call, the session closed in `finally`, results
 * converted to plain objects and driver errors mapped to `DatabaseError`. Knows no GraphQL.
 *
 * Reads are single statements run as auto-commit transactions in READ sessions (so a cluster can still route them
 * to any member): one network round trip each, where a managed `executeRead` needs a second one to COMMIT. A
 * request's reads are many and small, so that round trip was a third of their cost. Reads change nothing, so this
 * class retries them itself on the errors the driver would have retried. Writes go through `executeWrite`.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import neo4j, { type BookmarkManager, type Driver, type ManagedTransaction, type QueryResult, type Session } from 'neo4j-driver';

import { DatabaseError, toDatabaseError } from './errors.js';
import { toParameters, toPlain, type Plain } from './values.js';

export type Params = Record<string, unknown>;
export type Row = Record<string, Plain>;

/** Counts the Cypher queries of one unit of work (a GraphQL request), the rows they returned and the server's time. */
export class QueryMetrics {
  queries = 0;
  rows = 0;
  dbTimeMs = 0;

  record(serverTimeMs: number, rows: number): void {
    this.queries += 1;
    this.rows += rows;
    this.dbTimeMs += serverTimeMs;
  }
}

/**
 * The moment a unit of work (a GraphQL request) must have its answer by. Every statement of it gets what is left
 * as its transaction timeout (the server stops the statement) and is also abandoned here when that time passes
 * (a server that does not answer at all, such as a frozen process, cannot stop anything).
 */
export class Deadline {
  private readonly at: number;

  constructor(readonly ms: number) {
    this.at = performance.now() + ms;
  }

  remainingMs(): number {
    return Math.max(0, Math.floor(this.at - performance.now()));
  }

  passed(): DatabaseError {
    return new DatabaseError('deadline', `The request passed its deadline of ${this.ms} ms waiting for the database.`);
  }
}

/** One statement, as a tracer sees it: its text (never its parameters), access mode and database. */
export interface Statement {
  cypher: string;
  mode: 'READ' | 'WRITE';
  database: string | undefined;
}

/**
 * Wraps each statement in a span (src/tracing/). A database without one, as when tracing is off, pays a single
 * check per statement.
 */
export interface StatementTracer {
  trace<R>(statement: Statement, work: () => Promise<R>): Promise<R>;
}

/** Runs statements inside one write transaction; see `Database.writeTransaction`. */
export interface WriteTransaction {
  run<T = Row>(cypher: string, params?: Params): Promise<T[]>;
}

export interface DatabaseOptions {
  /** Neo4j database name; undefined uses the server's default. */
  database?: string | undefined;
  /** Per-transaction timeout the server enforces. */
  queryTimeoutMs?: number;
}

/** How long a transaction (a write in the driver, a read here) keeps retrying transient errors. */
const RETRY_TIME_MS = 3_000;

/** The first pause before a read is retried; it doubles, with jitter, up to the read's retry time. */
const FIRST_RETRY_DELAY_MS = 50;

/**
 * The database every session names. Without NEO4J_DATABASE the first query finds the server's home database;
 * naming it from then on saves the driver a round trip per session to resolve it.
 */
interface DatabaseName {
  value: string | undefined;
}

export class Database {
  /**
   * Bookmarks of this view's writes, created by its first write: a read after a write in the same unit of work (a
   * mutation and its payload) then sees it even when a cluster routes the two to different members. Read-only
   * work carries no bookmarks, which keeps each read a little cheaper.
   */
  private bookmarks: BookmarkManager | undefined;

  constructor(
    readonly driver: Driver,
    private readonly options: DatabaseOptions = {},
    private readonly metrics?: QueryMetrics,
    private readonly databaseName: DatabaseName = { value: options.database },
    private readonly tracer?: StatementTracer,
    private readonly deadline?: Deadline,
  ) {}

  /**
   * A view of this database for one unit of work (a request): it records every query in `metrics` and, with a
   * deadline, fails every statement still running when it passes (DatabaseError kind `deadline`).
   */
  withMetrics(metrics: QueryMetrics, deadline?: Deadline): Database {
    return new Database(this.driver, this.options, metrics, this.databaseName, this.tracer, deadline);
  }

  /** A view of this database whose statements `tracer` wraps in spans (its metrics views keep it). */
  withTracer(tracer: StatementTracer): Database {
    return new Database(this.driver, this.options, this.metrics, this.databaseName, tracer, this.deadline);
  }

  /** Closes the driver and its connections. */
  async close(): Promise<void> {
    await this.driver.close();
  }

  /** Runs one read query; rows come back as plain objects in the order Cypher returned them. */
  async readQuery<T = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    // The hot path: without a tracer, no closure is made.
    if (!this.tracer) return this.readWithRetries<T>(cypher, params);
    return this.traced(cypher, 'READ', () => this.readWithRetries<T>(cypher, params));
  }

  private async readWithRetries<T>(cypher: string, params: Params): Promise<T[]> {
    const deadline = performance.now() + RETRY_TIME_MS;
    for (let delay = FIRST_RETRY_DELAY_MS; ; delay *= 2) {
      try {
        return await this.withSession('READ', async (session) => this.collect<T>(await session.run(cypher, toParameters(params), this.transactionConfig())));
      } catch (error) {
        const pause = delay * (0.8 + Math.random() * 0.4);
        const late = performance.now() + pause > deadline || (this.deadline && this.deadline.remainingMs() < pause);
        if (!isRetryable(error) || late) throw error;
        await sleep(pause);
      }
    }
  }

  /** Runs one write query in its own transaction. */
  async writeQuery<T = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.withSession('WRITE', (session) => session.executeWrite((tx) => this.runIn(tx, cypher, params), this.transactionConfig()));
  }

  /**
   * Runs several statements in one write transaction: all of them commit, or none. The work function may be
   * retried by the driver on transient errors, so it must not have side effects outside the transaction.
   */
  async writeTransaction<R>(work: (tx: WriteTransaction) => Promise<R>): Promise<R> {
    return this.withSession('WRITE', (session) =>
      session.executeWrite(
        (tx) => work({ run: <T = Row>(cypher: string, params: Params = {}) => this.runIn<T>(tx, cypher, params) }),
        this.transactionConfig(),
      ),
    );
  }

  /**
   * Runs statements inside one write transaction that is always rolled back: to learn what a write would change
   * (a dry run) without changing anything. Not retried, since nothing is kept.
   */
  async rehearseTransaction<R>(work: (tx: WriteTransaction) => Promise<R>): Promise<R> {
    return this.withSession('WRITE', async (session) => {
      const tx = session.beginTransaction(this.transactionConfig());
      try {
        return await work({
          run: <T = Row>(cypher: string, params: Params = {}) =>
            this.traced(cypher, 'WRITE', async () => this.collect<T>(await tx.run(cypher, toParameters(params)))),
        });
      } finally {
        if (tx.isOpen()) await tx.rollback();
      }
    });
  }

  /**
   * Runs a query in an auto-commit transaction. Only for `CALL { ... } IN TRANSACTIONS` and schema statements,
   * which Neo4j refuses inside explicit transactions.
   */
  async autoCommit<T = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.traced(cypher, 'WRITE', () => this.withSession('WRITE', async (session) => this.collect<T>(await session.run(cypher, toParameters(params)))));
  }

  private async withSession<R>(mode: 'READ' | 'WRITE', work: (session: Session) => Promise<R>): Promise<R> {
    if (this.deadline && this.deadline.remainingMs() === 0) throw this.deadline.passed();
    if (mode === 'WRITE') this.bookmarks ??= neo4j.bookmarkManager();
    const session = this.driver.session({
      database: this.databaseName.value,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
    });
    let late = false;
    try {
      return await this.beforeDeadline(work(session), () => (late = true));
    } catch (error) {
      throw toDatabaseError(error);
    } finally {
      // A session abandoned at the deadline may wait for a server that does not answer: close it in the background.
      if (late) session.close().catch(() => {});
      else await session.close();
    }
  }

  /** Settles as `work` does, or with the deadline's error when the deadline passes first. */
  private beforeDeadline<R>(work: Promise<R>, onLate: () => void): Promise<R> {
    const deadline = this.deadline;
    if (!deadline) return work;
    let timer: NodeJS.Timeout | undefined;
    const passed = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        onLate();
        reject(deadline.passed());
      }, deadline.remainingMs());
    });
    work.catch(() => {}); // it may fail after the deadline, when nobody waits for it
    return Promise.race([work, passed]).finally(() => clearTimeout(timer));
  }

  private async runIn<T>(tx: ManagedTransaction, cypher: string, params: Params): Promise<T[]> {
    return this.traced(cypher, 'WRITE', async () => this.collect<T>(await tx.run(cypher, toParameters(params))));
  }

  private traced<R>(cypher: string, mode: Statement['mode'], work: () => Promise<R>): Promise<R> {
    return this.tracer ? this.tracer.trace({ cypher, mode, database: this.databaseName.value }, work) : work();
  }

  private collect<T>(result: QueryResult): T[] {
    this.databaseName.value ??= result.summary.database.name ?? undefined;
    const { resultAvailableAfter, resultConsumedAfter } = result.summary;
    this.metrics?.record(Number(resultAvailableAfter ?? 0) + Number(resultConsumedAfter ?? 0), result.records.length);
    return result.records.map((record) => toPlain(record.toObject()) as T);
  }

  /** The transaction timeout the server enforces: the configured one, or what is left of the deadline if less. */
  private transactionConfig() {
    const limits = [this.options.queryTimeoutMs, this.deadline?.remainingMs()].filter((ms) => ms !== undefined && ms > 0);
    return limits.length > 0 ? { timeout: Math.min(...(limits as number[])) } : undefined;
  }
}

/** True for the errors the driver's managed transactions retry: the server or the connection failed, not the query. */
function isRetryable(error: unknown): boolean {
  return error instanceof DatabaseError && neo4j.isRetryableError(error.cause);
}

export interface ConnectOptions extends DatabaseOptions {
  uri: string;
  username: string;
  password: string;
}

/**
 * Creates the driver. Connection and retry timeouts are short on purpose: when Neo4j is down a request should
 * fail within seconds with a clear error rather than hang.
 */
export function connect(options: ConnectOptions): Database {
  const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.username, options.password), {
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 5_000,
    maxTransactionRetryTime: RETRY_TIME_MS,
    maxConnectionPoolSize: 100,
    disableLosslessIntegers: true,
    userAgent: 'epr-evidence-graph',
    logging: { level: 'error', logger: () => {} },
  });
  return new Database(driver, options);
}

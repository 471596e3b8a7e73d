import type { ColumnDefinitionBuilder, DialectAdapter, Expression, Kysely, SelectQueryBuilder } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/**
 * Everything that differs between SQLite and PostgreSQL, in one interface.
 * Each implementation lives in a file named for its dialect; nothing else branches on the dialect.
 */
export interface DialectSupport {
  name: DialectName;
  matches(adapter: DialectAdapter): boolean;
  /** Column type and modifiers of an integer primary key that the database assigns. */
  idColumnType: 'integer' | 'bigint';
  idColumn(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Locks the selected rows until the transaction ends (PostgreSQL FOR UPDATE; SQLite's writer lock already serialises). */
  forUpdate<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /**
   * The same condition, hidden from index selection: SQLite's unary `+` makes the planner read the
   * expression as one opaque term, so it walks the ORDER BY index and stops at the LIMIT instead of
   * searching the condition's index and sorting every match (queue pages, ADR 0027). PostgreSQL's
   * cost-based planner already weighs the two: unchanged there.
   */
  noIndex<T>(expr: Expression<T>): Expression<T>;
  /** Whether a driver error is a unique-constraint violation (mapped to 409 record.conflict). */
  isUniqueViolation(error: unknown): boolean;
  /** Suffix for a claim query that must skip rows other processes hold (jobs). */
  skipLockedClause: string;
  /**
   * How many short jobs the runner puts under one commit by default (ADR 0003): SQLite has one
   * writer and pays a durable commit per transaction; PostgreSQL runs jobs side by side instead.
   */
  jobBatch: number;
  /**
   * How many outbox dispatch batches one process runs side by side (ADR 0031). SQLite: 1, its one
   * writer would only queue them. PostgreSQL: a dispatch is a chain of round trips and a commit
   * that waits for the WAL flush, so several on their own connections overlap those waits;
   * `FOR UPDATE SKIP LOCKED` gives each different events.
   */
  dispatchLanes: number;
  /**
   * How long the outbox dispatcher and the job runner, once woken, let more work gather before
   * they take it (ms). SQLite has one writer and pays a durable commit per transaction: woken at
   * once by every commit, they would each answer with a transaction of their own per message of
   * a stream of mail; a few ms later they take many in one. PostgreSQL runs them side by side: 0.
   */
  backgroundGatherMs: number;
  /**
   * Runs `fn` on one connection whose commits do not wait for the disk: for the queue's own
   * bookkeeping, which a power loss may undo without harm and which no one was told of — job
   * claims, and the outbox dispatch of events without inline subscribers (ADR 0031; lost, the events
   * are dispatched again under the same unique keys; a lost claim leaves the job ready). On SQLite synchronous=NORMAL for those commits
   * (in WAL mode still atomic and uncorrupted; the next durable commit flushes them too, so
   * whatever was acknowledged stays); unchanged on PostgreSQL. Never for a change anyone is told of.
   */
  withoutFlush<T>(db: Kysely<any>, fn: (db: Kysely<any>) => Promise<T>): Promise<T>;
  /**
   * Whether `withoutFlush` really spares commits the wait for the disk (SQLite). Where it does not
   * (PostgreSQL), the outbox dispatcher takes every event in one kind of batch (ADR 0031).
   */
  unflushedCommits: boolean;
  /**
   * Whether commands that open their own unit of work share commits (group-commit.ts, ADR 0029):
   * SQLite serialises every transaction on its one connection and pays a durable flush per
   * commit, so batching them only removes flushes. PostgreSQL runs transactions side by side on
   * its pool; one shared transaction would serialise them instead.
   */
  groupCommit: boolean;
  /**
   * Readies this connection for a bulk load (the bench seed): on SQLite a page cache large enough
   * that index inserts stop re-reading pages (the default 2 MB made a 1 M-ticket load slow down as
   * the indexes grew); nothing on PostgreSQL, whose shared buffers are the server's. Durability is unchanged.
   */
  prepareBulkLoad(db: Kysely<any>): Promise<void>;
  /**
   * After a bulk load: on PostgreSQL `analyze`, so the planner plans with the loaded data's
   * statistics at once instead of its defaults until autovacuum comes by (with none, a rare word's
   * search ANDed a bitmap of 180,000 entries it did not need); nothing on SQLite, whose plans the
   * query-plan tests fix without statistics.
   */
  finishBulkLoad(db: Kysely<any>): Promise<void>;
  /** Every foreign key of the database's own tables (backup orders tables by them). */
  foreignKeys(db: Kysely<any>): Promise<ForeignKey[]>;
  /**
   * After rows were loaded with their ids (restore): moves the table's id generator past the
   * highest id. PostgreSQL's identity sequence does not follow explicit ids; SQLite's
   * AUTOINCREMENT (sqlite_sequence) already does.
   */
  resetIdentity(db: Kysely<any>, table: string): Promise<void>;
  /** Asserts that the connected database is this dialect (used by tests). */
  serverVersion(db: Kysely<unknown>): Promise<string>;
  /**
   * The driver itself, for a prepared read (platform/db/prepared.ts) to run past Kysely's executor,
   * whose connection mutex and promise chain cost more than SQLite takes to answer a small read
   * (ADR 0036); undefined where the executor must run it: on PostgreSQL (its round trip dwarfs
   * that cost), and on SQLite while another caller's transaction holds the one connection (the read
   * then waits for its end, as through Kysely).
   */
  directReader(db: Kysely<any>): DirectReader | undefined;
}

/** Prepares a statement on the driver: synchronous, on the connection `db` would use. */
export interface DirectReader {
  prepare(sql: string): DirectStatement;
}

export interface DirectStatement {
  /** Whether the statement returns rows (only those are run directly). */
  readonly reader: boolean;
  all(parameters: readonly unknown[]): unknown[];
}

/** `table.column` references `references` (its id). */
export interface ForeignKey {
  table: string;
  column: string;
  references: string;
}

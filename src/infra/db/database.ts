// Opens the database named by a URL: SQLite (file:) by default, PostgreSQL for postgres:// and
// postgresql://. Both generated clients have the same model API, so the rest of the code is typed
// once, against the SQLite client's types.
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, resolve } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgres/client.ts";
import BetterSqlite3 from "better-sqlite3";
import { DirectPg, DirectSqlite, prismaSql, type SqlSession } from "./sql-session.ts";
import { inSqliteThreadTransaction } from "./sqlite-thread-session.ts";
import { TrackingPool } from "./tracking-pool.ts";
import { sqliteDriverAdapter } from "./sqlite-driver-adapter.ts";
import { CorkedClient } from "./corked-client.ts";
import { statementNamer } from "./prisma-statement-names.ts";
import { inPgTransaction } from "./pg-transaction.ts";
import type pg from "pg";
import type { FieldCipher } from "../../ports/field-cipher.ts";
import { PLAIN_FIELDS } from "../records/field-cipher.ts";

/**
 * Prisma's errors without a code frame, as production has them (NODE_ENV=production) and tests now
 * too: the default outside production records a call site for every query and, on an error, reads
 * the source file to print it — with the database gone, a replica spent ~1 s formatting the failed
 * tick's and queries' errors while `/livez` waited (chaos suite, load 33; decision 17.s9c-6).
 */
const ERROR_FORMAT = "minimal" as const;
/** Prisma's statements on PostgreSQL get names, one set for the process (prisma-statement-names.ts). */
const prismaNames = statementNamer();

export type Provider = "sqlite" | "postgres";
export type Prisma = SqliteClient;
/** The client inside an interactive transaction. */
export type Tx = Omit<Prisma, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface Database {
  readonly provider: Provider;
  /** Seals and opens the encrypted text columns (findings, rectifications, major-event reports). */
  readonly fields: FieldCipher;
  readonly url: string;
  readonly prisma: Prisma;
  /** Hand-written statements inside one of this database's transactions (sql-session.ts). */
  sql(tx: Tx): SqlSession;
  /** An interactive transaction, with the hand-written statements bound to it. */
  transaction<T>(work: (tx: Tx, sql: SqlSession) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * A unit of work's transaction: on PostgreSQL one Keypost owns (pg-transaction.ts: BEGIN sent
   * with the first statement, Prisma joining only when a model is used); on SQLite `transaction`.
   */
  unit<T>(work: (tx: Tx, sql: SqlSession) => Promise<T>): Promise<T>;
  /**
   * A transaction with no Prisma in it, for work that runs hand-written statements only (the
   * register import): SQLite on a connection of its own, opened for it and closed after (BEGIN
   * IMMEDIATE: the import writes); PostgreSQL on a client of the pool (pg-transaction.ts, Prisma
   * never joining). Prisma's client is never opened for it, so its query compiler (~35 MB
   * resident) is never loaded. An in-memory SQLite database has one connection: Prisma's. On a
   * SQLite file the connection is in a thread of its own (sqlite-thread-session.ts), so the
   * statements run beside the caller's JavaScript; `{ thread: false }` keeps it on this thread.
   */
  driverTransaction<T>(work: (sql: SqlSession) => Promise<T>, options?: DriverTransactionOptions): Promise<T>;
  close(): Promise<void>;
}

export interface TransactionOptions {
  /** How long the transaction may run (default 30 s; a large register import needs minutes). */
  readonly timeoutMs?: number;
}

export interface DriverTransactionOptions {
  /** SQLite file: run the connection in a thread of its own (default true). */
  readonly thread?: boolean;
}

/** A fresh object each time: Prisma writes into the options it is given. */
const transactionOptions = (options?: TransactionOptions) => ({
  timeout: options?.timeoutMs ?? 30_000,
  maxWait: 30_000,
});

export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`unsupported database URL scheme: ${url.split(":")[0]}`);
}

/** file:./data/keypost.db → an absolute path (relative to the working directory); its folder is created. */
export function sqlitePath(url: string): string {
  const path = url.slice("file:".length).split("?")[0] ?? "";
  if (path === ":memory:") return path;
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  return absolute;
}

/** How long a statement waits for another process's write lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 1_000;

export interface DatabaseOptions {
  /** PostgreSQL: connections kept at most (default `defaultPoolSize()`); SQLite has one. */
  readonly poolSize?: number;
}

/**
 * PostgreSQL connections the service keeps at most unless told: twice this machine's cores, plus
 * one — the starting point Prisma documents for a long-running process. More only queue more
 * transactions inside the server: on a 2-core machine, 10 connections (pg's default) ran a press
 * ~6–8 % slower than 5, its appends waiting on each other at the audit log's head (decision 13.s15-1).
 */
export function defaultPoolSize(): number {
  return 2 * availableParallelism() + 1;
}

export function openDatabase(url: string, fields: FieldCipher = PLAIN_FIELDS, options: DatabaseOptions = {}): Database {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const path = sqlitePath(url);
    // better-sqlite3 waits for another process's lock *synchronously*, holding the event loop: a
    // 10 s wait stalled every request (a 401 that needs no database took 19 s). One second, then
    // SQLITE_BUSY, which the HTTP layer answers with 503 (src/infra/database-unavailable.ts).
    let connection: BetterSqlite3.Database | undefined;
    const direct = new DirectSqlite(
      () => connection,
      () => prisma.$connect(),
    );
    // Prisma opens its one connection lazily, through the adapter factory. The factory is Keypost's
    // (sqlite-driver-adapter.ts, the driver-adapter contract Prisma documents): the connection it
    // opens is handed here, so the hot path's statements run on that very connection and transaction.
    const adapter = sqliteDriverAdapter(path, {
      busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS,
      opened: (db) => {
        direct.forget();
        connection = db;
      },
    });
    const prisma = new SqliteClient({ adapter, errorFormat: ERROR_FORMAT });
    return {
      provider,
      fields,
      url,
      prisma,
      sql: () => direct,
      transaction: (work, options) => prisma.$transaction((tx) => work(tx, direct), transactionOptions(options)),
      unit: (work) => prisma.$transaction((tx) => work(tx, direct), transactionOptions()),
      driverTransaction: (work, options) =>
        path === ":memory:"
          ? prisma.$transaction(() => work(direct), transactionOptions({ timeoutMs: DRIVER_TRANSACTION_MS }))
          : options?.thread === false
            ? inOwnSqliteTransaction(path, work)
            : inSqliteThreadTransaction(path, SQLITE_BUSY_TIMEOUT_MS, work),
      close: () => prisma.$disconnect(),
    };
  }
  // The pool is ours (tracking-pool.ts): the first client it hands out inside a unit of work is the
  // one Prisma's adapter began that unit's transaction on, so the hand-written statements go there.
  // Its clients pipeline (pg's `pipeline: true`): a statement queued behind another is sent at
  // once, not after the other's answer — a unit of work's BEGIN leaves with its first statement.
  // Its clients' sockets are Keypost's (corked-client.ts): a unit of work's statements of one turn leave in one write.
  const pool = new TrackingPool({
    connectionString: url,
    max: options.poolSize ?? defaultPoolSize(),
    pipeline: true,
    Client: CorkedClient,
  } as pg.PoolConfig);
  const adapter = new PrismaPg(pool, { statementNameGenerator: prismaNames });
  const client = new PostgresClient({ adapter, errorFormat: ERROR_FORMAT });
  const prisma = client as unknown as Prisma;
  const outside = new DirectPg(pool);
  return {
    provider,
    fields,
    url,
    prisma,
    // Outside a transaction, the hand-written statements go to the pool Keypost owns (any idle
    // client, as Prisma's own would), without Prisma's raw-query mapping: the chat-identity read
    // that starts every press is one. A transaction handed out elsewhere keeps its own client.
    sql: (tx) => (tx === prisma ? outside : prismaSql(tx, provider)),
    transaction: (work, options) =>
      pool.track((held) =>
        prisma.$transaction((tx) => {
          const client = held();
          if (!client) throw new Error("@prisma/adapter-pg began a transaction without taking a client from the pool");
          return work(tx, new DirectPg(client));
        }, transactionOptions(options)),
      ),
    unit: (work) => inPgTransaction(pool, prisma, { timeoutMs: transactionOptions().timeout }, work),
    driverTransaction: (work) =>
      inPgTransaction(pool, prisma, { timeoutMs: DRIVER_TRANSACTION_MS }, (_tx, sql) => work(sql)),
    close: async () => {
      await client.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

/** A driver transaction has no timeout of its own; where Prisma's is involved, an hour (a large import). */
const DRIVER_TRANSACTION_MS = 60 * 60_000;

/** SQLite: `work` in one transaction on a connection opened for it (see Database.driverTransaction). */
async function inOwnSqliteTransaction<T>(path: string, work: (sql: SqlSession) => Promise<T>): Promise<T> {
  const connection = new BetterSqlite3(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    const sql = new DirectSqlite(
      () => connection,
      async () => undefined,
    );
    connection.exec("BEGIN IMMEDIATE");
    let result: T;
    try {
      result = await work(sql);
    } catch (error) {
      if (connection.inTransaction) connection.exec("ROLLBACK");
      throw error;
    }
    connection.exec("COMMIT");
    return result;
  } finally {
    connection.close();
  }
}

/** Runs `work` in a new transaction when given the client, or inside the transaction it is given. */
export function inTransaction<T>(db: Prisma | Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = db as Partial<Pick<Prisma, "$transaction">>;
  if (typeof client.$transaction === "function")
    return (db as Prisma).$transaction((tx) => work(tx), transactionOptions());
  return work(db);
}

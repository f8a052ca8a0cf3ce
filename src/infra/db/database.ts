// Opens the database named by a URL: SQLite (file:) by default, PostgreSQL for postgres:// and
// postgresql://. Both generated clients have the same model API, so the rest of the code is typed
// once, against the SQLite client's types.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgres/client.ts";
import { AsyncLocalStorage } from "node:async_hooks";
import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { DirectPg, DirectSqlite, prismaSql, type SqlSession } from "./sql-session.ts";

export type Provider = "sqlite" | "postgres";
export type Prisma = SqliteClient;
/** The client inside an interactive transaction. */
export type Tx = Omit<Prisma, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface Database {
  readonly provider: Provider;
  readonly url: string;
  readonly prisma: Prisma;
  /** Hand-written statements inside one of this database's transactions (sql-session.ts). */
  sql(tx: Tx): SqlSession;
  /** An interactive transaction, with the hand-written statements bound to it. */
  transaction<T>(work: (tx: Tx, sql: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A fresh object each time: Prisma writes into the options it is given. */
const transactionOptions = () => ({ timeout: 30_000, maxWait: 30_000 });

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

export function openDatabase(url: string): Database {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const path = sqlitePath(url);
    const adapter = new PrismaBetterSqlite3({ url: path, timeout: 10_000 });
    let connection: BetterSqlite3.Database | undefined;
    const direct = new DirectSqlite(
      () => connection,
      () => prisma.$connect(),
    );
    // Prisma opens the connection lazily, through the adapter factory: keep a handle on it so the
    // hot path's statements run on the very connection (and transaction) Prisma's do.
    const connect = adapter.connect.bind(adapter);
    adapter.connect = async () => {
      const opened = await connect();
      const client = (opened as unknown as { client?: BetterSqlite3.Database }).client;
      if (!client || typeof client.prepare !== "function")
        throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection (adapter.client)");
      direct.forget();
      connection = client;
      return opened;
    };
    const prisma = new SqliteClient({ adapter });
    return {
      provider,
      url,
      prisma,
      sql: () => direct,
      transaction: (work) => prisma.$transaction((tx) => work(tx, direct), transactionOptions()),
      close: () => prisma.$disconnect(),
    };
  }
  // Which pooled client holds a transaction is known only to Prisma's adapter: when it starts one,
  // it tells the unit of work that asked (through async context), whose statements then go to that
  // client directly.
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  const asking = new AsyncLocalStorage<{ client?: pg.ClientBase }>();
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const opened = await connect();
    const start = opened.startTransaction.bind(opened);
    opened.startTransaction = async (...args) => {
      const started = await start(...args);
      const holder = asking.getStore();
      const client = (started as unknown as { client?: pg.ClientBase }).client;
      if (holder && client && typeof client.query === "function") holder.client = client;
      return started;
    };
    return opened;
  };
  const client = new PostgresClient({ adapter });
  const prisma = client as unknown as Prisma;
  return {
    provider,
    url,
    prisma,
    sql: (tx) => prismaSql(tx, provider),
    transaction: (work) => {
      const holder: { client?: pg.ClientBase } = {};
      return asking.run(holder, () =>
        prisma.$transaction(
          (tx) => work(tx, holder.client ? new DirectPg(holder.client) : prismaSql(tx, provider)),
          transactionOptions(),
        ),
      );
    },
    close: () => client.$disconnect(),
  };
}

/** Runs `work` in a new transaction when given the client, or inside the transaction it is given. */
export function inTransaction<T>(db: Prisma | Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = db as Partial<Pick<Prisma, "$transaction">>;
  if (typeof client.$transaction === "function")
    return (db as Prisma).$transaction((tx) => work(tx), transactionOptions());
  return work(db);
}

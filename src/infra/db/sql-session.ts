// Hand-written statements for the busiest path (a button press: the person, the token, the notice,
// the audit-log append), written once with PostgreSQL's $n placeholders (see raw-sql.ts).
//
// Through Prisma each statement costs 100–350 µs of CPU (query plan, argument and result mapping,
// the interactive transaction's bookkeeping); a press ran about fifteen. On SQLite the same
// statement run directly on Prisma's own better-sqlite3 connection, prepared once and kept, costs
// about 10 µs. That is safe inside a unit of work: Prisma's SQLite adapter has one connection and
// holds its transaction mutex from BEGIN to COMMIT, so a statement run on that connection while
// the unit of work's callback runs is part of that transaction — exactly as Prisma's own
// statements are. Outside a transaction it behaves as Prisma's own non-transactional statements do.
// On PostgreSQL the transaction lives on one pooled client of a pool Keypost owns and hands to
// Prisma (tracking-pool.ts): the unit of work learns which client Prisma took for its transaction
// and runs the statements on it directly; outside a unit of work (`Database.sql(db.prisma)`) they go
// to that pool (any idle client); inside a transaction begun some other way, through its
// `$queryRawUnsafe`.
//
// Values: dates go in as Date and are stored as Prisma stores them; they come back as Date only when
// the caller converts them with `toDate` (SQLite returns the stored ISO text). Booleans go in as
// 0/1 on SQLite and come back as 0/1 there (true/false on PostgreSQL): read them with `Boolean()`.
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import type { Provider, Tx } from "./database.ts";
import { dialect, executeRaw, positional } from "./raw-sql.ts";
import { statementName } from "./sql/named-statement.ts";

export interface SqlSession {
  /** The rows a query returns, as plain objects keyed by column name. */
  rows<T>(sql: string, ...args: unknown[]): Promise<T[]>;
  /** Runs a statement; the number of rows it changed. */
  run(sql: string, ...args: unknown[]): Promise<number>;
  /**
   * SQLite's own connection only: a statement written with `?` and its values already in order and
   * in SQLite's form (`sqliteValue`), bound as they are — for the register import's multi-row
   * INSERTs, ~1 500 values a statement, where mapping each `$n` value costs more than the insert.
   */
  runPositional?(sql: string, values: readonly unknown[], named?: Readonly<Record<string, unknown>>): Promise<number>;
  /**
   * A write whose answer the caller does not read. In a PostgreSQL unit of work it is sent at once
   * (pipelined behind what is in flight) and resolves without waiting for its answer: the unit checks
   * the answer when it commits, with COMMIT sent behind it (a refused statement turns that COMMIT into
   * a rollback, and the unit throws the refusal). Elsewhere it is `run`, awaited (decision 13.s9p-1).
   */
  queue(sql: string, ...args: unknown[]): Promise<void>;
  /** A PostgreSQL unit of work's pipeline (pg-transaction.ts); absent everywhere else. */
  readonly pipeline?: Pipeline;
  /**
   * The SQLite import's connection in its own thread only (sqlite-thread-session.ts): statements run
   * in the order they are called, and after a refused one every later one (COMMIT too) is refused
   * with its error. A caller may then hand writes over without awaiting them: a refusal surfaces at
   * its next awaited statement, and nothing before it commits (decision 13.s13i-1).
   */
  readonly ordered?: boolean;
}

/** What a PostgreSQL unit of work lets its statements leave for COMMIT (decision 13.s9p-1). */
export interface Pipeline {
  /**
   * `answer` is waited for after COMMIT has been sent behind it; if it fails, the unit fails with its
   * error. A statement the server refused has aborted the transaction, so the COMMIT rolled back.
   */
  atCommit(answer: Promise<unknown>): void;
  /** What this database's pool learned once and keeps (the audit-log writer's hash probe). */
  readonly facts: PoolFacts;
}

/** Facts about one PostgreSQL database, learned by the first unit that needs them, kept by its pool. */
export interface PoolFacts {
  /**
   * "pipelined": the server's SHA-256 of a probe body matched the documented algorithm and the log
   * has a readable head, so audit-log appends may leave with COMMIT; "checked": a stored hash once
   * differed, so every append is checked before COMMIT for the rest of the process.
   */
  auditAppends?: "pipelined" | "checked";
}

/** A date column's value as either engine returns it (Date, ISO text, or epoch milliseconds). */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "string" || typeof value === "number") return new Date(value);
  throw new TypeError(`not a date: ${String(value)}`);
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** Any engine, through the transaction's own raw-query methods. */
export function prismaSql(tx: Tx, provider: Provider): SqlSession {
  return {
    rows: <T>(sql: string, ...args: unknown[]) => {
      const [text, ordered] = dialect(provider, sql, args);
      return tx.$queryRawUnsafe<T[]>(text, ...ordered);
    },
    run: (sql, ...args) => executeRaw(tx, provider, sql, ...args),
    queue: async (sql, ...args) => void (await executeRaw(tx, provider, sql, ...args)),
  };
}

/** How Prisma's SQLite adapter stores a DateTime (ISO 8601 with an explicit offset); booleans as 0/1. */
export function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** A statement prepared once per connection, and where each of its `?` takes its value from. */
interface Prepared {
  readonly statement: BetterSqlite3.Statement;
  /** For each `?` in order, the index of the argument ($n - 1). */
  readonly order: readonly number[];
}

/** Statements prepared once per connection, kept by their text (a fixed set: the hot path's). */
export class DirectSqlite implements SqlSession {
  readonly #prepared = new Map<string, Prepared>();

  /** `open`: makes Prisma open its connection (it does so lazily, on its first statement). */
  constructor(
    private readonly connection: () => BetterSqlite3.Database | undefined,
    private readonly open: () => Promise<void>,
  ) {}

  async #statement(sql: string, args: readonly unknown[]): Promise<[BetterSqlite3.Statement, unknown[]]> {
    let prepared = this.#prepared.get(sql);
    if (!prepared) {
      if (!this.connection()) await this.open();
      const db = this.connection();
      if (!db) throw new Error("the SQLite connection did not open");
      const [text, order] = positional(sql);
      const statement = db.prepare(text);
      if (statement.reader) statement.safeIntegers(false);
      prepared = { statement, order };
      this.#prepared.set(sql, prepared);
    }
    // A plain loop with texts and nulls passed as they are: a register import binds ~1 500 values a
    // statement, and a closure per value with two type checks was a tenth of its CPU.
    const { order } = prepared;
    const values = new Array<unknown>(order.length);
    for (let k = 0; k < order.length; k++) {
      const value = args[order[k]!];
      values[k] = typeof value === "string" || value === null ? value : sqliteValue(value);
    }
    return [prepared.statement, values];
  }

  async rows<T>(sql: string, ...args: unknown[]): Promise<T[]> {
    const [statement, values] = await this.#statement(sql, args);
    return statement.all(values) as T[];
  }

  async run(sql: string, ...args: unknown[]): Promise<number> {
    const [statement, values] = await this.#statement(sql, args);
    return statement.run(values).changes;
  }

  async queue(sql: string, ...args: unknown[]): Promise<void> {
    await this.run(sql, ...args);
  }

  async runPositional(
    sql: string,
    values: readonly unknown[],
    named?: Readonly<Record<string, unknown>>,
  ): Promise<number> {
    let prepared = this.#prepared.get(sql);
    if (!prepared) {
      await this.#statement(sql, []); // prepares it (no $n in the text: nothing to reorder)
      prepared = this.#prepared.get(sql)!;
    }
    return (named ? prepared.statement.run(values, named) : prepared.statement.run(values)).changes;
  }

  /** Statements belong to one connection: forget them when it closes. */
  forget(): void {
    this.#prepared.clear();
  }
}

/** Prisma keeps PostgreSQL timestamps without a zone, in UTC: read them so, whatever the process's zone. */
const PG_TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.TIMESTAMP && format !== "binary"
      ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/** A Date as UTC text (the columns are timestamps without a zone); the rest as pg binds it. */
function pgArg(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** A statement as pg takes it: named when its text was given a name (sql/named-statement.ts: parsed once per connection). */
function pgQuery(sql: string, args: readonly unknown[]): pg.QueryConfig {
  const name = statementName(sql);
  const values = args.map(pgArg);
  return name === undefined ? { text: sql, values, types: PG_TYPES } : { name, text: sql, values, types: PG_TYPES };
}

/** The statements of one PostgreSQL transaction, on the pooled client that holds it (or, outside one, on the pool). */
export class DirectPg implements SqlSession {
  constructor(
    private readonly client: Pick<pg.ClientBase, "query">,
    /** Set for a unit of work's own transaction (pg-transaction.ts): `queue` then leaves its answer to COMMIT. */
    readonly pipeline?: Pipeline,
  ) {}

  async rows<T>(sql: string, ...args: unknown[]): Promise<T[]> {
    const result = await this.client.query(pgQuery(sql, args));
    return result.rows as T[];
  }

  async run(sql: string, ...args: unknown[]): Promise<number> {
    const result = await this.client.query(pgQuery(sql, args));
    return result.rowCount ?? 0;
  }

  async queue(sql: string, ...args: unknown[]): Promise<void> {
    const answer = this.client.query(pgQuery(sql, args));
    if (this.pipeline) this.pipeline.atCommit(answer);
    else await answer;
  }
}

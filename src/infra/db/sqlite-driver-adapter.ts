// Keypost's driver adapter for SQLite: Prisma's queries run on a better-sqlite3 connection Keypost
// opens and owns, through the driver-adapter contract Prisma documents (@prisma/driver-adapter-utils:
// a factory, the connection's queryRaw/executeRaw, transactions). Why not @prisma/adapter-better-sqlite3:
// it prepares every query again — a tenth of a scheduler tick's CPU on SQLite — and the hand-written
// statements that share Prisma's connection had to read its undocumented `client` field to find it
// (decision 13.s17-2). Here each distinct statement text is prepared once per connection, and the
// connection is handed to its owner when it opens.
//
// What crosses the contract is converted as @prisma/adapter-better-sqlite3 7.10.0 converts it, so a
// database written by either reads the same through the other: arguments (DateTime as ISO 8601 text
// ending "+00:00", booleans as 0/1, big integers as BigInt), column types from the declared types
// (inferred from the first non-null value where none is declared), integers read as BigInt and
// handed on as numbers when safe, and SQLite's errors as Prisma's kinds (unique, not-null, foreign
// key, busy). test/infra/sqlite-driver-adapter.test.ts checks each on a real database.
import BetterSqlite3 from "better-sqlite3";
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type ArgType,
  type ColumnType,
  type Error as AdapterErrorPayload,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import { sqliteValue } from "./sql-session.ts";

const ADAPTER_NAME = "keypost-sqlite";
/** Distinct statement texts kept prepared per connection (Prisma's IN lists vary with their length). */
const STATEMENT_CACHE = 500;

/** FIFO of waiters: one transaction at a time on the connection, as Prisma's SQLite adapter does. */
class Turns {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves when it is the caller's turn, with the function that ends it. */
  take(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const before = this.#tail;
    this.#tail = before.then(() => mine);
    return before.then(() => release);
  }
}

class Queryable {
  readonly provider = "sqlite" as const;
  readonly adapterName = ADAPTER_NAME;
  constructor(
    protected readonly db: BetterSqlite3.Database,
    /** The connection's prepared statements by text, shared by its adapter and its transactions. */
    protected readonly statements: Map<string, BetterSqlite3.Statement>,
  ) {}

  /** Prepared once per text (the first prepared goes first when the cache is full). */
  #statement(sql: string): BetterSqlite3.Statement {
    const cache = this.statements;
    let statement = cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (statement.reader) statement.raw(true);
      if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
    }
    return statement;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    try {
      const statement = this.#statement(query.sql);
      const args = argsOf(query);
      if (!statement.reader) {
        statement.run(args);
        return { columnNames: [], columnTypes: [], rows: [] };
      }
      const columns = statement.columns();
      const values = statement.all(args) as unknown[][];
      const columnTypes = columnTypesOf(
        columns.map((c) => c.type),
        values,
      );
      return { columnNames: columns.map((c) => c.name), columnTypes, rows: values.map((r) => rowOf(r, columnTypes)) };
    } catch (error) {
      throw adapterError(error);
    }
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    try {
      return this.#statement(query.sql).run(argsOf(query)).changes;
    } catch (error) {
      throw adapterError(error);
    }
  }
}

class SqliteTransaction extends Queryable implements Transaction {
  readonly options = { usePhantomQuery: false };
  constructor(
    db: BetterSqlite3.Database,
    statements: Map<string, BetterSqlite3.Statement>,
    private readonly release: () => void,
  ) {
    super(db, statements);
  }

  // Prisma sends COMMIT and ROLLBACK itself (usePhantomQuery false); these end the turn.
  async commit(): Promise<void> {
    this.release();
  }

  async rollback(): Promise<void> {
    this.release();
  }

  async createSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `SAVEPOINT ${name}`, args: [], argTypes: [] });
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `ROLLBACK TO ${name}`, args: [], argTypes: [] });
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `RELEASE SAVEPOINT ${name}`, args: [], argTypes: [] });
  }
}

class SqliteAdapter extends Queryable implements SqlDriverAdapter {
  readonly #turns = new Turns();

  async executeScript(script: string): Promise<void> {
    try {
      this.db.exec(script);
    } catch (error) {
      throw adapterError(error);
    }
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE")
      throw new DriverAdapterError({ kind: "InvalidIsolationLevel", level: isolationLevel });
    const release = await this.#turns.take();
    try {
      this.db.exec("BEGIN");
    } catch (error) {
      release();
      throw adapterError(error);
    }
    return new SqliteTransaction(this.db, this.statements, release);
  }

  async dispose(): Promise<void> {
    this.db.close();
  }
}

export interface SqliteConnectionOptions {
  /** How long a statement waits for another process's write lock, in ms, before SQLITE_BUSY. */
  readonly busyTimeoutMs: number;
  /** Told of each connection Prisma's client opens (its one connection), before its first statement. */
  readonly opened?: (db: BetterSqlite3.Database) => void;
}

/** The factory Prisma's client is given (`new PrismaClient({ adapter })`) for the SQLite file at `path`. */
export function sqliteDriverAdapter(
  path: string,
  options: SqliteConnectionOptions,
): SqlMigrationAwareDriverAdapterFactory {
  const open = (file: string) => {
    const db = new BetterSqlite3(file, { timeout: options.busyTimeoutMs });
    db.defaultSafeIntegers(true);
    return db;
  };
  return {
    provider: "sqlite",
    adapterName: ADAPTER_NAME,
    async connect() {
      const db = open(path);
      options.opened?.(db);
      return new SqliteAdapter(db, new Map());
    },
    async connectToShadowDb() {
      return new SqliteAdapter(open(":memory:"), new Map());
    },
  };
}

// ─── values in ───

function argsOf(query: SqlQuery): unknown[] {
  const out = new Array<unknown>(query.args.length);
  for (let i = 0; i < query.args.length; i++) out[i] = argOf(query.args[i], query.argTypes[i]);
  return out;
}

function argOf(arg: unknown, type: ArgType | undefined): unknown {
  if (arg === null) return null;
  const scalar = type?.scalarType;
  if (typeof arg === "string") {
    if (scalar === "int") return Number.parseInt(arg);
    if (scalar === "float" || scalar === "decimal") return Number.parseFloat(arg);
    if (scalar === "bigint") return BigInt(arg);
    if (scalar === "datetime") return sqliteValue(new Date(arg));
    if (scalar === "bytes") return Buffer.from(arg, "base64");
    return arg;
  }
  // Dates and booleans as the hand-written statements store them (and Prisma's own adapter did).
  return sqliteValue(arg);
}

// ─── values out ───

const DECLARED: Record<string, ColumnType> = {
  DECIMAL: ColumnTypeEnum.Numeric,
  FLOAT: ColumnTypeEnum.Float,
  DOUBLE: ColumnTypeEnum.Double,
  "DOUBLE PRECISION": ColumnTypeEnum.Double,
  NUMERIC: ColumnTypeEnum.Double,
  REAL: ColumnTypeEnum.Double,
  TINYINT: ColumnTypeEnum.Int32,
  SMALLINT: ColumnTypeEnum.Int32,
  MEDIUMINT: ColumnTypeEnum.Int32,
  INT: ColumnTypeEnum.Int32,
  INTEGER: ColumnTypeEnum.Int32,
  SERIAL: ColumnTypeEnum.Int32,
  INT2: ColumnTypeEnum.Int32,
  BIGINT: ColumnTypeEnum.Int64,
  "UNSIGNED BIG INT": ColumnTypeEnum.Int64,
  INT8: ColumnTypeEnum.Int64,
  DATETIME: ColumnTypeEnum.DateTime,
  TIMESTAMP: ColumnTypeEnum.DateTime,
  TIME: ColumnTypeEnum.Time,
  DATE: ColumnTypeEnum.Date,
  TEXT: ColumnTypeEnum.Text,
  CLOB: ColumnTypeEnum.Text,
  CHARACTER: ColumnTypeEnum.Text,
  VARCHAR: ColumnTypeEnum.Text,
  "VARYING CHARACTER": ColumnTypeEnum.Text,
  NCHAR: ColumnTypeEnum.Text,
  "NATIVE CHARACTER": ColumnTypeEnum.Text,
  NVARCHAR: ColumnTypeEnum.Text,
  BLOB: ColumnTypeEnum.Bytes,
  BOOLEAN: ColumnTypeEnum.Boolean,
  JSONB: ColumnTypeEnum.Json,
};

/** Each column's type: declared, else that of its first non-null value, else Int32 (an empty or all-null column). */
function columnTypesOf(declared: readonly (string | null)[], rows: readonly unknown[][]): ColumnType[] {
  return declared.map((name, column) => {
    const known = name ? DECLARED[name.toUpperCase()] : undefined;
    if (known !== undefined) return known;
    for (const row of rows) if (row[column] !== null) return inferredType(row[column]);
    return ColumnTypeEnum.Int32;
  });
}

function inferredType(value: unknown): ColumnType {
  switch (typeof value) {
    case "string":
      return ColumnTypeEnum.Text;
    case "bigint":
      return ColumnTypeEnum.Int64;
    case "boolean":
      return ColumnTypeEnum.Boolean;
    case "number":
      return ColumnTypeEnum.UnknownNumber;
    default:
      if (value instanceof ArrayBuffer || value instanceof Uint8Array) return ColumnTypeEnum.Bytes;
      throw new Error(`unexpected value of type ${typeof value} from SQLite`);
  }
}

function rowOf(row: readonly unknown[], types: readonly ColumnType[]): unknown[] {
  const out = new Array<unknown>(row.length);
  for (let i = 0; i < row.length; i++) {
    const value = row[i];
    const type = types[i];
    if (
      typeof value === "number" &&
      (type === ColumnTypeEnum.Int32 || type === ColumnTypeEnum.Int64) &&
      !Number.isInteger(value)
    )
      out[i] = Math.trunc(value);
    else if ((typeof value === "number" || typeof value === "bigint") && type === ColumnTypeEnum.DateTime)
      out[i] = new Date(Number(value)).toISOString();
    else if (typeof value === "bigint") {
      const asNumber = Number(value);
      out[i] = Number.isSafeInteger(asNumber) ? asNumber : value.toString();
    } else out[i] = value;
  }
  return out;
}

// ─── errors ───

const SQLITE_BUSY = 5;
const UNKNOWN_CODE = "UNKNOWN_SQLITE_ERROR_";

/** A better-sqlite3 error as the error Prisma's client maps to its codes (P2002, P2011, …); others as they are. */
function adapterError(error: unknown): unknown {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e?.code !== "string" || typeof e.message !== "string") return error;
  return new DriverAdapterError({
    originalCode: e.code,
    originalMessage: e.message,
    ...mappedError(e.code, e.message),
  } as AdapterErrorPayload);
}

function mappedError(code: string, message: string): object {
  // A constraint's message names its columns as table.column, comma-separated.
  const columns = message.split("constraint failed: ").at(1)?.split(", ");
  const fields = columns?.map((c) => c.split(".").pop()!);
  switch (code) {
    case "SQLITE_CONSTRAINT_UNIQUE":
    case "SQLITE_CONSTRAINT_PRIMARYKEY": {
      const table = columns?.at(0)?.split(".").slice(0, -1).join(".") || undefined;
      return { kind: "UniqueConstraintViolation", constraint: fields ? { fields } : undefined, table };
    }
    case "SQLITE_CONSTRAINT_NOTNULL":
      return { kind: "NullConstraintViolation", constraint: fields ? { fields } : undefined };
    case "SQLITE_CONSTRAINT_FOREIGNKEY":
    case "SQLITE_CONSTRAINT_TRIGGER":
      return { kind: "ForeignKeyConstraintViolation", constraint: { foreignKey: {} } };
  }
  const extended = code.startsWith(UNKNOWN_CODE) ? Number(code.slice(UNKNOWN_CODE.length)) : undefined;
  const extendedCode = Number.isInteger(extended) ? extended : undefined;
  if (code.startsWith("SQLITE_BUSY") || (extendedCode !== undefined && (extendedCode & 0xff) === SQLITE_BUSY))
    return { kind: "SocketTimeout" };
  if (message.startsWith("no such table")) return { kind: "TableDoesNotExist", table: message.split(": ").at(1) };
  if (message.startsWith("no such column")) return { kind: "ColumnNotFound", column: message.split(": ").at(1) };
  if (message.includes("has no column named "))
    return { kind: "ColumnNotFound", column: message.split("has no column named ").at(1) };
  return { kind: "sqlite", extendedCode: extendedCode ?? 1, message };
}

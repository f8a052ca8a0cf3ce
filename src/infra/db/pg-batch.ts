// Statements of one turn sent as one pipelined batch with a single Sync (decision 13.s14p-1).
//
// Why: the PostgreSQL server flushes its answers at every Sync (ReadyForQuery), and node-postgres
// ends every statement with one. A press sent five statements in two round trips (BEGIN and the
// claim; the acknowledgement, the audit-log append and COMMIT): five sends by the server, and five
// answers read here, each through pg's per-query machinery (a Query with its promises, a Result
// and its rows). A batch is one Sync: the server answers a round trip's statements in one send and
// this process reads them in one pass. Measured (13.s14p-1): a press's CPU, process and server,
// fell from 1.54× to 1.42× the bare handler's (medians of fourteen pairs), mostly in this process.
//
// How: a batch is a submittable query (pg's documented extension point, the one pg-cursor uses: an
// object with `submit(connection)` and the `handle…` callbacks), written as a subclass of pg's own
// Query because a client in pipeline mode refuses other submittables (they may keep a portal open
// across round trips; a batch never does: each statement runs to completion in the unnamed portal).
// It writes Bind/Describe/Execute for each statement and one Sync. BEGIN and COMMIT are named
// statements like the others, so a batch may open and close a transaction (the protocol's explicit
// transaction block: BEGIN turns the implicit block into a real one, and it outlives the Sync).
//
// Only statements already parsed on the client go in a batch (`knownParsed`): the first use of a
// named statement on a connection goes through pg's own query, which keeps pg's record of what is
// prepared where; a batch never sends Parse, so that record stays exact.
//
// Describe is sent only while a statement's columns on this connection are not known yet: its
// first batch describes it (a RowDescription, or NoData for a statement without rows) and later
// batches on the same connection leave Describe out and read the rows with the kept shape (decision
// 13.s14q-1). That shape cannot change silently: a named statement's result type is fixed when it
// is parsed, and a migration that changes it makes the server refuse the statement ("cached plan
// must not change result type", 0A000) before any row is sent. On that refusal the shape is
// forgotten here, and the unit destroys the connection with its prepared statements
// (pg-transaction.ts): the next connection parses and describes them afresh.
//
// Errors: after a refused statement the server skips everything up to the Sync. The refused
// statement rejects with the server's error and every later one in the batch with
// `SkippedStatement` — as a statement sent after a refusal in the same transaction would have
// failed with "current transaction is aborted" (25P02). A batch that held COMMIT and failed before
// it leaves the transaction open and aborted: its owner must send ROLLBACK (pg-transaction.ts).
import pg from "pg";

/** One statement of a batch: a named statement already parsed on the client, and its values as text. */
export interface BatchStatement {
  readonly name: string;
  readonly text?: string;
  readonly values: readonly unknown[];
  readonly types?: { getTypeParser: typeof pg.types.getTypeParser };
}

/** What the server sent for a statement skipped after an earlier refusal in its batch: nothing. */
export class SkippedStatement extends Error {
  readonly code = "25P02";
  constructor(override readonly cause: unknown) {
    super("current transaction is aborted: an earlier statement of its batch was refused");
    this.name = "SkippedStatement";
  }
}

interface Pending extends BatchStatement {
  /** The columns known for this statement on the connection it is sent on: Describe left out. */
  shape?: Described;
  readonly answer: Promise<pg.QueryResult>;
  resolve(result: pg.QueryResult): void;
  reject(error: unknown): void;
}

interface Field {
  readonly name: string;
  readonly dataTypeID: number;
  readonly format: string;
}

interface Described {
  readonly names: string[];
  readonly oids: number[];
  readonly parsers: ((text: string) => unknown)[];
}

/**
 * Whether a statement can join a batch. Its values must bind as pg binds them (`textOf`): texts,
 * numbers, booleans, buffers, null, and dates as the UTC text the session gives them (sql-session.ts
 * `pgArg`). An array or another object goes through pg's own query instead, which maps it (an array
 * as a PostgreSQL array literal, an object with `toPostgres` by it): a batch must not bind such a
 * value differently. And it must take its rows as a batch answers them, objects with no fields: a
 * query asking for rows as arrays (`rowMode: "array"`, as Prisma's adapter does, reading the
 * result's fields) goes through pg's own query too.
 */
export function batchable(query: { readonly values?: readonly unknown[]; readonly rowMode?: string }): boolean {
  if (query.rowMode !== undefined) return false;
  for (const value of query.values ?? [])
    if (typeof value === "object" && value !== null && !Buffer.isBuffer(value) && !(value instanceof Date))
      return false;
  return true;
}

/** A value `batchable` admits, as text (pg's own mapping for these; a date as UTC text). */
function textOf(value: unknown): string | Buffer | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || Buffer.isBuffer(value)) return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** A statement's columns on one connection, with the type parsers (`types`) they were read with. */
interface Kept {
  readonly types: BatchStatement["types"];
  readonly shape: Described;
}

/** The kept shapes by connection and statement name (a named statement's result type is fixed on its connection). */
const described = new WeakMap<object, Map<string, Kept>>();

/** No columns: what a statement without rows (NoData) is read with. */
const NO_COLUMNS: Described = { names: [], oids: [], parsers: [] };

/** The SQLSTATE for a prepared statement whose result type a schema change altered. */
export const RESULT_TYPE_CHANGED = "0A000";

/** Which named statements pg has prepared on which client (learned from pg's own queries that succeeded). */
const parsed = new WeakMap<object, Set<string>>();

/** Whether `name` was prepared on `client` by a query that succeeded. */
export function knownParsed(client: object, name: string): boolean {
  return parsed.get(client)?.has(name) ?? false;
}

/** `name` is prepared on `client` (its first query through pg succeeded). */
export function noteParsed(client: object, name: string): void {
  let names = parsed.get(client);
  if (!names) parsed.set(client, (names = new Set()));
  names.add(name);
}

/** pg's Query as a base class: only its constructor is used (the batch writes and reads everything itself). */
const QueryBase = pg.Query as unknown as new (config: { text: string }) => object;

const COMMAND = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/;

export class PgBatch extends QueryBase {
  readonly #statements: Pending[] = [];
  /** Index of the statement whose answer is being read. */
  #at = 0;
  #described: Described | undefined;
  #rows: Record<string, unknown>[] = [];
  #failed = false;
  /** The connection the batch was sent on (its statements' kept shapes). */
  #connection: object | undefined;

  constructor() {
    // pg's Query wants a text or a name; the batch's own `submit` writes what is sent.
    super({ text: "" });
  }

  /** The statements in the order they are sent, each with its answer (what test/support/pg-queries.ts counts). */
  get statements(): readonly { readonly text: string; readonly answer: Promise<pg.QueryResult> }[] {
    return this.#statements.map((s) => ({ text: s.text ?? s.name, answer: s.answer }));
  }

  /** Adds a statement; its answer once the batch's answers reach it. */
  add(statement: BatchStatement): Promise<pg.QueryResult> {
    let resolve!: Pending["resolve"];
    let reject!: Pending["reject"];
    const answer = new Promise<pg.QueryResult>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    const { name, text, values, types } = statement;
    this.#statements.push({ name, text, values, types, answer, resolve, reject });
    return answer;
  }

  submit(connection: pg.Connection): Error | null {
    const stream = (connection as unknown as { stream: { cork?(): void; uncork?(): void } }).stream;
    const con = connection as unknown as {
      bind(config: { statement: string; values: (string | Buffer | null)[] }): void;
      describe(config: { type: "P"; name: string }): void;
      execute(config: { portal: string }): void;
      sync(): void;
    };
    this.#connection = connection;
    const kept = described.get(connection);
    stream.cork?.();
    try {
      for (const s of this.#statements) {
        const known = kept?.get(s.name);
        if (known && known.types === s.types) s.shape = known.shape;
        con.bind({ statement: s.name, values: s.values.map(textOf) });
        if (!s.shape) con.describe({ type: "P", name: "" });
        con.execute({ portal: "" });
      }
      con.sync();
    } finally {
      stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(msg: { fields: Field[] }): void {
    const statement = this.#statements[this.#at];
    if (!statement) return;
    const getTypeParser = statement.types?.getTypeParser ?? pg.types.getTypeParser;
    const fresh: Described = {
      names: msg.fields.map((f) => f.name),
      oids: msg.fields.map((f) => f.dataTypeID),
      parsers: msg.fields.map((f) => getTypeParser(f.dataTypeID, f.format as "text") as (text: string) => unknown),
    };
    this.#keep(statement, fresh);
    this.#described = fresh;
  }

  /** Keeps `shape` as `statement`'s columns on this batch's connection. */
  #keep(statement: Pending, shape: Described): void {
    if (!this.#connection) return;
    let byName = described.get(this.#connection);
    if (!byName) described.set(this.#connection, (byName = new Map()));
    byName.set(statement.name, { types: statement.types, shape });
  }

  handleDataRow(msg: { fields: (string | null)[] }): void {
    const shape = this.#described ?? this.#statements[this.#at]?.shape;
    if (!shape || this.#failed) return;
    const row: Record<string, unknown> = {};
    const { names, parsers } = shape;
    for (let i = 0; i < names.length; i++) {
      const text = msg.fields[i];
      row[names[i]!] = text === null || text === undefined ? null : parsers[i]!(text);
    }
    this.#rows.push(row);
  }

  handleCommandComplete(msg: { text: string }): void {
    const statement = this.#statements[this.#at++];
    const rows = this.#rows;
    this.#rows = [];
    // Described, and no RowDescription came: the server answered NoData, a statement without rows.
    if (statement && !statement.shape && !this.#described) this.#keep(statement, NO_COLUMNS);
    this.#described = undefined;
    if (!statement) return;
    const match = COMMAND.exec(msg.text);
    const command = match?.[1] ?? "";
    const count = match?.[3] ?? match?.[2];
    statement.resolve({
      command,
      rowCount: count === undefined ? null : Number(count),
      rows,
      fields: [],
      oid: 0,
    } as unknown as pg.QueryResult);
  }

  handleEmptyQuery(): void {
    const statement = this.#statements[this.#at++];
    statement?.resolve({ command: "", rowCount: null, rows: [], fields: [], oid: 0 } as unknown as pg.QueryResult);
  }

  handleError(error: unknown): void {
    this.#failed = true;
    const failed = this.#statements[this.#at];
    if (failed && this.#connection && (error as { code?: unknown }).code === RESULT_TYPE_CHANGED)
      described.get(this.#connection)?.delete(failed.name);
    failed?.reject(error);
    for (const skipped of this.#statements.slice(this.#at + 1)) skipped.reject(new SkippedStatement(error));
    this.#at = this.#statements.length;
  }

  handleReadyForQuery(): void {
    // Every statement answered (CommandComplete each); anything left was not answered at all.
    if (this.#at < this.#statements.length) this.handleError(new Error("the batch ended without every answer"));
  }

  handlePortalSuspended(): void {
    this.handleError(new Error("a batched statement's portal was suspended"));
  }

  handleCopyInResponse(connection: pg.Connection): void {
    (connection as unknown as { sendCopyFail(message: string): void }).sendCopyFail("COPY is not batched");
  }
}

// Batched raw SQL for the register import. Prisma writes a row at a time (~0.2 ms each) and binds
// every value as its own parameter (slow past a few thousand); here a whole batch travels as ONE
// bound parameter, a JSON array of row arrays, which the database unpacks itself — SQLite with
// json_each, PostgreSQL with json_array_elements. No value is ever spliced into the SQL text, and
// neither SQLite's bound-parameter limit nor PostgreSQL's 65 535 can be reached.
// Inside an import the statements run on the transaction's own connection (the `SqlSession` of
// database.ts: prepared once and kept on SQLite, the pooled client on PostgreSQL), not through
// Prisma's raw-query methods, which re-prepared each statement and mapped every result value
// (about a third of a 100 000-employee re-import's time, issue 13).
// Inserts, the bulk of a first import, take each engine's fastest plain form instead (decision
// 13.s8i-1): on SQLite a prepared multi-row `VALUES (…), (…)` of a few fixed sizes (no JSON to
// write or unpack), on PostgreSQL one array per column, `SELECT … FROM unnest($1::text[], …)` —
// and PostgreSQL's updates the same way (`UPDATE … FROM unnest(…)`, decision 13.s12g-4), each array
// one literal written here (`arrayLiteral`, 13.s12g-5).
// The JSON form (`insertMode: "json"`) is kept as the reference the equivalence test compares with.
// On PostgreSQL, in a unit of work's own transaction (the import's), a write does not wait for its
// answer (`write`, decision 13.s12g-2): the client pipelines, so the server works through the
// statements while this process reads and checks the next rows; a refused one fails the next read
// or the COMMIT (pg-transaction.ts), and `settle` waits for them all. On SQLite's import thread
// (`SqlSession.ordered`) writes do not wait either (decision 13.s13i-1): the thread runs them in
// order and refuses everything behind a refused one. A bulk load's index builds can
// also be put off (`defer`) until a statement needs them, so they overlap the next file's reading.
import type { Provider } from "../database.ts";
import { sqliteValue, type SqlSession } from "../sql-session.ts";

export type ColumnType = "text" | "bool";

export interface Column {
  readonly name: string;
  readonly type?: ColumnType;
  /**
   * The value given is the code of a row of this table (its unique "code"); the column takes that
   * row's id, looked up by the statement itself (a code nowhere gives NULL, which a NOT NULL column refuses).
   */
  readonly codeOf?: string;
}

/** A record's field holding a code of `table`, whose row's id goes into `column` (see Column.codeOf). */
export interface CodeRef {
  readonly column: string;
  readonly table: string;
}

/**
 * The joins that turn the Column.codeOf columns' codes into ids (`r<i>."id"` for column i), each
 * code's value given by `valueOf(i)`. A LEFT JOIN: a code nowhere gives NULL, which the column's
 * NOT NULL refuses, where an inner join would drop the row unseen. (A scalar sub-select per value
 * cost SQLite seven times as much: a cursor opened per row and column, decision 13.s14i-2.)
 */
function codeJoins(columns: readonly Column[], valueOf: (index: number) => string): string {
  return columns
    .map((c, i) => (c.codeOf === undefined ? "" : ` LEFT JOIN "${c.codeOf}" r${i} ON r${i}."code" = ${valueOf(i)}`))
    .join("");
}

/** What the SELECT of a joined insert takes for column i (see codeJoins). */
function joinedValue(column: Column, i: number, value: string): string {
  return column.codeOf === undefined ? value : `r${i}."id"`;
}

/**
 * SQLite: `into` and `rows` rows of `value(row, column)` placeholders, the `stamps` after each row's
 * values: `VALUES (…), (…)`; with a Column.codeOf, `SELECT … FROM (VALUES …) v LEFT JOIN …`.
 */
function valuesInsert(
  into: string,
  columns: readonly Column[],
  rows: number,
  value: (row: number, column: number) => string,
  stamps: readonly string[],
): string {
  const joined = columns.some((c) => c.codeOf !== undefined);
  const tuple = (r: number) => `(${[...columns.map((_, c) => value(r, c)), ...(joined ? [] : stamps)].join(", ")})`;
  const tuples = Array.from({ length: rows }, (_, r) => tuple(r)).join(", ");
  if (!joined) return `${into} VALUES ${tuples}`;
  const select = [...columns.map((c, i) => joinedValue(c, i, `v.column${i + 1}`)), ...stamps].join(", ");
  return `${into} SELECT ${select} FROM (VALUES ${tuples}) v${codeJoins(columns, (i) => `v.column${i + 1}`)}`;
}

/**
 * SQLite: the `keys` of `size` records from `from`, in SQLite's form, as one statement's values. A
 * function of its own: it reads each table's records (four shapes in a first load), and V8 optimises
 * it again for each new shape — cheap for these few lines, where the whole of insertRecords was
 * compiled seven times in a first load (decision 13.s14i-7).
 */
function recordValues<T extends object>(
  records: readonly T[],
  keys: readonly (keyof T & string)[],
  from: number,
  size: number,
): unknown[] {
  const width = keys.length;
  const values = new Array<unknown>(size * width);
  let v = 0;
  for (let r = from; r < from + size; r++) {
    const record = records[r]!;
    for (let c = 0; c < width; c++) {
      const value: unknown = record[keys[c]!];
      values[v++] = typeof value === "string" || value === null ? value : sqliteValue(value);
    }
  }
  return values;
}

/** Rows per statement: big enough that round trips do not matter, small enough to keep memory flat. */
export const BATCH_ROWS = 1000;

const PG_CAST: Record<ColumnType, string> = { text: "", bool: "::boolean" };

/** How `insert` sends rows: one array per column / multi-row VALUES (`bulk`), or one JSON parameter (`json`). */
export type InsertMode = "bulk" | "json";

/**
 * SQLite: rows per multi-row INSERT, largest first. A batch is cut into statements of these sizes,
 * so a handful of statement texts is ever prepared (kept per connection), whatever the batch's length.
 */
const SQLITE_VALUES_ROWS = [128, 16, 4, 1] as const;

/** PostgreSQL: rows per unnest INSERT (one parameter per column, so no parameter limit is near). */
const PG_UNNEST_ROWS = 5000;

/**
 * PostgreSQL: writes sent and not yet answered, at most (`write`). Enough to keep the server busy
 * while this process prepares the next chunk; few enough that their values' memory stays small.
 */
const PG_IN_FLIGHT = 32;

/**
 * SQLite on the import's own thread (`SqlSession.ordered`): writes handed over and not yet answered,
 * at most. A first load's chunk of 1 000 employees is ~30 statements: this lets the importer run a
 * few chunks ahead of the thread, each statement's values held as the message's copy (outside V8's
 * heap), not as the chunk's records (decision 13.s13i-1).
 */
const SQLITE_IN_FLIGHT = 48;

/** Statements put off until one that needs them (`defer`). */
interface Deferred {
  /** The tables whose reads must come after them (named, quoted, in the read's text). */
  readonly tables: readonly string[];
  /** Statements without values (a bulk load's index builds and keys), sent in this order. */
  readonly statements: readonly string[];
}

export class RegisterSql {
  /** PostgreSQL unit of work: writes sent and not yet awaited, oldest first. */
  readonly #inFlight: Promise<unknown>[] = [];
  /** …and those without values (DDL), not counted against PG_IN_FLIGHT. */
  readonly #unbounded: Promise<unknown>[] = [];
  readonly #deferred: Deferred[] = [];

  constructor(
    readonly provider: Provider,
    /** Where the statements run: the transaction's own connection, or `prismaSql` outside one. */
    readonly session: SqlSession,
    readonly insertMode: InsertMode = "bulk",
  ) {}

  /** Whether writes leave without waiting for their answers: a PostgreSQL unit of work's own client. */
  get pipelined(): boolean {
    return this.provider === "postgres" && this.session.pipeline !== undefined;
  }

  /**
   * Runs a statement whose answer nobody reads. Pipelined (PostgreSQL, see the header): sent at once
   * behind what is in flight and resolved without its answer once fewer than PG_IN_FLIGHT are
   * unanswered (the oldest's refusal is thrown here; any refusal fails the unit's COMMIT as well).
   * Elsewhere it is awaited. Anything put off by `defer` is sent first.
   */
  async write(sql: string, ...args: unknown[]): Promise<void> {
    if (this.session.ordered) {
      await this.#handOver(this.session.run(sql, ...args));
      return;
    }
    const pipeline = this.provider === "postgres" ? this.session.pipeline : undefined;
    if (!pipeline) {
      await this.session.run(sql, ...args);
      return;
    }
    this.sendDeferred();
    const answer = this.session.run(sql, ...args);
    pipeline.atCommit(answer);
    // Only statements carrying rows count against the bound: a bulk load's DDL (index builds, keys)
    // holds no values, and waiting on it would stop this process while the server builds.
    if (args.length === 0) {
      this.#unbounded.push(answer);
      return;
    }
    this.#inFlight.push(answer);
    while (this.#inFlight.length > PG_IN_FLIGHT) await this.#inFlight.shift();
  }

  /**
   * SQLite on an `ordered` session: the write's answer is not waited for (a refusal fails every later
   * statement, so the next read, `settle` or COMMIT throws it) unless SQLITE_IN_FLIGHT are unanswered;
   * then the oldest is awaited. Undefined when nothing need be awaited, so that a batch's statements
   * leave in one synchronous stretch (one message to the thread).
   */
  #handOver(answer: Promise<unknown>): Promise<unknown> | undefined {
    answer.catch(() => undefined); // awaited by settle or past the bound; a refusal surfaces there
    this.#inFlight.push(answer);
    return this.#inFlight.length > SQLITE_IN_FLIGHT ? this.#drainTo(SQLITE_IN_FLIGHT / 2) : undefined;
  }

  /**
   * Waits until at most `count` writes are unanswered. Down to half the bound, not just below it:
   * the statements after the wait then leave together in one message, where waiting for one answer
   * at a time sent each statement alone (~4 200 messages for a 100 000-employee import, each a
   * wake-up of both threads; decision 13.s13i-2).
   */
  async #drainTo(count: number): Promise<void> {
    while (this.#inFlight.length > count) await this.#inFlight.shift();
  }

  /**
   * Statements without values put off (pipelined only; elsewhere they run now, in order) until the
   * next write, a read naming one of `tables`, or `settle` — whichever comes first.
   */
  async defer(tables: readonly string[], statements: readonly string[]): Promise<void> {
    if (this.pipelined) this.#deferred.push({ tables, statements });
    else for (const statement of statements) await this.write(statement);
  }

  /** Sends what was put off, and waits for every write's answer: the first refusal is thrown. */
  async settle(): Promise<void> {
    this.sendDeferred();
    while (this.#inFlight.length > 0) await this.#inFlight.shift();
    while (this.#unbounded.length > 0) await this.#unbounded.shift();
  }

  /** Before a read: what was put off for a table it names is sent first (it would read without the indexes). */
  beforeRead(sql: string): void {
    this.before((table) => sql.includes(`"${table}"`));
  }

  /** Sends what was put off, if any of it is for a table `concerns`. */
  before(concerns: (table: string) => boolean): void {
    if (this.#deferred.some((d) => d.tables.some(concerns))) this.sendDeferred();
  }

  /**
   * Sends everything put off, in the order it was put off, without waiting for the answers. All of
   * it leaves in this one synchronous stretch (each `run` hands its statement to the client before
   * it returns), so no other caller's statement can come between.
   */
  sendDeferred(): void {
    const pipeline = this.session.pipeline;
    if (!pipeline) return;
    for (const { statements } of this.#deferred.splice(0))
      for (const statement of statements) {
        const answer = this.session.run(statement);
        pipeline.atCommit(answer);
        this.#unbounded.push(answer);
      }
  }

  /** The i-th value of the current batch element, typed for the column. */
  #element(index: number, type: ColumnType = "text"): string {
    return this.provider === "sqlite" ? `j.value->>${index}` : `(j.e->>${index})${PG_CAST[type]}`;
  }

  get #batch(): string {
    return this.provider === "sqlite" ? "json_each($1) AS j" : "json_array_elements($1::json) AS j(e)";
  }

  /** `"column" IN (…the texts of the JSON array in $1…)`. */
  inList(column: string): string {
    return this.provider === "sqlite"
      ? `${column} IN (SELECT value FROM json_each($1))`
      : `${column} IN (SELECT json_array_elements_text($1::json))`;
  }

  /** `$2`, the statement's timestamp (createdAt, updatedAt), typed for the database. */
  get #stamp(): string {
    return this.provider === "sqlite" ? "$2" : "$2::timestamp(3)";
  }

  /** Inserts rows (arrays of `columns`' values); the `stamped` columns all get `at`. */
  async insert(
    table: string,
    columns: readonly Column[],
    rows: readonly (readonly unknown[])[],
    stamped?: { columns: readonly string[]; at: Date },
  ): Promise<void> {
    if (rows.length === 0) return;
    const names = [...columns.map((c) => c.name), ...(stamped?.columns ?? [])].map((n) => `"${n}"`).join(", ");
    const into = `INSERT INTO "${table}" (${names})`;
    const at = stamped ? [stamped.at] : [];
    if (this.insertMode === "json") {
      const values = [
        ...columns.map((c, i) => joinedValue(c, i, this.#element(i, c.type))),
        ...(stamped?.columns ?? []).map(() => this.#stamp),
      ].join(", ");
      const joins = codeJoins(columns, (i) => this.#element(i));
      return this.execute(`${into} SELECT ${values} FROM ${this.#batch}${joins}`, rows, at);
    }
    if (this.provider === "postgres") return this.#unnest(into, columns, rows.length, (r, c) => rows[r]![c], stamped);
    return this.#values(into, columns, rows, stamped);
  }

  /**
   * Inserts records whose fields are named as the table's columns (`keys`, in column order): the
   * statements' values are read from the records as they are bound, with no array made per row.
   * Same statements and rows as `insert` of the records' values (which the JSON form still takes).
   */
  async insertRecords<T extends object>(
    table: string,
    keys: readonly (keyof T & string)[],
    records: readonly T[],
    stamped?: { columns: readonly string[]; at: Date },
    refs?: Readonly<Partial<Record<keyof T & string, CodeRef>>>,
  ): Promise<void> {
    if (records.length === 0) return;
    const columns: Column[] = keys.map((k) => {
      const ref = refs?.[k];
      return ref ? { name: ref.column, codeOf: ref.table } : { name: k };
    });
    const direct = this.session.runPositional?.bind(this.session);
    if (this.insertMode === "json" || (this.provider === "sqlite" && !direct)) {
      const rows = records.map((r) => keys.map((k) => r[k]));
      return this.insert(table, columns, rows, stamped);
    }
    const names = [...columns.map((c) => c.name), ...(stamped?.columns ?? [])].map((n) => `"${n}"`).join(", ");
    const into = `INSERT INTO "${table}" (${names})`;
    if (this.provider === "postgres")
      return this.#unnest(into, columns, records.length, (r, c) => records[r]![keys[c]!], stamped);
    const named = stamped ? { at: sqliteValue(stamped.at) } : undefined;
    const stamps = (stamped?.columns ?? []).map(() => "@at");
    // Every statement is handed over before any answer is awaited: on a connection in its own thread
    // (sqlite-thread-session.ts) the worker writes them while this thread goes on (a fresh array of
    // values per statement, as a statement not yet run may still hold its array).
    // On an `ordered` session (the thread) they are not awaited here at all (#handOver).
    const ordered = this.session.ordered === true;
    const written: Promise<number>[] = [];
    let i = 0;
    for (const size of SQLITE_VALUES_ROWS) {
      if (records.length - i < size) continue;
      const sql = valuesInsert(into, columns, size, () => "?", stamps);
      for (; records.length - i >= size; i += size) {
        const answer = direct!(sql, recordValues(records, keys, i, size), named);
        if (!ordered) written.push(answer);
        else {
          const oldest = this.#handOver(answer);
          if (oldest) await oldest;
        }
      }
    }
    await Promise.all(written);
  }

  /** SQLite: `VALUES ($1, …), ($k, …)` per row, the stamp one parameter after the rows' values. */
  async #values(
    into: string,
    columns: readonly Column[],
    rows: readonly (readonly unknown[])[],
    stamped?: { columns: readonly string[]; at: Date },
  ): Promise<void> {
    const direct = this.session.runPositional?.bind(this.session);
    if (direct) return this.#positional(direct, into, columns, rows, stamped);
    const width = columns.length;
    const args: unknown[] = [];
    let i = 0;
    for (const size of SQLITE_VALUES_ROWS) {
      if (rows.length - i < size) continue;
      const stamp = `$${size * width + 1}`;
      const stamps = (stamped?.columns ?? []).map(() => stamp);
      const sql = valuesInsert(into, columns, size, (r, c) => `$${r * width + c + 1}`, stamps);
      for (; rows.length - i >= size; i += size) {
        args.length = 0;
        for (let r = i; r < i + size; r++) for (const value of rows[r]!) args.push(value);
        if (stamped) args.push(stamped.at);
        await this.session.run(sql, ...args);
      }
    }
  }

  /** SQLite on its own connection: `?` placeholders, the values bound as they are, in order. */
  async #positional(
    run: (sql: string, values: readonly unknown[], named?: Readonly<Record<string, unknown>>) => Promise<number>,
    into: string,
    columns: readonly Column[],
    rows: readonly (readonly unknown[])[],
    stamped?: { columns: readonly string[]; at: Date },
  ): Promise<void> {
    const named = stamped ? { at: sqliteValue(stamped.at) } : undefined;
    const stamps = (stamped?.columns ?? []).map(() => "@at");
    const width = columns.length;
    // On an `ordered` session the statements are handed over unawaited (#handOver), each with an
    // array of its own (a statement not yet sent may still hold its array).
    const ordered = this.session.ordered === true;
    let values: unknown[] = [];
    let i = 0;
    for (const size of SQLITE_VALUES_ROWS) {
      if (rows.length - i < size) continue;
      const sql = valuesInsert(into, columns, size, () => "?", stamps);
      for (; rows.length - i >= size; i += size) {
        // Sized once, not grown by push (each doubling copied it).
        if (ordered) values = new Array<unknown>(size * width);
        else values.length = size * width;
        let v = 0;
        for (let r = i; r < i + size; r++) {
          const row = rows[r]!;
          for (let c = 0; c < width; c++) {
            const value = row[c];
            values[v++] = typeof value === "string" || value === null ? value : sqliteValue(value);
          }
        }
        if (!ordered) await run(sql, values, named);
        else {
          const oldest = this.#handOver(run(sql, values, named));
          if (oldest) await oldest;
        }
      }
    }
  }

  /**
   * PostgreSQL: one array parameter per column, unnested; the stamp the parameter after them. The
   * `count` rows' values are read as they are written (`valueAt(row, column)`): arrays of values
   * (`insert`) and records (`insertRecords`) take this one path.
   */
  async #unnest(
    into: string,
    columns: readonly Column[],
    count: number,
    valueAt: (row: number, column: number) => unknown,
    stamped?: { columns: readonly string[]; at: Date },
  ): Promise<void> {
    const stamp = `$${columns.length + 1}::timestamp(3)`;
    const arrays = columns.map((c, i) => `$${i + 1}::${c.type === "bool" ? "boolean" : "text"}[]`).join(", ");
    const values = [...columns.map((c, i) => joinedValue(c, i, `c${i}`)), ...(stamped?.columns ?? []).map(() => stamp)];
    const names = columns.map((_, i) => `c${i}`).join(", ");
    const joins = codeJoins(columns, (i) => `t.c${i}`);
    const sql = `${into} SELECT ${values.join(", ")} FROM unnest(${arrays}) AS t(${names})${joins}`;
    await this.#writeByColumn(sql, count, columns.length, valueAt, stamped?.at);
  }

  /**
   * PostgreSQL: `count` rows in slices of PG_UNNEST_ROWS, each slice one `write` of one array literal
   * per column (then `at`, when given): the server works through one slice while this process builds
   * the next.
   */
  async #writeByColumn(
    sql: string,
    count: number,
    width: number,
    valueAt: (row: number, column: number) => unknown,
    at: Date | undefined,
  ): Promise<void> {
    for (let i = 0; i < count; i += PG_UNNEST_ROWS) {
      const end = Math.min(count, i + PG_UNNEST_ROWS);
      const byColumn = Array.from({ length: width }, (_, c) => arrayLiteral(end - i, (r) => valueAt(i + r, c)));
      await this.write(sql, ...byColumn, ...(at ? [at] : []));
    }
  }

  /**
   * Updates by id: each row is [id, ...values of `columns`]; the `stamped` columns all get `at`. On
   * PostgreSQL one array per column, as the inserts (`UPDATE … FROM unnest(…)`, decision 13.s12g-4).
   */
  async update(
    table: string,
    columns: readonly Column[],
    rows: readonly (readonly unknown[])[],
    stamped?: { columns: readonly string[]; at: Date },
  ): Promise<void> {
    if (rows.length === 0) return;
    if (this.provider === "postgres" && this.insertMode === "bulk")
      return this.#unnestUpdate(table, columns, rows, stamped);
    const set = [
      ...columns.map((c, i) => `"${c.name}" = ${this.#element(i + 1, c.type)}`),
      ...(stamped?.columns ?? []).map((n) => `"${n}" = ${this.#stamp}`),
    ].join(", ");
    await this.execute(
      `UPDATE "${table}" SET ${set} FROM ${this.#batch} WHERE "${table}"."id" = ${this.#element(0)}`,
      rows,
      stamped ? [stamped.at] : [],
    );
  }

  /** PostgreSQL: `UPDATE … SET "c" = u.c1, … FROM unnest($1::text[], …) AS u(c0, c1, …) WHERE "id" = u.c0`. */
  async #unnestUpdate(
    table: string,
    columns: readonly Column[],
    rows: readonly (readonly unknown[])[],
    stamped?: { columns: readonly string[]; at: Date },
  ): Promise<void> {
    const arrays = ["$1::text[]", ...columns.map((c, i) => `$${i + 2}::${c.type === "bool" ? "boolean" : "text"}[]`)];
    const stamp = `$${columns.length + 2}::timestamp(3)`;
    const set = [
      ...columns.map((c, i) => `"${c.name}" = u.c${i + 1}`),
      ...(stamped?.columns ?? []).map((n) => `"${n}" = ${stamp}`),
    ].join(", ");
    const names = arrays.map((_, i) => `c${i}`).join(", ");
    const sql = `UPDATE "${table}" SET ${set} FROM unnest(${arrays.join(", ")}) AS u(${names}) WHERE "${table}"."id" = u.c0`;
    await this.#writeByColumn(sql, rows.length, arrays.length, (r, c) => rows[r]![c], stamped?.at);
  }

  /** Runs `sql` once per batch of `items` (keys or row arrays), the batch bound as $1 and `more` as $2 …. */
  async execute(sql: string, items: readonly unknown[], more: readonly unknown[] = []): Promise<void> {
    for (let i = 0; i < items.length; i += BATCH_ROWS) {
      // Pipelined in a PostgreSQL unit of work; elsewhere `write` runs it and waits.
      await this.write(sql, JSON.stringify(items.slice(i, i + BATCH_ROWS)), ...more);
    }
  }

  /**
   * Rows as arrays of `values`, `from` the tables and conditions given (the batch of `keys` bound
   * as $1, see inList). Each batch comes back as ONE JSON text that JSON.parse unpacks: mapping
   * thousands of result values one by one is where Prisma spends its time.
   */
  async arrays<T extends unknown[]>(values: readonly string[], from: string, keys: readonly string[]): Promise<T[]> {
    const list = values.join(", ");
    const rows =
      this.provider === "sqlite"
        ? `json_group_array(json_array(${list}))`
        : `coalesce(json_agg(json_build_array(${list})), '[]'::json)::text`;
    const out: T[] = [];
    const sql = `SELECT ${rows} AS "rows" ${from}`;
    this.beforeRead(sql);
    for (let i = 0; i < keys.length; i += BATCH_ROWS) {
      const [result] = await this.session.rows<{ rows: string }>(sql, JSON.stringify(keys.slice(i, i + BATCH_ROWS)));
      for (const row of JSON.parse(result?.rows ?? "[]") as T[]) out.push(row);
    }
    return out;
  }

  /** A JSON array of arrays of `values` as one value of an enclosing `arrays` row (a correlated subquery). */
  nested(values: readonly string[], from: string): string {
    const list = values.join(", ");
    return this.provider === "sqlite"
      ? `json((SELECT json_group_array(json_array(${list})) ${from}))`
      : `(SELECT coalesce(json_agg(json_build_array(${list})), '[]'::json) ${from})`;
  }

  async all<T>(sql: string): Promise<T[]> {
    this.beforeRead(sql);
    return this.session.rows<T>(sql);
  }
}

const NEEDS_ESCAPE = /["\\]/;

/**
 * PostgreSQL: `count` values as one array literal, `{"a","b",NULL}`, bound as a single text and cast
 * by the statement (`$1::text[]`, `$2::boolean[]`). pg would make the same text from a JS array, but
 * by two replacements and a type check per element, on an array made first: the import's ~1.5
 * million values per 100 000 employees cost twice as much that way (decision 13.s12g-5).
 */
export function arrayLiteral(count: number, valueAt: (index: number) => unknown): string {
  let out = "{";
  for (let i = 0; i < count; i++) {
    if (i > 0) out += ",";
    const value = valueAt(i);
    if (value === null || value === undefined) {
      out += "NULL";
      continue;
    }
    // Texts, numbers and booleans only: a Date or an array has no single text form here (refused, not guessed).
    if (typeof value === "object")
      throw new TypeError(`not a text, number or boolean: ${Object.prototype.toString.call(value)}`);
    const text = typeof value === "string" ? value : String(value as string | number | boolean);
    out += NEEDS_ESCAPE.test(text) ? `"${text.replace(/["\\]/g, "\\$&")}"` : `"${text}"`;
  }
  return `${out}}`;
}

/** SQLite hands booleans back as 0/1. */
export function asBool(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === "1" || value === "true";
}

/** Items grouped by a key, each group in the items' order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

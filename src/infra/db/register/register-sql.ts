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
// write or unpack), on PostgreSQL one array per column, `SELECT … FROM unnest($1::text[], …)`.
// The JSON form (`insertMode: "json"`) is kept as the reference the equivalence test compares with.
import type { Provider } from "../database.ts";
import { sqliteValue, type SqlSession } from "../sql-session.ts";

export type ColumnType = "text" | "bool";

export interface Column {
  readonly name: string;
  readonly type?: ColumnType;
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

export class RegisterSql {
  constructor(
    readonly provider: Provider,
    /** Where the statements run: the transaction's own connection, or `prismaSql` outside one. */
    readonly session: SqlSession,
    readonly insertMode: InsertMode = "bulk",
  ) {}

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
        ...columns.map((c, i) => this.#element(i, c.type)),
        ...(stamped?.columns ?? []).map(() => this.#stamp),
      ].join(", ");
      return this.execute(`${into} SELECT ${values} FROM ${this.#batch}`, rows, at);
    }
    if (this.provider === "postgres") return this.#unnest(into, columns, rows, stamped);
    return this.#values(into, columns.length, rows, stamped);
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
  ): Promise<void> {
    if (records.length === 0) return;
    const direct = this.session.runPositional?.bind(this.session);
    if (this.insertMode === "json" || (this.provider === "sqlite" && !direct)) {
      const rows = records.map((r) => keys.map((k) => r[k]));
      return this.insert(
        table,
        keys.map((name) => ({ name })),
        rows,
        stamped,
      );
    }
    const names = [...keys, ...(stamped?.columns ?? [])].map((n) => `"${n}"`).join(", ");
    const into = `INSERT INTO "${table}" (${names})`;
    if (this.provider === "postgres") {
      const columns = keys.map((name) => ({ name }));
      const stamp = `$${keys.length + 1}::timestamp(3)`;
      const arrays = keys.map((_, i) => `$${i + 1}::text[]`).join(", ");
      const values = [...keys.map((_, i) => `c${i}`), ...(stamped?.columns ?? []).map(() => stamp)].join(", ");
      const sql = `${into} SELECT ${values} FROM unnest(${arrays}) AS t(${columns.map((_, i) => `c${i}`).join(", ")})`;
      // Sent one after the other without waiting for each answer (the transaction's client pipelines):
      // the server inserts one slice while this process builds the next.
      const written: Promise<number>[] = [];
      for (let i = 0; i < records.length; i += PG_UNNEST_ROWS) {
        const end = Math.min(records.length, i + PG_UNNEST_ROWS);
        const byColumn = keys.map((k) => {
          const column = new Array<unknown>(end - i);
          for (let r = i; r < end; r++) column[r - i] = records[r]![k];
          return column;
        });
        written.push(this.session.run(sql, ...byColumn, ...(stamped ? [stamped.at] : [])));
      }
      await Promise.all(written);
      return;
    }
    // The stamp columns name one parameter, `@at`, bound once per statement (not once per row).
    const named = stamped ? { at: sqliteValue(stamped.at) } : undefined;
    const tuple = `(${[...keys.map(() => "?"), ...(stamped?.columns ?? []).map(() => "@at")].join(", ")})`;
    const width = keys.length;
    // Every statement is handed over before any answer is awaited: on a connection in its own thread
    // (sqlite-thread-session.ts) the worker writes them while this thread goes on (a fresh array of
    // values per statement, as a statement not yet run may still hold its array).
    const written: Promise<number>[] = [];
    let i = 0;
    for (const size of SQLITE_VALUES_ROWS) {
      if (records.length - i < size) continue;
      const sql = `${into} VALUES ${Array.from({ length: size }, () => tuple).join(", ")}`;
      for (; records.length - i >= size; i += size) {
        const values = new Array<unknown>(size * width);
        let v = 0;
        for (let r = i; r < i + size; r++) {
          const record = records[r]!;
          for (let c = 0; c < width; c++) {
            const value: unknown = record[keys[c]!];
            values[v++] = typeof value === "string" || value === null ? value : sqliteValue(value);
          }
        }
        written.push(direct!(sql, values, named));
      }
    }
    await Promise.all(written);
  }

  /** SQLite: `VALUES ($1, …), ($k, …)` per row, the stamp one parameter after the rows' values. */
  async #values(
    into: string,
    width: number,
    rows: readonly (readonly unknown[])[],
    stamped?: { columns: readonly string[]; at: Date },
  ): Promise<void> {
    const direct = this.session.runPositional?.bind(this.session);
    if (direct) return this.#positional(direct, into, width, rows, stamped);
    const args: unknown[] = [];
    let i = 0;
    for (const size of SQLITE_VALUES_ROWS) {
      if (rows.length - i < size) continue;
      const stamp = `$${size * width + 1}`;
      const tuple = (r: number) =>
        `(${[
          ...Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`),
          ...(stamped?.columns ?? []).map(() => stamp),
        ].join(", ")})`;
      const sql = `${into} VALUES ${Array.from({ length: size }, (_, r) => tuple(r)).join(", ")}`;
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
    width: number,
    rows: readonly (readonly unknown[])[],
    stamped?: { columns: readonly string[]; at: Date },
  ): Promise<void> {
    const named = stamped ? { at: sqliteValue(stamped.at) } : undefined;
    const tuple = `(${[...Array.from({ length: width }, () => "?"), ...(stamped?.columns ?? []).map(() => "@at")].join(", ")})`;
    const values: unknown[] = [];
    let i = 0;
    for (const size of SQLITE_VALUES_ROWS) {
      if (rows.length - i < size) continue;
      const sql = `${into} VALUES ${Array.from({ length: size }, () => tuple).join(", ")}`;
      for (; rows.length - i >= size; i += size) {
        values.length = 0;
        for (let r = i; r < i + size; r++) {
          const row = rows[r]!;
          for (let c = 0; c < row.length; c++) {
            const value = row[c];
            values.push(typeof value === "string" || value === null ? value : sqliteValue(value));
          }
        }
        await run(sql, values, named);
      }
    }
  }

  /** PostgreSQL: one array parameter per column, unnested; the stamp the parameter after them. */
  async #unnest(
    into: string,
    columns: readonly Column[],
    rows: readonly (readonly unknown[])[],
    stamped?: { columns: readonly string[]; at: Date },
  ): Promise<void> {
    const stamp = `$${columns.length + 1}::timestamp(3)`;
    const arrays = columns.map((c, i) => `$${i + 1}::${c.type === "bool" ? "boolean" : "text"}[]`).join(", ");
    const values = [...columns.map((_, i) => `c${i}`), ...(stamped?.columns ?? []).map(() => stamp)].join(", ");
    const sql = `${into} SELECT ${values} FROM unnest(${arrays}) AS t(${columns.map((_, i) => `c${i}`).join(", ")})`;
    for (let i = 0; i < rows.length; i += PG_UNNEST_ROWS) {
      const batch = rows.slice(i, i + PG_UNNEST_ROWS);
      const byColumn = columns.map((_, c) => batch.map((row) => row[c]));
      await this.session.run(sql, ...byColumn, ...(stamped ? [stamped.at] : []));
    }
  }

  /** Updates by id: each row is [id, ...values of `columns`]; the `stamped` columns all get `at`. */
  async update(
    table: string,
    columns: readonly Column[],
    rows: readonly (readonly unknown[])[],
    stamped?: { columns: readonly string[]; at: Date },
  ): Promise<void> {
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

  /** Runs `sql` once per batch of `items` (keys or row arrays), the batch bound as $1 and `more` as $2 …. */
  async execute(sql: string, items: readonly unknown[], more: readonly unknown[] = []): Promise<void> {
    for (let i = 0; i < items.length; i += BATCH_ROWS)
      await this.session.run(sql, JSON.stringify(items.slice(i, i + BATCH_ROWS)), ...more);
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
    return this.session.rows<T>(sql);
  }
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

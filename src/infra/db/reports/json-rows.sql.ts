// Reads that bring back many small rows (every unit, a branch's posts and holders, their leaves) as
// ONE JSON text built by the database, as the due scan does (due-candidates.sql.ts): the ORM's
// per-row, per-cell decoding costs more than the query. A list of ids goes in as ONE JSON text
// parameter (json_each / json_array_elements_text), not as hundreds of placeholders read 500 at a
// time. Only text, integer and boolean columns come back this way (no DateTime: the engines write
// those differently in JSON).
import type { Prisma, Provider, Tx } from "../database.ts";
import { dialect } from "../raw-sql.ts";

/**
 * `column` is one of the ids in parameter $n (whose value is `idsParam(provider, ids)`). SQLite
 * reads a JSON text (json_each); PostgreSQL an array (= ANY), which plans as an index lookup per
 * id even on tables not analysed yet (a set-returning function there can plan as a nested seq scan).
 */
export function inIds(provider: Provider, column: string, n: number): string {
  return provider === "sqlite"
    ? `${column} IN (SELECT "value" FROM json_each($${n}))`
    : `${column} = ANY(CAST($${n} AS text[]))`;
}

/** The parameter `inIds` reads: a JSON text for SQLite, an array literal ({"a","b"}) for PostgreSQL. */
export function idsParam(provider: Provider, ids: Iterable<string>): string {
  const list = [...new Set(ids)];
  if (provider === "sqlite") return JSON.stringify(list);
  return `{${list.map((id) => `"${id.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

/** A boolean column as JSON gives it: SQLite stores 0/1, PostgreSQL true/false. */
export function bool(cell: unknown): boolean {
  return cell === true || cell === 1;
}

/**
 * The statement `jsonRows` sends (without its CTEs): `select`'s rows as one JSON text, column
 * `"rows"`, ordered by `orderBy` (column expressions of `select`'s output, aliased q) when given.
 */
export function jsonRowsSelect(
  provider: Provider,
  select: string,
  columns: readonly string[],
  orderBy?: string,
): string {
  const cells = columns.map((c) => `q."${c}"`).join(", ");
  const order = orderBy ? ` ORDER BY ${orderBy}` : "";
  return provider === "sqlite"
    ? `SELECT json_group_array(json_array(${cells})${order}) AS "rows" FROM (${select}) q`
    : `SELECT COALESCE(json_agg(json_build_array(${cells})${order}), '[]')::text AS "rows" FROM (${select}) q`;
}

/**
 * Runs `select` (its columns named in `columns`, in order) and returns its rows as arrays of cells,
 * ordered by `orderBy` (column expressions of `select`'s output, aliased q) when given. `ctes` (a
 * `WITH …` clause) goes before the whole statement, for `select` to read from.
 */
export async function jsonRows<Row extends unknown[]>(
  db: Prisma | Tx,
  provider: Provider,
  select: string,
  columns: readonly string[],
  args: readonly unknown[],
  orderBy?: string,
  ctes = "",
): Promise<Row[]> {
  const [text, ordered] = dialect(provider, `${ctes} ${jsonRowsSelect(provider, select, columns, orderBy)}`, args);
  const [result] = await db.$queryRawUnsafe<{ rows: string | null }[]>(text, ...ordered);
  return JSON.parse(result?.rows ?? "[]") as Row[];
}

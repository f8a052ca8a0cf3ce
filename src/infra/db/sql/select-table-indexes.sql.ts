// The secondary indexes of a table as the catalog has them — name and the statement that creates
// it — so that a first register import can drop them, load the empty table, and build each once
// (decision 13.s8i-3). Not listed: what a table cannot lose — SQLite's automatic indexes (the
// primary key of a TEXT id; no `sql` in the catalog) and, on PostgreSQL, any index behind a
// constraint (the primary key). The engines' catalogs differ: the caller picks the statement.
import type { SqlSession } from "../sql-session.ts";

export interface TableIndex {
  readonly name: string;
  readonly sql: string;
}

export function selectTableIndexes(
  sql: SqlSession,
  engine: "sqlite" | "postgres",
  table: string,
): Promise<TableIndex[]> {
  return engine === "sqlite"
    ? sql.rows<TableIndex>(
        `SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'index' AND "tbl_name" = $1 AND "sql" IS NOT NULL ORDER BY "name"`,
        table,
      )
    : sql.rows<TableIndex>(
        `SELECT i."indexname" AS "name", i."indexdef" AS "sql" FROM "pg_indexes" i
          WHERE i."schemaname" = current_schema() AND i."tablename" = $1
            AND NOT EXISTS (SELECT 1 FROM "pg_constraint" c WHERE c."conindid" = format('%I.%I', i."schemaname", i."indexname")::regclass)
          ORDER BY i."indexname"`,
        table,
      );
}

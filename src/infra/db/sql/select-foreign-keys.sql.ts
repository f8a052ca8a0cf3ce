// A PostgreSQL table's own foreign keys as the catalog has them — name and definition — so that a
// first register import can drop them, load the empty table, and add each back once, validated by
// one join over the loaded rows instead of a trigger query per inserted row (decision 13.s9i-2).
// PostgreSQL only: SQLite checks a foreign key by a look-up in the parent's primary key (no query of
// its own), and cannot drop one without rebuilding the table.
import type { SqlSession } from "../sql-session.ts";

export interface ForeignKey {
  readonly name: string;
  /** `FOREIGN KEY ("unitId") REFERENCES "OrgUnit"(id) ON UPDATE CASCADE ON DELETE RESTRICT` */
  readonly definition: string;
}

export function selectForeignKeys(sql: SqlSession, table: string): Promise<ForeignKey[]> {
  return sql.rows<ForeignKey>(
    `SELECT c."conname" AS "name", pg_get_constraintdef(c."oid") AS "definition" FROM "pg_constraint" c
      WHERE c."contype" = 'f' AND c."conrelid" = format('%I.%I', current_schema(), $1::text)::regclass
      ORDER BY c."conname"`,
    table,
  );
}

// A first import into empty tables: their secondary indexes (unique codes, e-mails, chat ids, the
// look-up indexes) are dropped inside the import's transaction and built again, each in one sorted
// pass, once the kind's rows are in — instead of one B-tree insert per row per index. Measured on
// the bare driver with 100 000 employees in file order not sorted by code: 1.8–2.1× less CPU for
// the inserts (decision 13.s8i-3). The unique indexes still hold: building one over a duplicate
// fails, and the import rolls back as an insert's violation would have made it. DDL is
// transactional on both engines, so a dry run or a refused import leaves every index as it was.
// On PostgreSQL the tables' own foreign keys go the same way (decision 13.s9i-2): dropped, and
// added back once, validated by one join, instead of a trigger's query per inserted row. The import
// has checked every reference already (and worded any problem); a reference it missed fails the
// validation and rolls the import back, as the row's insert would have. A dropped index or foreign
// key holds its table's ACCESS EXCLUSIVE lock (a foreign key: the table it references too) until
// the import commits: other sessions reading those tables wait for the first import to end.
import type { BulkKind } from "../../../ports/register-repository.ts";
import { selectForeignKeys, type ForeignKey } from "../sql/select-foreign-keys.sql.ts";
import { selectTableIndexes, type TableIndex } from "../sql/select-table-indexes.sql.ts";
import type { RegisterSql } from "./register-sql.ts";

const TABLES: Record<BulkKind, readonly string[]> = {
  employees: ["Employee", "RoleGrant", "ChatIdentity"],
  posts: ["KeyPost"],
  assignments: ["Assignment"],
};

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** What a bulk load took away from the kind's tables, to be put back by `restore`. */
export interface Dropped {
  readonly indexes: readonly TableIndex[];
  readonly foreignKeys: readonly { readonly table: string; readonly key: ForeignKey }[];
}

/**
 * What a bulk load of the kind will drop, as the catalog has it. Nothing the import does changes it
 * before that kind's bulk load begins (each kind drops its own tables' only), so it may be read at
 * the import's start, before the first write (decision 13.s14i-1).
 */
export async function bulkLoadCatalog(sql: RegisterSql, kind: BulkKind): Promise<Dropped> {
  const indexes: TableIndex[] = [];
  const foreignKeys: { table: string; key: ForeignKey }[] = [];
  for (const table of TABLES[kind]) {
    if (sql.provider === "postgres")
      for (const key of await selectForeignKeys(sql.session, table)) foreignKeys.push({ table, key });
    indexes.push(...(await selectTableIndexes(sql.session, sql.provider, table)));
  }
  return { indexes, foreignKeys };
}

/** Drops the kind's tables' secondary indexes (and, on PostgreSQL, their foreign keys), as `catalog` lists them. */
export async function dropForBulkLoad(
  sql: RegisterSql,
  kind: BulkKind,
  catalog?: Promise<Dropped> | Dropped,
): Promise<Dropped> {
  // The catalog is read first, then every drop is written: on PostgreSQL the drops then leave
  // without waiting for each other (RegisterSql.write), behind whatever the last kind left to build.
  const { indexes, foreignKeys } = await (catalog ?? bulkLoadCatalog(sql, kind));
  // Names and definitions come from the catalog, never from a file: names quoted as identifiers.
  for (const { table, key } of foreignKeys)
    await sql.write(`ALTER TABLE ${quoted(table)} DROP CONSTRAINT ${quoted(key.name)}`);
  for (const index of indexes) await sql.write(`DROP INDEX ${quoted(index.name)}`);
  return { indexes, foreignKeys };
}

/** The statements that build the indexes again, then add the foreign keys back (each validated over the loaded rows). */
export function restoreStatements(dropped: Dropped): string[] {
  return [
    ...dropped.indexes.map((index) => index.sql),
    ...dropped.foreignKeys.map(
      ({ table, key }) => `ALTER TABLE ${quoted(table)} ADD CONSTRAINT ${quoted(key.name)} ${key.definition}`,
    ),
  ];
}

/** Puts the indexes and foreign keys back now (on PostgreSQL pipelined: answered by `settle` or COMMIT). */
export async function restoreAfterBulkLoad(sql: RegisterSql, dropped: Dropped): Promise<void> {
  for (const statement of restoreStatements(dropped)) await sql.write(statement);
}

/** The tables a kind's bulk load drops indexes from. */
export function bulkTables(kind: BulkKind): readonly string[] {
  return TABLES[kind];
}

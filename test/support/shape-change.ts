// A table read by a named `SELECT *`, made on a connection of its own, and the migration that changes
// that statement's result type under a client that has prepared it: PostgreSQL then refuses the
// prepared statement on that client (0A000). pg-batch.test.ts and pg-handoff.test.ts both need one.
import pg from "pg";
import { named } from "../../src/infra/db/sql/named-statement.ts";

export interface ShapeChange {
  /** The named `SELECT * FROM <table> WHERE "id" = $1`; the table holds one row, id 'one', a 'x'. */
  readonly star: string;
  /** Adds the column "b" (7 in every row): the statement's result type changes. */
  change(): Promise<void>;
  end(): Promise<void>;
}

export async function shapeChange(url: string, table: string, name: string): Promise<ShapeChange> {
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  try {
    await other.query(`CREATE TABLE "${table}" ("id" TEXT PRIMARY KEY, "a" TEXT)`);
    await other.query(`INSERT INTO "${table}" VALUES ('one', 'x')`);
  } catch (error) {
    await other.end();
    throw error;
  }
  return {
    star: named(name, `SELECT * FROM "${table}" WHERE "id" = $1`),
    change: async () => {
      await other.query(`ALTER TABLE "${table}" ADD COLUMN "b" INTEGER NOT NULL DEFAULT 7`);
    },
    end: () => other.end(),
  };
}

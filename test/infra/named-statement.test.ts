// The press's fixed statements are named (decision 13.s10p-5): on PostgreSQL each is parsed once per
// connection and kept there by the server, under its name, and answers as before on every use; a
// name is one text. SQLite ignores the names (its session prepares each text once already).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DirectPg } from "../../src/infra/db/sql-session.ts";
import { acknowledgeNotice } from "../../src/infra/db/sql/acknowledge-notice.sql.ts";
import { named, statementName } from "../../src/infra/db/sql/named-statement.ts";
import { selectTokenSubjectNotices } from "../../src/infra/db/sql/select-token-subject-notices.sql.ts";
import { testDatabase, type TestDatabase } from "../support/databases.ts";

describe("named statements", () => {
  let db: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    db = await testDatabase("postgres");
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it("a press's statements are prepared once on their connection, under their names", async () => {
    const session = new DirectPg(client);
    for (let i = 0; i < 3; i++) {
      expect(await selectTokenSubjectNotices(session, `no-such-token-${i}`)).toEqual([]);
      await acknowledgeNotice(session, `no-such-notice-${i}`, new Date("2026-03-09T02:00:00Z"));
    }
    const { rows } = await client.query<{ name: string }>(
      `SELECT name FROM pg_prepared_statements WHERE name LIKE 'kp\\_%' ORDER BY name`,
    );
    expect(rows.map((r) => r.name)).toEqual(["kp_acknowledge_notice", "kp_select_token_subject_notices"]);
  });

  it("a name is one text, and texts without one stay unnamed", () => {
    expect(statementName(`SELECT 1`)).toBeUndefined();
    expect(() => named("kp_acknowledge_notice", `SELECT 2`)).toThrow(/two texts/);
  });
});

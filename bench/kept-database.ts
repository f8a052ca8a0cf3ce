// A bench's bank kept between runs (writing the 100 k register takes minutes under load): a SQLite
// file, or a PostgreSQL database created on the server of its URL when it does not exist yet. The
// caller fills it when it is new; a kept bank is never removed.
import { existsSync } from "node:fs";
import pg from "pg";

/** Answers whether the kept database at `url` is new (empty: to be filled); `variable` names it in errors. */
export async function keptDatabase(url: string, variable: string): Promise<{ readonly isNew: boolean }> {
  if (url.startsWith("file:")) return { isNew: !existsSync(url.slice("file:".length)) };
  const name = /\/([a-z0-9_]+)$/.exec(url)?.[1];
  if (!name) throw new Error(`${variable}: postgresql://…/<lower-case name>`);
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, "/postgres") });
  await admin.connect();
  try {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
    if (!exists) await admin.query(`CREATE DATABASE ${name}`);
    return { isNew: !exists };
  } finally {
    await admin.end();
  }
}

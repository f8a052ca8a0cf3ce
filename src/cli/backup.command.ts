// `keypost backup <file>`: an online, consistent copy of the SQLite database while the service runs
// (SQLite's backup API). PostgreSQL is backed up with its own tools (pg_dump): docs/operations.md.
import { providerOf, sqlitePath } from "../infra/db/database.ts";
import { backupSqlite } from "../infra/db/sqlite-backup.ts";
import { EXIT_OK, UsageError, type CliCommand } from "./command.ts";

export const backupCommand: CliCommand = {
  name: "backup",
  usage: "backup <file>",
  summary: "copy the SQLite database to a new file while the service runs (PostgreSQL: use pg_dump)",
  async run(args, { config, io }) {
    if (args.length !== 1 || args[0]!.startsWith("-")) throw new UsageError("backup takes one argument: the new file");
    if (providerOf(config.DATABASE_URL) !== "sqlite")
      throw new UsageError("backup copies a SQLite database; back PostgreSQL up with pg_dump (docs/operations.md)");
    const result = await backupSqlite(sqlitePath(config.DATABASE_URL), args[0]!);
    io.out(`backed up ${result.pages} pages (${(result.bytes / 1e6).toFixed(1)} MB) to ${args[0]}; integrity ok`);
    return EXIT_OK;
  },
};

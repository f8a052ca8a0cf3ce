import { openDatabase } from "../infra/db/database.ts";
import { migrate } from "../infra/db/migrator.ts";
import { verifyLog } from "../infra/db/audit-log-verifier.ts";
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliCommand } from "./command.ts";

export const verifyLogCommand: CliCommand = {
  name: "verify-log",
  usage: "verify-log",
  summary: "check the audit log end to end: every hash, every link, and its head",
  async run(args, { config, io }) {
    if (args.length > 0) throw new UsageError(`verify-log takes no arguments (got "${args.join(" ")}")`);
    await migrate(config.DATABASE_URL);
    const db = openDatabase(config.DATABASE_URL);
    try {
      const result = await verifyLog(db);
      if (result.ok) {
        io.out(`log ok: ${result.entries} entries`);
        return EXIT_OK;
      }
      io.out(`log broken at entry #${result.firstBad.seq}: ${result.firstBad.reason}`);
      return EXIT_FAILURE;
    } finally {
      await db.close();
    }
  },
};

import { openDatabase } from "../infra/db/database.ts";
import { fieldCipherOf } from "../infra/records/field-cipher.ts";
import { migrate } from "../infra/db/migrator.ts";
import { isEmptyRegister, loadDemoBank } from "./load-demo-bank.ts";
import { systemClock } from "../ports/clock.ts";
import { EXIT_OK, UsageError, type CliCommand } from "./command.ts";

export const demoCommand: CliCommand = {
  name: "demo",
  usage: "demo",
  summary: "load the demo bank into DATABASE_URL (any database; loading it again changes nothing)",
  async run(args, { config, io }) {
    if (args.length > 0) throw new UsageError(`demo takes no arguments (got "${args.join(" ")}")`);
    await migrate(config.DATABASE_URL);
    const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
    try {
      if (!(await isEmptyRegister(db)))
        io.err("note: the database already holds a register; the demo bank is merged into it by code");
      for (const line of await loadDemoBank(db, systemClock)) io.out(line);
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};

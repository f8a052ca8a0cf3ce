import { migrate } from "../infra/db/migrator.ts";
import { EXIT_OK, UsageError, type CliCommand } from "./command.ts";

export const migrateCommand: CliCommand = {
  name: "migrate",
  usage: "migrate",
  summary: "apply the committed database migrations (serve does this at start too)",
  async run(args, { config, io }) {
    if (args.length > 0) throw new UsageError(`migrate takes no arguments (got "${args.join(" ")}")`);
    const result = await migrate(config.DATABASE_URL);
    io.out(
      result.applied.length > 0
        ? `applied ${result.applied.join(", ")}`
        : `up to date (${result.alreadyApplied} migrations)`,
    );
    return EXIT_OK;
  },
};

import { slackEnabled, type Config } from "../infra/config.ts";
import { openDatabase } from "../infra/db/database.ts";
import { createLogger } from "../infra/logger.ts";
import { currentSetupGaps } from "./doctor.command.ts";
import { startService, teamsEnabled } from "../main.ts";
import { EXIT_OK, UsageError, type CliCommand } from "./command.ts";

/** The same gaps as `keypost doctor`, logged once at start: codes and counts, no personal data. */
async function logSetupGaps(config: Config): Promise<void> {
  const log = createLogger(config.LOG_LEVEL);
  const db = openDatabase(config.DATABASE_URL);
  try {
    for (const gap of await currentSetupGaps(db, config, new Date()))
      log.warn("setup gap: a control may be wrong (run keypost doctor)", {
        code: gap.code,
        count: gap.subjects.length,
      });
  } finally {
    await db.close();
  }
}

export const serveCommand: CliCommand = {
  name: "serve",
  usage: "serve",
  summary: "run the service: HTTP (/healthz, /slack/events, /api/messages) and the scheduler",
  async run(args, { config, io }) {
    if (args.length > 0) throw new UsageError(`serve takes no arguments (got "${args.join(" ")}")`);
    const service = await startService(config);
    await logSetupGaps(config);
    io.out(`Keypost is running at ${service.url}  (health: ${service.url}/healthz)`);
    io.out(
      `  Slack: ${slackEnabled(config) ? `${service.url}/slack/events` : "not configured (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET)"}`,
    );
    io.out(
      `  Teams: ${teamsEnabled(config) ? `${service.url}/api/messages` : "not configured (TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID)"}`,
    );
    io.out(
      "  Notices for a platform that is not configured go to this log; try the bot with `npx keypost chat --as <employee code>`.",
    );
    io.out("  Stop with Ctrl-C.");
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await service.close();
    return EXIT_OK;
  },
};

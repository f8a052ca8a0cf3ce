// `keypost serve`: the service until SIGTERM or SIGINT. Stopping is bounded: requests in progress
// get up to 8 s, and whatever still holds on at 10 s (a platform that does not answer, a stuck
// database) is cut — the process exits, logging what it waited for.
import { slackEnabled, type Config } from "../infra/config.ts";
import type { Database } from "../infra/db/database.ts";
import { createLogger, type Logger } from "../infra/logger.ts";
import { currentSetupGaps } from "./doctor.command.ts";
import { startService, teamsEnabled } from "../main.ts";
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliCommand } from "./command.ts";

/** The whole stop, signal to exit: what orchestrators wait before SIGKILL is commonly 10 s or more. */
export const SHUTDOWN_DEADLINE_MS = 10_000;
/** Of which requests in progress may take this long to be answered. */
export const HTTP_GRACE_MS = 8_000;

/**
 * The same gaps as `keypost doctor`, logged once at start: codes and counts, no personal data. Read
 * through the service's own database after it listens: a second client would compile Prisma's query
 * compiler a second time (memory, ~0.3 s), and a large register's reads would delay readiness.
 */
async function logSetupGaps(db: Database, config: Config, log: Logger): Promise<void> {
  try {
    for (const gap of await currentSetupGaps(db, config, new Date()))
      log.warn("setup gap: a control may be wrong (run keypost doctor)", {
        code: gap.code,
        count: gap.subjects.length,
      });
  } catch (error) {
    log.error("setup gaps not read", { error: error instanceof Error ? error.message : String(error) });
  }
}

export const serveCommand: CliCommand = {
  name: "serve",
  usage: "serve",
  summary: "run the service: HTTP (/livez, /readyz, /metrics, /slack/events, /api/messages) and the scheduler",
  async run(args, { config, io }) {
    if (args.length > 0) throw new UsageError(`serve takes no arguments (got "${args.join(" ")}")`);
    const log = createLogger(config.LOG_LEVEL);
    const service = await startService(config, { log });
    const gapsLogged = logSetupGaps(service.db, config, log);
    io.out(`Keypost is running at ${service.url}  (ready: ${service.url}/readyz, metrics: ${service.url}/metrics)`);
    io.out(
      `  Slack: ${slackEnabled(config) ? (config.SLACK_APP_TOKEN ? "Socket Mode (no inbound address)" : `${service.url}/slack/events`) : "not configured (SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode)"}`,
    );
    io.out(
      `  Teams: ${teamsEnabled(config) ? `${service.url}/api/messages` : "not configured (TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID)"}`,
    );
    io.out(
      config.KEYPOST_DEV_NOTICES === "console"
        ? "  Notices for a platform that is not configured are printed here (KEYPOST_DEV_NOTICES=console)."
        : "  Notices for a platform that is not configured are held (KEYPOST_DEV_NOTICES=console prints them); try the bot with `npx keypost chat --as <employee code>`.",
    );
    io.out("  Stop with Ctrl-C.");
    const signal = await new Promise<string>((resolve) => {
      process.once("SIGINT", () => resolve("SIGINT"));
      process.once("SIGTERM", () => resolve("SIGTERM"));
    });
    log.info("shutdown requested", { signal, deadlineMs: SHUTDOWN_DEADLINE_MS });
    let deadline: NodeJS.Timeout | undefined;
    const cut = new Promise<"cut">((resolve) => {
      deadline = setTimeout(() => resolve("cut"), SHUTDOWN_DEADLINE_MS);
    });
    const closed = gapsLogged.then(() => service.close({ graceMs: HTTP_GRACE_MS }));
    const ended = await Promise.race([closed.then(() => "done" as const), cut]);
    clearTimeout(deadline);
    if (ended === "cut") {
      log.error("shutdown deadline passed: exiting with work still open", { deadlineMs: SHUTDOWN_DEADLINE_MS });
      // Something (a platform call, the database) still holds the event loop: leave now.
      process.exit(EXIT_FAILURE);
    }
    return EXIT_OK;
  },
};

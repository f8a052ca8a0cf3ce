import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PendingMigrationsError } from "../infra/db/pending-migrations-error.ts";
import { systemClock, type Clock } from "../ports/clock.ts";
import { commands } from "./commands.ts";
import { SigningKeyError } from "../infra/audit-log/checkpoint-signing.ts";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, processIo, type CliIo } from "./command.ts";

/** The version in package.json. */
function version(): string {
  const text = readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

function help(io: CliIo): void {
  io.out("keypost — key-position controls for banks, in Slack and Microsoft Teams\n");
  io.out("usage: keypost <command> [options]\n");
  const width = Math.max(...commands.map((c) => c.usage.length));
  for (const c of commands) io.out(`  ${c.usage.padEnd(width)}  ${c.summary}`);
  io.out(
    "\nEnvironment: DATABASE_URL, PORT, HOST, KEYPOST_SCHEDULER, KEYPOST_LOCALE, KEYPOST_MIGRATE, LOG_LEVEL, SLACK_*, TEAMS_* (see docs/operations.md).",
  );
}

/** node:util parseArgs refuses unknown or malformed options with codes like ERR_PARSE_ARGS_UNKNOWN_OPTION. */
function isArgsError(error: unknown): error is Error {
  return error instanceof Error && String((error as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS");
}

export async function main(
  argv: string[],
  io: CliIo = processIo,
  env = process.env,
  clock: Clock = systemClock,
): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    help(io);
    return name ? EXIT_OK : EXIT_USAGE;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    io.out(`keypost ${version()}`);
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`keypost: unknown command "${name}" (try: keypost --help)`);
    return EXIT_USAGE;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.out(`usage: keypost ${command.usage}\n\n${command.summary}`);
    return EXIT_OK;
  }
  // The configuration (zod and its ~95 modules) is loaded for a command only: `--help` stays quick.
  const { loadConfig, ConfigError } = await import("../infra/config.ts");
  try {
    const config = loadConfig(env);
    return await command.run(args, { config, io, clock });
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof UsageError ||
      error instanceof SigningKeyError ||
      error instanceof PendingMigrationsError ||
      isArgsError(error)
    ) {
      io.err(`keypost ${name}: ${error.message}`);
      return EXIT_USAGE;
    }
    io.err(`keypost ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
}

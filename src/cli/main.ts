import { loadConfig, ConfigError } from "../infra/config.ts";
import { commands } from "./commands.ts";
import { SigningKeyError } from "../infra/audit-log/checkpoint-signing.ts";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, processIo, type CliIo } from "./command.ts";

function help(io: CliIo): void {
  io.out("keypost — key-position controls for banks, in Slack and Microsoft Teams\n");
  io.out("usage: keypost <command> [options]\n");
  const width = Math.max(...commands.map((c) => c.usage.length));
  for (const c of commands) io.out(`  ${c.usage.padEnd(width)}  ${c.summary}`);
  io.out(
    "\nEnvironment: DATABASE_URL, PORT, HOST, KEYPOST_SCHEDULER, KEYPOST_LOCALE, LOG_LEVEL, SLACK_*, TEAMS_* (see README.md).",
  );
}

/** node:util parseArgs refuses unknown or malformed options with codes like ERR_PARSE_ARGS_UNKNOWN_OPTION. */
function isArgsError(error: unknown): error is Error {
  return error instanceof Error && String((error as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS");
}

export async function main(argv: string[], io: CliIo = processIo, env = process.env): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    help(io);
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`keypost: unknown command "${name}" (try: keypost --help)`);
    return EXIT_USAGE;
  }
  try {
    const config = loadConfig(env);
    return await command.run(args, { config, io });
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof UsageError ||
      error instanceof SigningKeyError ||
      isArgsError(error)
    ) {
      io.err(`keypost ${name}: ${error.message}`);
      return EXIT_USAGE;
    }
    io.err(`keypost ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
}

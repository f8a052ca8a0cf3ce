// The registry of CLI commands, in the order `keypost --help` lists them.
import type { CliCommand } from "./command.ts";
import { serveCommand } from "./serve.command.ts";
import { migrateCommand } from "./migrate.command.ts";
import { tickCommand } from "./tick.command.ts";
import { verifyLogCommand } from "./verify-log.command.ts";
import { chatCommand } from "./chat.command.ts";
import { importCommand } from "./import.command.ts";
import { exportCommand } from "./export.command.ts";
import { demoCommand } from "./demo.command.ts";
import { logKeyCommand } from "./log-key.command.ts";
import { evidenceCommand } from "./evidence.command.ts";
import { legalHoldCommand, purgeCommand } from "./retention.command.ts";

export const commands: CliCommand[] = [
  serveCommand,
  migrateCommand,
  importCommand,
  exportCommand,
  demoCommand,
  tickCommand,
  verifyLogCommand,
  logKeyCommand,
  evidenceCommand,
  purgeCommand,
  legalHoldCommand,
  chatCommand,
];

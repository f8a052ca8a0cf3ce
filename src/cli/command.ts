// One CLI command = one small module. Exit codes: 0 ok, 1 failure, 2 bad usage or input.
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Config } from "../infra/config.ts";
import type { Clock } from "../ports/clock.ts";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** True when standard error is a terminal (progress lines are shown only then). */
  readonly interactive: boolean;
}

export interface CliContext {
  readonly config: Config;
  readonly io: CliIo;
  /** When changes are recorded as made: the system clock unless given (tests pin it). */
  readonly clock?: Clock;
}

export interface CliCommand {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** Bad usage or bad input: printed as one line, exit 2. */
export class UsageError extends Error {
  readonly code = "BAD_USAGE";
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
  interactive: Boolean(process.stderr.isTTY),
};

/** Node's parseArgs, its refusal turned into a UsageError that shows the command's usage. */
export function parseOrUsage<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (usage: keypost ${usage})`);
  }
}

// The service log: one JSON object per line on standard error, written by pino. Each line carries
// the level, the time, the message and the correlation ids in force (request, press, notice: see
// src/ports/log-context.ts). Fields whose names say they hold a secret are replaced by
// "[redacted]" at any depth we know of; personal data is kept out by the call sites (ids and codes only,
// see docs/operations.md#logs), which a test checks over a whole leave-and-audit cycle.
import type { Logger } from "../ports/logger.ts";
import { pino, stdTimeFunctions, type DestinationStream } from "pino";
import { currentLogContext } from "../ports/log-context.ts";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** Field names never written in clear, wherever a call site puts them (one level deep too). */
const SECRET_FIELDS = [
  "token",
  "botToken",
  "appToken",
  "secret",
  "signingSecret",
  "clientSecret",
  "password",
  "authorization",
  "cookie",
];
export const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]);

/**
 * A logger at `level`. `write` receives each line without its newline (tests collect them); by
 * default lines go synchronously to standard error, so none is lost when the process exits.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const destination: DestinationStream = write
    ? { write: (chunk: string) => write(chunk.endsWith("\n") ? chunk.slice(0, -1) : chunk) }
    : pino.destination({ fd: 2, sync: true });
  const log = pino(
    {
      level,
      base: { service: "keypost" },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      mixin: () => ({ ...currentLogContext() }),
    },
    destination,
  );
  const at =
    (name: Exclude<LogLevel, "silent">) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (fields && Object.keys(fields).length > 0) log[name](fields, message);
      else log[name](message);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

export const silentLogger: Logger = createLogger("silent");

export type { Logger } from "../ports/logger.ts";

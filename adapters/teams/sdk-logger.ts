// The Teams SDK's logger interface over Keypost's logger: one log for the whole service. The SDK
// is chatty at debug level; its debug and trace lines go to Keypost's debug.
import type { ILogger } from "@microsoft/teams.common";
import type { Logger } from "../../src/infra/logger.ts";

function line(parts: readonly unknown[]): string {
  return parts.map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p))).join(" ");
}

export function sdkLogger(log: Logger, name = "teams-sdk"): ILogger {
  const logger: ILogger = {
    debug: (...msg) => log.debug(`${name}: ${line(msg)}`),
    info: (...msg) => log.debug(`${name}: ${line(msg)}`),
    warn: (...msg) => log.warn(`${name}: ${line(msg)}`),
    error: (...msg) => log.error(`${name}: ${line(msg)}`),
    trace: (...msg) => log.debug(`${name}: ${line(msg)}`),
    log: (level, ...msg) =>
      level === "error"
        ? log.error(`${name}: ${line(msg)}`)
        : level === "warn"
          ? log.warn(`${name}: ${line(msg)}`)
          : log.debug(`${name}: ${line(msg)}`),
    child: (child) => sdkLogger(log, `${name}/${child}`),
  };
  return logger;
}

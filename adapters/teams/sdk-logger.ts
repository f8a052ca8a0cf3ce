// The Teams SDK's logger interface over Keypost's logger: one log for the whole service. The SDK
// is chatty at debug level; its debug and trace lines go to Keypost's debug. An object the SDK
// passes along is never written whole: its "Handling activity" line passed the whole incoming
// activity — the person's display name and what they typed — which the log must not hold at any
// level (decision 18.2; found by the secrecy probe, 17.s9f-2). An activity is written as its type
// and id, any other object as its keys.
import type { ILogger } from "@microsoft/teams.common";
import type { Logger } from "../../src/infra/logger.ts";

function part(p: unknown): string {
  if (p instanceof Error) return p.message;
  if (typeof p === "string") return p;
  if (p === null || typeof p !== "object") return String(p);
  const o = p as { type?: unknown; id?: unknown };
  if (typeof o.type === "string") return `(${o.type}${typeof o.id === "string" ? ` ${o.id}` : ""})`;
  return `(object: ${Object.keys(p).slice(0, 10).join(", ")})`;
}

function line(parts: readonly unknown[]): string {
  return parts.map(part).join(" ");
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

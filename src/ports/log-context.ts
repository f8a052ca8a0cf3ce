// The ids that tie log lines together: the HTTP request, the press being acted on, the notice being
// delivered. Set around a piece of work (withLogContext) and read by the logger for every line it
// writes inside it, so call sites keep logging a message and a few fields and never pass ids along.
import { AsyncLocalStorage } from "node:async_hooks";

export interface LogContext {
  /** The HTTP request (x-request-id when the caller sent a well-formed one, else generated). */
  readonly requestId?: string;
  /** The chat press or command being acted on (its inbox key). */
  readonly pressId?: string;
  /** The notice being delivered (its outbox id). */
  readonly noticeId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with these ids added to the ones already in force. */
export function withLogContext<T>(ids: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...ids }, work);
}

export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}

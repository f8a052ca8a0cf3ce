// Whether an error means the database cannot be used right now (locked by another process,
// restarting, unreachable) rather than a bug: the HTTP layer answers such a request with a clear
// 503 and Retry-After instead of a 500, and the service recovers by itself when the database is
// back (every request opens its own unit of work). Walks the error's `cause` chain: Prisma wraps
// the driver's error. P1008 ("operation has timed out") is how Prisma reports a SQLite write that
// waited out its busy timeout behind another process's lock on some paths.
const UNAVAILABLE =
  /SQLITE_BUSY|SQLITE_LOCKED|database is locked|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Can't reach database|Timed out fetching a new connection|57P0[1-3]|P1001|P1008|P1017|P2024/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    const e = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof e.code === "string" && UNAVAILABLE.test(e.code)) return true;
    if (typeof e.message === "string" && UNAVAILABLE.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}

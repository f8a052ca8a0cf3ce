// Platform reads through the dispatcher's rate limiter (decision 17.19): reconciling after a crash
// reads each person's conversation history, and Slack allows conversations.history 50 times a
// minute for the whole app. Each read waits for a grant under the keys its notifier names (Slack:
// `slack:history`), so the elected sender — the one process reconciling a tenant (17.18) — never
// reads faster than that, however many rows a dead replica left unknown. The wait ends early when
// the drain stops (the read is then not made: its rows stay unknown and are asked again later).
import type { PacedCall, RateLimit } from "../../ports/notifier.ts";
import type { Timer } from "../../ports/timer.ts";
import type { RateLimiter } from "./rate-limiter.ts";

export class ReadStopped extends Error {
  constructor() {
    super("stopping: the read was not made");
  }
}

export function pacedCalls(limiter: RateLimiter, timer: Timer, signal?: AbortSignal): PacedCall {
  return async <T>(limits: readonly RateLimit[], call: () => Promise<T>): Promise<T> => {
    for (;;) {
      if (signal?.aborted) throw new ReadStopped();
      const { grant, waitMs } = limiter.acquire(limits, timer.nowMs());
      if (grant) {
        try {
          return await call();
        } finally {
          grant.answered(timer.nowMs());
        }
      }
      await timer.sleep(Math.max(1, waitMs), signal);
    }
  };
}

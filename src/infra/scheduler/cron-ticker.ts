// node-cron only ticks, once a minute; what is due is decided from the database by the tick itself.
import { schedule } from "node-cron";
import type { Clock } from "../../ports/clock.ts";
import type { Logger } from "../logger.ts";

export interface Ticker {
  stop(): Promise<void>;
}

export function startTicker(tick: (at: Date) => Promise<void>, clock: Clock, log: Logger): Ticker {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return; // a slow tick is not overlapped by the next one in this process
    running = tick(clock.now())
      .catch((error: unknown) =>
        log.error("scheduler tick failed", { error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const task = schedule("* * * * *", run, { name: "keypost-tick", noOverlap: true });
  run(); // tick once at start so that slots missed while the service was down are caught up now
  return {
    stop: async () => {
      await task.stop();
      await running;
    },
  };
}

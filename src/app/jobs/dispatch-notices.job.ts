// dispatch-notices — every minute, one drain of the outbox by the service's one dispatcher (built in
// main.ts and passed in, so the running loop, the kick hook and this job share one rate limiter).
// A running service also drains continuously; this slot is the floor when nothing woke it.
import type { Dispatcher } from "../delivery/dispatcher.ts";
import { everyMinute, type ScheduledJob } from "./tick.ts";

export function dispatchNoticesJob(dispatcher: Dispatcher): ScheduledJob {
  return {
    name: "dispatch-notices",
    slotOf: everyMinute,
    run: async (kernel) => ({ ...(await dispatcher.drain(kernel)) }),
  };
}

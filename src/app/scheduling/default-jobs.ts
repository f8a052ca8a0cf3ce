// The jobs every tick considers, in order: state changes first (so their notices go out in the
// same tick), delivery last.
import { dispatchNotices, type Notifiers } from "./dispatch-notices.ts";
import { everyMinute, type ScheduledJob } from "./tick.ts";

export function defaultJobs(notifiers: Notifiers): ScheduledJob[] {
  return [
    {
      name: "dispatch-notices",
      slotOf: everyMinute,
      run: async (kernel) => ({ ...(await dispatchNotices(kernel, notifiers)) }),
    },
  ];
}

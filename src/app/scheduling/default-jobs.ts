// The jobs every tick considers, in order: state changes first (so that their notices go out in
// the same tick), delivery last.
import { envOf } from "../kernel/execute.ts";
import { returnDueLeaves, startDueLeaves } from "../leave/leave-scheduler.ts";
import { markDueJob } from "../rotation/scan-rotations-due.ts";
import { dispatchNotices, type Notifiers } from "./dispatch-notices.ts";
import { everyMinute, type ScheduledJob } from "./tick.ts";

export function defaultJobs(notifiers: Notifiers): ScheduledJob[] {
  return [
    {
      name: "leave-start",
      slotOf: everyMinute,
      run: (kernel, at) => kernel.uow.run(async (tx) => ({ ...(await startDueLeaves(tx, { ...envOf(kernel), now: at })) })),
    },
    {
      name: "leave-return",
      slotOf: everyMinute,
      run: (kernel, at) => kernel.uow.run(async (tx) => ({ ...(await returnDueLeaves(tx, { ...envOf(kernel), now: at })) })),
    },
    markDueJob,
    {
      name: "dispatch-notices",
      slotOf: everyMinute,
      run: async (kernel) => ({ ...(await dispatchNotices(kernel, notifiers)) }),
    },
  ];
}

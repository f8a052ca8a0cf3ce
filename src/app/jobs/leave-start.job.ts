// leave.start — every minute, each planned mandatory leave whose first day has begun in its unit
// starts: authority suspended, the substitute takes over, the audit team told (leave-scheduler.ts).
import { envOf } from "../kernel/execute.ts";
import { startDueLeaves } from "../leave/leave-scheduler.ts";
import { everyMinute, type ScheduledJob } from "./tick.ts";

export const leaveStartJob: ScheduledJob = {
  name: "leave-start",
  slotOf: everyMinute,
  run: (kernel, at) => kernel.uow.run(async (tx) => ({ ...(await startDueLeaves(tx, { ...envOf(kernel), now: at })) })),
};

// leave.return — every minute, each leave whose last day has ended in its unit returns: the holder is
// asked to take back the post (leave-scheduler.ts).
import { envOf } from "../kernel/execute.ts";
import { returnDueLeaves } from "../leave/leave-scheduler.ts";
import { everyMinute, type ScheduledJob } from "./tick.ts";

export const leaveReturnJob: ScheduledJob = {
  name: "leave-return",
  slotOf: everyMinute,
  run: (kernel, at) =>
    kernel.uow.run(async (tx) => ({ ...(await returnDueLeaves(tx, { ...envOf(kernel), now: at })) })),
};

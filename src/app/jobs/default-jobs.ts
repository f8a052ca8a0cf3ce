// The jobs every tick considers, in order: state changes first (so that their notices go out in
// the same tick), then the warnings and ladders computed from that state, delivery last.
// docs/scheduler.md lists each job, its slot and what makes it run once.
import { envOf } from "../kernel/execute.ts";
import { returnDueLeaves, startDueLeaves } from "../leave/leave-scheduler.ts";
import { markDueJob } from "../rotation/scan-rotations-due.ts";
import { dispatchNotices, type Notifiers } from "../delivery/dispatch-notices.ts";
import { lateAuditsJob } from "./late-audits.job.ts";
import { leadTimeJob } from "./lead-time.job.ts";
import { noticeLadderJob } from "./notice-ladder.job.ts";
import { rectificationsDueJob } from "./rectifications-due.job.ts";
import { rotationPlanDraftJob } from "./rotation-plan-draft.job.ts";
import { everyMinute, type ScheduledJob } from "./tick.ts";

export function defaultJobs(notifiers: Notifiers): ScheduledJob[] {
  return [
    {
      name: "leave-start",
      slotOf: everyMinute,
      run: (kernel, at) =>
        kernel.uow.run(async (tx) => ({ ...(await startDueLeaves(tx, { ...envOf(kernel), now: at })) })),
    },
    {
      name: "leave-return",
      slotOf: everyMinute,
      run: (kernel, at) =>
        kernel.uow.run(async (tx) => ({ ...(await returnDueLeaves(tx, { ...envOf(kernel), now: at })) })),
    },
    markDueJob,
    rotationPlanDraftJob,
    leadTimeJob,
    lateAuditsJob,
    rectificationsDueJob,
    noticeLadderJob,
    {
      name: "dispatch-notices",
      slotOf: everyMinute,
      run: async (kernel) => ({ ...(await dispatchNotices(kernel, notifiers)) }),
    },
  ];
}

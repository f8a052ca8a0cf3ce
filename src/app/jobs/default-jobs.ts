// The jobs every tick considers, in order: state changes first (so that their notices go out in
// the same tick), then the warnings and ladders computed from that state, delivery last. Every job
// is one `*.job.ts` file here: a ScheduledJob constant, or a function of what it needs
// (the dispatcher, the log checkpointer) returning one. docs/scheduler.md lists each job, its slot
// and what makes it run once.
import type { LogCheckpointer } from "../../ports/log-checkpoints.ts";
import type { Dispatcher } from "../delivery/dispatcher.ts";
import { dailyDigestJob } from "./daily-digest.job.ts";
import { weeklyDigestJob } from "./weekly-digest.job.ts";
import { dispatchNoticesJob } from "./dispatch-notices.job.ts";
import { lateAuditsJob } from "./late-audits.job.ts";
import { leadTimeJob } from "./lead-time.job.ts";
import { leaveReturnJob } from "./leave-return.job.ts";
import { leaveStartJob } from "./leave-start.job.ts";
import { logCheckpointJob } from "./log-checkpoint.job.ts";
import { noticeLadderJob } from "./notice-ladder.job.ts";
import { rectificationsDueJob } from "./rectifications-due.job.ts";
import { requestKeysPruneJob } from "./request-keys-prune.job.ts";
import { rotationPlanDraftJob } from "./rotation-plan-draft.job.ts";
import { rotationsDueJob } from "./rotations-due.job.ts";
import type { ScheduledJob } from "./tick.ts";

export interface JobDependencies {
  /** The service's one dispatcher (main.ts). */
  readonly dispatcher: Dispatcher;
  /** Signs the audit log's head hourly; without it there is no checkpoint job. */
  readonly checkpointer?: LogCheckpointer;
  readonly onCheckpointRefused?: (error: unknown) => void;
}

export function defaultJobs(deps: JobDependencies): ScheduledJob[] {
  return [
    leaveStartJob,
    leaveReturnJob,
    rotationsDueJob,
    rotationPlanDraftJob,
    leadTimeJob,
    lateAuditsJob,
    rectificationsDueJob,
    noticeLadderJob,
    dailyDigestJob,
    weeklyDigestJob,
    dispatchNoticesJob(deps.dispatcher),
    requestKeysPruneJob,
    ...(deps.checkpointer ? [logCheckpointJob(deps.checkpointer, deps.onCheckpointRefused)] : []),
  ];
}

// log.checkpoint — once an hour the audit log's head is signed and stored outside the database
// (docs/audit-log.md). A log found rewritten or cut since the last checkpoint is not signed: the
// job reports `broken: 1` in the tick and the checkpointer's refusal says why.
import type { LogCheckpointer } from "../../ports/log-checkpoints.ts";
import { everyHour, type ScheduledJob } from "./tick.ts";

export const LOG_CHECKPOINT_JOB = "log.checkpoint";

export function logCheckpointJob(
  checkpointer: LogCheckpointer,
  onRefused: (error: unknown) => void = () => undefined,
): ScheduledJob {
  return {
    name: LOG_CHECKPOINT_JOB,
    slotOf: everyHour,
    run: async (_kernel, at): Promise<Record<string, number>> => {
      try {
        const checkpoint = await checkpointer.checkpoint("hourly", at);
        return checkpoint ? { signed: 1, seq: checkpoint.seq } : { signed: 0 };
      } catch (error) {
        onRefused(error);
        return { signed: 0, broken: 1 };
      }
    },
  };
}

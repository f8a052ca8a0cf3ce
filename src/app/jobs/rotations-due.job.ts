// rotation.mark_due — hourly, so that each unit's morning is reached whatever its time zone: the
// sweep marks holdings due or overdue for rotation and tells who must act (scan-rotations-due.ts).
import { MARK_DUE_JOB, sweepRotations } from "../rotation/scan-rotations-due.ts";
import type { ScheduledJob } from "./tick.ts";

export const rotationsDueJob: ScheduledJob = {
  name: MARK_DUE_JOB,
  slotOf: (at) => at.toISOString().slice(0, 13) + "Z",
  run: async (kernel, at) => ({ ...(await sweepRotations(kernel, at)) }),
};

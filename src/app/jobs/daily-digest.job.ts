// digest.daily — every minute, before delivery: renders again each daily digest not sent yet whose
// morning is near, so a line whose subject closed (the late person acted, the audit was closed)
// drops out before the digest goes out on its recipient's working morning, and a digest left with
// no line is held back (daily-digest.ts, decision 15.18). Writing lines is the ladder's
// (notice-ladder.job.ts); a line added renders its digest at once only when its morning is near
// (or the digest is new or held: daily-digest.ts, decision 13.s17-3). A digest waits up to a day
// for its morning: rendered every minute of that day, each of its lines built its subject's card
// again 1 440 times, for a bank's every waiting digest, to change nothing that anyone could see
// (its notice is not visible before its morning). Now only in the last RENDER_AHEAD_MS before it is
// due (decision 13.s16-2): a minute's ticks still render it in the minute before it goes out.
import { envOf } from "../kernel/execute.ts";
import { renderDigest, RENDER_AHEAD_MS, type DigestState } from "./daily-digest.ts";
import { everyMinute, type ScheduledJob } from "./tick.ts";

export const DAILY_DIGEST_JOB = "digest.daily";
/** Digests due up to this long ago and still unclaimed (a tick late after a stop) are looked at too. */
const LATE_MS = 24 * 3_600_000;

export const dailyDigestJob: ScheduledJob = {
  name: DAILY_DIGEST_JOB,
  slotOf: everyMinute,
  run: async (kernel, at) => {
    const env = { ...envOf(kernel), now: at };
    const counts: Record<DigestState, number> = { written: 0, unchanged: 0, held: 0, claimed: 0 };
    const keys = await kernel.uow.run((tx) =>
      tx.digests.keysBetween(new Date(at.getTime() - LATE_MS), new Date(at.getTime() + RENDER_AHEAD_MS)),
    );
    // One transaction per digest: a digest's lines are few, the digests of a bank many.
    for (const key of keys) counts[await kernel.uow.run((tx) => renderDigest(tx, env, key))] += 1;
    return counts;
  },
};

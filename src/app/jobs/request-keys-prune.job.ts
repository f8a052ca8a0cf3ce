// receipts.prune_request_keys — once an hour the replay keys of platform requests older than a day
// are forgotten: each Slack request's signature (`slack:request:`), Socket Mode envelope
// (`slack:envelope:`) and Events API event (`slack:event:`) is kept so that a replay or a retry is
// refused or answered once, and after a day none can come back (Slack refuses a signature older than
// five minutes itself, and stops retrying an event within the hour). Without this the table grew by
// a row per request for ever. Other receipts — once-ever markers of jobs and forms
// (`rotation.overdue:…`, `leave.plan:…`) — are never pruned: they are what makes those run once.
// The press inbox prunes its own rows (inbox-worker.ts).
import { everyHour, type ScheduledJob } from "./tick.ts";

export const REQUEST_KEY_PREFIXES = ["slack:request:", "slack:envelope:", "slack:event:"] as const;
/** How long a request's replay key is kept. */
export const REQUEST_KEY_KEEP_MS = 24 * 3_600_000;

export const requestKeysPruneJob: ScheduledJob = {
  name: "receipts.prune_request_keys",
  slotOf: everyHour,
  run: async (kernel, at): Promise<Record<string, number>> => {
    const before = new Date(at.getTime() - REQUEST_KEY_KEEP_MS);
    let pruned = 0;
    for (const prefix of REQUEST_KEY_PREFIXES)
      pruned += await kernel.uow.run((tx) => tx.receipts.pruneByPrefix(prefix, before));
    return { pruned };
  },
};

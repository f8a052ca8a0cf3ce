// Marks several inbox requests done at once (the worker gathers the ones it finished while the last
// such statement ran: one transaction for many presses instead of one each). Once: a request
// finished before keeps its first time and error. The key list is padded to a power of two by
// repeating the last key, so a handful of statement texts serve every size and stay prepared.
// Nobody reads its answer: it is queued (SqlSession.queue), so on PostgreSQL it leaves with its unit's
// BEGIN and COMMIT — one round trip, not two (decision 13.s13s-3); a refusal still fails the unit.
import type { SqlSession } from "../sql-session.ts";

/** At most 512 keys. */
export async function finishInboundRequests(sql: SqlSession, keys: readonly string[], at: Date): Promise<void> {
  if (keys.length === 0) return;
  if (keys.length > 512) throw new RangeError("finishInboundRequests: at most 512 keys");
  let size = 1;
  while (size < keys.length) size *= 2;
  const padded = [...keys, ...Array<string>(size - keys.length).fill(keys.at(-1)!)];
  const list = padded.map((_, i) => `$${i + 2}`).join(", ");
  await sql.queue(
    `UPDATE "InboundRequest" SET "doneAt" = $1, "leaseUntil" = NULL WHERE "key" IN (${list}) AND "doneAt" IS NULL`,
    at,
    ...padded,
  );
}

// Claims a scheduled (job, slot) for one server: the unique key decides, so a slot runs once across
// replicas and restarts. False when another claimed it first.
import type { SqlSession } from "../sql-session.ts";

export interface SlotClaim {
  id: string;
  job: string;
  slot: string;
  by: string;
  at: Date;
}

export async function insertSlotClaim(sql: SqlSession, claim: SlotClaim): Promise<boolean> {
  const inserted = await sql.run(
    `INSERT INTO "ScheduledSlot" ("id", "job", "slot", "claimedBy", "claimedAt") VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("job", "slot") DO NOTHING`,
    claim.id,
    claim.job,
    claim.slot,
    claim.by,
    claim.at,
  );
  return inserted > 0;
}

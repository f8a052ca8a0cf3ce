import type { SlotClaims } from "../../ports/slot-claims.ts";
import { newId } from "../../ports/ids.ts";
import type { Provider, Tx } from "./database.ts";
import { executeRaw } from "./raw-sql.ts";

export class PrismaSlotClaims implements SlotClaims {
  constructor(
    private readonly db: Tx,
    private readonly provider: Provider,
  ) {}

  async claim(job: string, slot: string, by: string, at: Date): Promise<boolean> {
    const inserted = await executeRaw(
      this.db,
      this.provider,
      `INSERT INTO "ScheduledSlot" ("id", "job", "slot", "claimedBy", "claimedAt") VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("job", "slot") DO NOTHING`,
      newId(),
      job,
      slot,
      by,
      at,
    );
    return inserted > 0;
  }

  async finish(job: string, slot: string, at: Date): Promise<void> {
    await this.db.scheduledSlot.updateMany({ where: { job, slot }, data: { finishedAt: at } });
  }
}

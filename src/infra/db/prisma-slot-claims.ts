import type { SlotClaims } from "../../ports/slot-claims.ts";
import { newId } from "../../ports/ids.ts";
import type { Provider, Tx } from "./database.ts";
import { prismaSql } from "./sql-session.ts";
import { insertSlotClaim } from "./sql/insert-slot-claim.sql.ts";

export class PrismaSlotClaims implements SlotClaims {
  constructor(
    private readonly db: Tx,
    private readonly provider: Provider,
  ) {}

  async claim(job: string, slot: string, by: string, at: Date): Promise<boolean> {
    return insertSlotClaim(prismaSql(this.db, this.provider), { id: newId(), job, slot, by, at });
  }

  async finish(job: string, slot: string, at: Date): Promise<void> {
    await this.db.scheduledSlot.updateMany({ where: { job, slot }, data: { finishedAt: at } });
  }
}

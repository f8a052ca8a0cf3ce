// The sender leases of the platform tenants (src/ports/sender-leases.ts) as one row per key. Each
// write is one conditional statement: the database decides who holds a key, fenced by the value
// (holder, leaseUntil) the holder last knew.
import type { HeldLease, SenderLeases } from "../../ports/sender-leases.ts";
import type { Provider, Tx } from "./database.ts";
import { prismaSql } from "./sql-session.ts";
import { insertSenderLease } from "./sql/insert-sender-lease.sql.ts";

export class PrismaSenderLeases implements SenderLeases {
  constructor(
    private readonly db: Tx,
    private readonly provider: Provider,
  ) {}

  async claim(key: string, holder: string, now: Date, until: Date, held?: HeldLease): Promise<HeldLease | undefined> {
    const mine = held && held.key === key && held.holder === holder ? [{ holder, leaseUntil: held.leaseUntil }] : [];
    const { count } = await this.db.senderLease.updateMany({
      where: { key, OR: [{ leaseUntil: { lte: now } }, ...mine] },
      data: { holder, leaseUntil: until },
    });
    if (count === 1) return { key, holder, leaseUntil: until };
    const inserted = await insertSenderLease(prismaSql(this.db, this.provider), { key, holder, leaseUntil: until });
    return inserted ? { key, holder, leaseUntil: until } : undefined;
  }

  async release(held: HeldLease): Promise<boolean> {
    const { count } = await this.db.senderLease.updateMany({
      where: { key: held.key, holder: held.holder, leaseUntil: held.leaseUntil },
      data: { leaseUntil: new Date(0) },
    });
    return count === 1;
  }
}

// The sender leases of the platform tenants (src/ports/sender-leases.ts) as one row per key. Each
// write is one conditional statement: the database decides who holds a key, fenced by the value
// (holder, leaseUntil) the holder last knew. A replica's presence is a row of the same table under
// the key `replica:<holder>` (decision 17.s10r-2): no platform key can start so.
import type { HeldLease, SenderLeases } from "../../ports/sender-leases.ts";
import type { Provider, Tx } from "./database.ts";
import { prismaSql } from "./sql-session.ts";
import { insertSenderLease } from "./sql/insert-sender-lease.sql.ts";

const PRESENCE = "replica:";

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

  async present(holder: string, now: Date, until: Date): Promise<void> {
    const key = `${PRESENCE}${holder}`;
    const { count } = await this.db.senderLease.updateMany({ where: { key }, data: { holder, leaseUntil: until } });
    if (count === 0) await insertSenderLease(prismaSql(this.db, this.provider), { key, holder, leaseUntil: until });
    // A killed replica's presence (never released) is forgotten a lease after it ran out.
    await this.db.senderLease.deleteMany({
      where: {
        key: { startsWith: PRESENCE },
        leaseUntil: { lte: new Date(now.getTime() - (until.getTime() - now.getTime())) },
      },
    });
  }

  async live(now: Date): Promise<{ leases: HeldLease[]; replicas: string[]; lapsed: string[] }> {
    // A handful of rows (one per platform and per replica): read whole, split here.
    const rows = await this.db.senderLease.findMany({ orderBy: { key: "asc" } });
    const current = rows.filter((r) => r.leaseUntil.getTime() > now.getTime());
    return {
      leases: current.filter((r) => !r.key.startsWith(PRESENCE)),
      replicas: current.filter((r) => r.key.startsWith(PRESENCE)).map((r) => r.holder),
      // A release writes the epoch (release above); any other lease in the past ran out on its holder.
      lapsed: rows
        .filter(
          (r) => !r.key.startsWith(PRESENCE) && r.leaseUntil.getTime() > 0 && r.leaseUntil.getTime() <= now.getTime(),
        )
        .map((r) => r.key),
    };
  }

  async absent(holder: string): Promise<void> {
    await this.db.senderLease.deleteMany({ where: { key: `${PRESENCE}${holder}` } });
  }
}

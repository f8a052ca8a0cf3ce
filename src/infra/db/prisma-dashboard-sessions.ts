// Sign-in links and sessions of the dashboard in the database (both engines): conditional
// updates (updateMany with the condition in its WHERE) make "used once" and "still open" a
// decision of the database, not of the server that asks.
import type { DashboardSessions, LinkRefusal } from "../../ports/dashboard-sessions.ts";
import type { Tx } from "./database.ts";

export class PrismaDashboardSessions implements DashboardSessions {
  constructor(private readonly db: Tx) {}

  async createLink(link: { tokenHash: string; personId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.db.dashboardLink.create({ data: { ...link } });
  }

  async findLink(tokenHash: string): Promise<{ personId: string; expiresAt: Date; usedAt: Date | null } | undefined> {
    const link = await this.db.dashboardLink.findUnique({
      where: { tokenHash },
      select: { personId: true, expiresAt: true, usedAt: true },
    });
    return link ?? undefined;
  }

  async useLink(
    tokenHash: string,
    at: Date,
  ): Promise<{ ok: true; personId: string } | { ok: false; refusal: LinkRefusal }> {
    const used = await this.db.dashboardLink.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: at } },
      data: { usedAt: at },
    });
    const link = await this.db.dashboardLink.findUnique({ where: { tokenHash } });
    if (!link) return { ok: false, refusal: "unknown" };
    if (used.count === 1) return { ok: true, personId: link.personId };
    return { ok: false, refusal: link.usedAt !== null ? "used" : "expired" };
  }

  async openSession(session: { tokenHash: string; personId: string; at: Date }): Promise<void> {
    await this.db.dashboardSession.create({
      data: { tokenHash: session.tokenHash, personId: session.personId, createdAt: session.at, lastSeenAt: session.at },
    });
  }

  async touchSession(tokenHash: string, at: Date, idleSince: Date): Promise<string | undefined> {
    const seen = await this.db.dashboardSession.updateMany({
      where: { tokenHash, endedAt: null, lastSeenAt: { gt: idleSince } },
      data: { lastSeenAt: at },
    });
    if (seen.count !== 1) return undefined;
    const session = await this.db.dashboardSession.findUnique({ where: { tokenHash }, select: { personId: true } });
    return session?.personId;
  }

  async endSession(tokenHash: string, at: Date): Promise<void> {
    await this.db.dashboardSession.updateMany({ where: { tokenHash, endedAt: null }, data: { endedAt: at } });
  }
}

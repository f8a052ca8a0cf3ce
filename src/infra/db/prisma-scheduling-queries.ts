// The scheduler's reads and claims (see ports/scheduling-queries.ts), inside the caller's transaction.
import type { FieldCipher } from "../../ports/field-cipher.ts";
import { PLAIN_FIELDS } from "../records/field-cipher.ts";
import { cardOf } from "./notice-card-codec.ts";
import type { WorkingCalendar } from "../../domain/calendar/index.ts";
import { CalendarError } from "../../domain/calendar/index.ts";
import type { PolicyRules } from "../../domain/policy/index.ts";
import type {
  AwaitingNotice,
  NoticeCursor,
  PlanUnit,
  SchedulingQueries,
  SubjectLink,
} from "../../ports/scheduling-queries.ts";
import { SETTING } from "../../ports/settings.ts";
import type { Tx } from "./database.ts";
import { PrismaCalendarRepository } from "./prisma-calendar-repository.ts";
import { PrismaPolicyRepository } from "./prisma-policy-repository.ts";

/** Audit states from which an audit counts as signed off (or will never be). */
const SETTLED_AUDIT = ["signed", "rectifying", "closed", "cancelled"];
const NO_LINK: SubjectLink = { postId: null, leaveId: null };

export class PrismaSchedulingQueries implements SchedulingQueries {
  constructor(
    private readonly db: Tx,
    private readonly fields: FieldCipher = PLAIN_FIELDS,
  ) {}

  async awaitingNotices(
    deliveredSince: Date,
    deliveredBy: Date,
    subjectTypes: readonly string[],
    page: { readonly limit: number; readonly after?: NoticeCursor },
  ): Promise<{ notices: AwaitingNotice[]; next?: NoticeCursor }> {
    const after = page.after;
    const rows = await this.db.notice.findMany({
      where: {
        status: "sent",
        // Acknowledged notices too: acknowledging is not confirming, approving, signing or answering.
        escalatedAt: null,
        sentAt: { gte: deliveredSince, lte: deliveredBy },
        subjectType: { in: [...subjectTypes] },
        // Reminders and escalations themselves ("…#reminder1", "…#escalation") are never reminded of,
        // nor cards with nothing to press (a sealed card is looked at once opened, below).
        NOT: [{ dedupeKey: { contains: "#" } }, { card: { contains: '"actions":[]' } }],
        ...(after
          ? { OR: [{ sentAt: { gt: after.sentAt } }, { sentAt: after.sentAt, dedupeKey: { gt: after.dedupeKey } }] }
          : {}),
      },
      orderBy: [{ sentAt: "asc" }, { dedupeKey: "asc" }],
      take: page.limit,
    });
    const last = rows.length === page.limit ? rows[rows.length - 1] : undefined;
    const next = last?.sentAt ? { sentAt: last.sentAt, dedupeKey: last.dedupeKey } : undefined;
    const groups = new Map<string, AwaitingNotice & { ids: string[] }>();
    for (const row of rows) {
      const card = cardOf(this.fields, row.card);
      if (card.actions.length === 0) continue;
      const at = row.dedupeKey.lastIndexOf("@");
      const key = at > 0 ? row.dedupeKey.slice(0, at) : row.dedupeKey;
      const sentAt = row.sentAt ?? deliveredBy;
      const since = row.visibleFrom !== null && row.visibleFrom > sentAt ? row.visibleFrom : sentAt;
      const seen = groups.get(key);
      if (seen) {
        seen.ids.push(row.id);
        continue;
      }
      groups.set(key, {
        key,
        ids: [row.id],
        recipientId: row.recipientId,
        kind: row.kind,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        since,
        visibleFrom: row.visibleFrom,
        remindersSent: row.remindersSent,
        acknowledged: row.acknowledgedAt !== null,
        card,
      });
    }
    // A notice's other rows move with its ladder: a platform row not sent yet, and one sent but
    // beyond this page (the next page's reader passes its key by: the ladder climbs a key once a run).
    const keys = [...groups.keys()];
    const inPage = new Set(rows.map((r) => r.id));
    for (let i = 0; i < keys.length; i += 200) {
      const part = keys.slice(i, i + 200);
      const others = await this.db.notice.findMany({
        where: { OR: part.map((k) => ({ dedupeKey: { startsWith: `${k}@` } })) },
        select: { id: true, dedupeKey: true },
      });
      for (const o of others)
        if (!inPage.has(o.id)) groups.get(o.dedupeKey.slice(0, o.dedupeKey.lastIndexOf("@")))?.ids.push(o.id);
    }
    return { notices: [...groups.values()], next };
  }

  async claimReminder(ids: readonly string[], from: number, to: number): Promise<boolean> {
    const { count } = await this.db.notice.updateMany({
      where: { id: { in: [...ids] }, remindersSent: from },
      data: { remindersSent: to },
    });
    return count > 0;
  }

  async claimEscalation(ids: readonly string[], at: Date): Promise<boolean> {
    const { count } = await this.db.notice.updateMany({
      where: { id: { in: [...ids] }, escalatedAt: null },
      data: { escalatedAt: at },
    });
    return count > 0;
  }

  async tokenActions(tokens: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.actionToken.findMany({
      where: { id: { in: [...tokens] } },
      select: { id: true, action: true },
    });
    return new Map(rows.map((r) => [r.id, r.action]));
  }

  async subjectLink(subjectType: string, subjectId: string): Promise<SubjectLink> {
    return (await this.subjectLinks(subjectType, [subjectId])).get(subjectId) ?? NO_LINK;
  }

  async subjectLinks(subjectType: string, subjectIds: readonly string[]): Promise<Map<string, SubjectLink>> {
    const where = { id: { in: [...new Set(subjectIds)] } };
    const links = new Map<string, SubjectLink>();
    switch (subjectType) {
      case "leave":
        for (const r of await this.db.leave.findMany({ where, select: { id: true, postId: true } }))
          links.set(r.id, { postId: r.postId, leaveId: r.id });
        break;
      case "audit":
        for (const r of await this.db.audit.findMany({ where, select: { id: true, postId: true, leaveId: true } }))
          links.set(r.id, { postId: r.postId, leaveId: r.leaveId });
        break;
      case "handover":
        for (const r of await this.db.handover.findMany({ where, select: { id: true, postId: true, leaveId: true } }))
          links.set(r.id, { postId: r.postId, leaveId: r.leaveId });
        break;
      case "rotation":
        for (const r of await this.db.rotation.findMany({ where, select: { id: true, postId: true } }))
          links.set(r.id, { postId: r.postId, leaveId: null });
        break;
      case "rectification": {
        const rows = await this.db.rectification.findMany({
          where,
          select: { id: true, audit: { select: { postId: true, leaveId: true } } },
        });
        for (const r of rows) links.set(r.id, r.audit ?? NO_LINK);
        break;
      }
      case "major_event": {
        const reports = await this.db.majorEventReport.findMany({ where, select: { id: true, leaveId: true } });
        const leaveIds = reports.flatMap((r) => (r.leaveId ? [r.leaveId] : []));
        const posts = new Map(
          leaveIds.length === 0
            ? []
            : (
                await this.db.leave.findMany({ where: { id: { in: leaveIds } }, select: { id: true, postId: true } })
              ).map((l) => [l.id, l.postId]),
        );
        for (const r of reports)
          links.set(r.id, r.leaveId ? { postId: posts.get(r.leaveId) ?? null, leaveId: r.leaveId } : NO_LINK);
        break;
      }
    }
    return links;
  }

  async policyForPost(postId: string): Promise<PolicyRules | undefined> {
    return (await new PrismaPolicyRepository(this.db).forPosts([postId])).get(postId);
  }

  async rungBounds(): Promise<{ shortest: number; longest: number } | undefined> {
    const rows = await this.db.policy.findMany({ select: { reminderHours: true, escalateAfterHours: true } });
    if (rows.length === 0) return undefined;
    const firsts = rows.flatMap((r) => [
      r.escalateAfterHours,
      ...r.reminderHours
        .split(",")
        .map(Number)
        .filter((h) => Number.isFinite(h) && h > 0),
    ]);
    return { shortest: Math.min(...firsts), longest: Math.max(...rows.map((r) => r.escalateAfterHours)) };
  }

  async strictestDefault(): Promise<PolicyRules | undefined> {
    const active = (await this.db.setting.findUnique({ where: { key: SETTING.policyPreset } }))?.value;
    const defaults = (await new PrismaPolicyRepository(this.db).list()).filter(
      (p) => p.category !== null && (active === undefined || p.preset === active),
    );
    return defaults.sort((a, b) => a.escalateAfterHours - b.escalateAfterHours)[0];
  }

  async unitCalendar(unitId: string): Promise<WorkingCalendar | undefined> {
    try {
      return await new PrismaCalendarRepository(this.db).load({ unitId });
    } catch (error) {
      if (error instanceof CalendarError) return undefined;
      throw error;
    }
  }

  async planUnits(): Promise<PlanUnit[]> {
    const grants = await this.db.roleGrant.findMany({
      where: { role: "hr", employee: { status: { not: "left" } } },
      select: { unit: { select: { id: true, code: true, path: true, timeZone: true } } },
    });
    const units = new Map(grants.map((g) => [g.unit.id, g.unit]));
    return [...units.values()].sort((a, b) => b.path.length - a.path.length || a.path.localeCompare(b.path));
  }

  async auditsDueBy(dueBy: string): Promise<{ id: string; unitId: string; dueDate: string }[]> {
    const rows = await this.db.audit.findMany({
      where: { status: { notIn: SETTLED_AUDIT }, dueDate: { not: null, lte: dueBy } },
      select: { id: true, unitId: true, dueDate: true },
      orderBy: { dueDate: "asc" },
    });
    return rows.flatMap((r) => (r.dueDate === null ? [] : [{ id: r.id, unitId: r.unitId, dueDate: r.dueDate }]));
  }

  async rectificationsDueBy(
    dueBy: string,
  ): Promise<{ id: string; auditId: string; unitId: string; dueDate: string }[]> {
    const rows = await this.db.rectification.findMany({
      where: { status: "open", dueDate: { lte: dueBy } },
      select: { id: true, auditId: true, dueDate: true, audit: { select: { unitId: true } } },
      orderBy: { dueDate: "asc" },
    });
    return rows.map((r) => ({ id: r.id, auditId: r.auditId, unitId: r.audit.unitId, dueDate: r.dueDate }));
  }
}

// Unacknowledged notices with the key post and the mandatory leave their subject is about, looked
// up in bulk per subject type (leave, audit, handover, rotation, rectification, major-event report,
// assignment). A notice to one person is one row per platform, grouped by its dedupe key without
// the "@platform" suffix.
import type { NoticeFact } from "../../../ports/report-queries.ts";
import type { Prisma, Tx } from "../database.ts";

type Db = Prisma | Tx;
type Link = { postId: string | null; leaveId: string | null };

const CHUNK = 500;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function linksOf(db: Db, type: string, ids: string[]): Promise<Map<string, Link>> {
  const links = new Map<string, Link>();
  for (const part of chunks(ids)) {
    const where = { id: { in: part } };
    switch (type) {
      case "leave":
        for (const r of await db.leave.findMany({ where, select: { id: true, postId: true } }))
          links.set(r.id, { postId: r.postId, leaveId: r.id });
        break;
      case "audit":
        for (const r of await db.audit.findMany({ where, select: { id: true, postId: true, leaveId: true } }))
          links.set(r.id, r);
        break;
      case "handover":
        for (const r of await db.handover.findMany({ where, select: { id: true, postId: true, leaveId: true } }))
          links.set(r.id, r);
        break;
      case "rotation":
        for (const r of await db.rotation.findMany({ where, select: { id: true, postId: true } }))
          links.set(r.id, { postId: r.postId, leaveId: null });
        break;
      case "assignment":
        for (const r of await db.assignment.findMany({ where, select: { id: true, postId: true } }))
          links.set(r.id, { postId: r.postId, leaveId: null });
        break;
      case "rectification":
        for (const r of await db.rectification.findMany({
          where,
          select: { id: true, audit: { select: { postId: true, leaveId: true } } },
        }))
          links.set(r.id, r.audit);
        break;
      case "major_event": {
        const rows = await db.majorEventReport.findMany({ where, select: { id: true, leaveId: true } });
        const leaves = new Map(
          (
            await db.leave.findMany({
              where: { id: { in: rows.flatMap((r) => (r.leaveId ? [r.leaveId] : [])) } },
              select: { id: true, postId: true },
            })
          ).map((l) => [l.id, l.postId]),
        );
        for (const r of rows)
          links.set(r.id, { postId: r.leaveId ? (leaves.get(r.leaveId) ?? null) : null, leaveId: r.leaveId });
        break;
      }
    }
  }
  return links;
}

export async function unacknowledgedNotices(db: Db, now: Date): Promise<NoticeFact[]> {
  const rows = await db.notice.findMany({
    // A reminder ("…#reminder<n>") repeats a notice counted already.
    where: {
      acknowledgedAt: null,
      status: { not: "superseded" },
      createdAt: { lte: now },
      OR: [{ visibleFrom: null }, { visibleFrom: { lte: now } }],
      NOT: { dedupeKey: { contains: "#reminder" } },
    },
    select: {
      dedupeKey: true,
      recipientId: true,
      kind: true,
      subjectType: true,
      subjectId: true,
      visibleFrom: true,
      createdAt: true,
    },
    orderBy: { dedupeKey: "asc" },
  });
  const groups = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const at = row.dedupeKey.lastIndexOf("@");
    const key = at > 0 ? row.dedupeKey.slice(0, at) : row.dedupeKey;
    if (!groups.has(key)) groups.set(key, row);
  }
  const byType = new Map<string, Set<string>>();
  for (const n of groups.values()) byType.set(n.subjectType, (byType.get(n.subjectType) ?? new Set()).add(n.subjectId));
  const links = new Map<string, Link>();
  for (const [type, ids] of byType)
    for (const [id, link] of await linksOf(db, type, [...ids])) links.set(`${type}:${id}`, link);
  const recipients = [...new Set([...groups.values()].map((n) => n.recipientId))];
  const units = new Map<string, string>();
  for (const part of chunks(recipients))
    for (const e of await db.employee.findMany({ where: { id: { in: part } }, select: { id: true, unitId: true } }))
      units.set(e.id, e.unitId);
  const facts: NoticeFact[] = [];
  for (const [key, n] of groups) {
    const unitId = units.get(n.recipientId);
    if (unitId === undefined) continue;
    const link = links.get(`${n.subjectType}:${n.subjectId}`);
    facts.push({
      key,
      recipientId: n.recipientId,
      recipientUnitId: unitId,
      kind: n.kind,
      subjectType: n.subjectType,
      subjectId: n.subjectId,
      since: n.visibleFrom ?? n.createdAt,
      postId: link?.postId ?? null,
      leaveId: link?.leaveId ?? null,
    });
  }
  return facts;
}

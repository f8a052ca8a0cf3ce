// Writes past mandatory leaves (src/app/history) inside the import's transaction, after the
// register rows of the same command, so a ledger may name employees and posts imported with it.
// A past leave is stored closed and unsealed (it is over: nothing to keep secret), in the post's
// unit; plannedById is the holder (Keypost did not plan it) and reason says it was imported.
// Upsert by (holder, post, start): the same file again changes nothing.
// A past off-post audit is stored closed, with reportText = "imported history" as its mark, done at
// noon UTC of its day (the same local date from UTC−12 to UTC+11, where the reports read it), in
// the post's unit, linked to the holder's leave that started on leave_start; its findings are one
// row per finding, recorded on the day it was done, with the holder as createdById (the column is
// required and the ledger does not say which auditor wrote it). Upsert by (holder, post, day done).
import type { PastAudit, PastLeave } from "../../ports/history-rows.ts";
import { SEVERITIES, type Severity } from "../../domain/audit/checklist.ts";
import type { RowError } from "../../ports/register-source.ts";
import { newId as defaultNewId, type NewId } from "../../ports/ids.ts";
import { appendLogEntry } from "./audit-log-writer.ts";
import type { Provider, Tx } from "./database.ts";

export const IMPORTED_REASON = "imported history";

/** New past leaves per INSERT. */
const CREATE_BATCH = 500;

export interface HistoryWriteReport {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

/** The employees' ids and the posts (with their units) a ledger's rows name, by code: two reads. */
async function holdersAndPosts(
  tx: Tx,
  rows: readonly { readonly employeeCode: string; readonly postCode: string }[],
): Promise<{
  employees: Map<string, string>;
  posts: Map<string, { id: string; code: string; unitId: string }>;
}> {
  const employees = await tx.employee.findMany({
    where: { code: { in: [...new Set(rows.map((r) => r.employeeCode))] } },
    select: { id: true, code: true },
  });
  const posts = await tx.keyPost.findMany({
    where: { code: { in: [...new Set(rows.map((r) => r.postCode))] } },
    select: { id: true, code: true, unitId: true },
  });
  return { employees: new Map(employees.map((e) => [e.code, e.id])), posts: new Map(posts.map((p) => [p.code, p])) };
}

export async function writePastLeaves(
  tx: Tx,
  provider: Provider,
  file: string,
  leaves: readonly PastLeave[],
  at: Date,
  newId: NewId = defaultNewId,
  /** Called after each row with how many are done (the CLI's progress line every 10 000). */
  onRow?: (done: number) => void,
): Promise<{ errors: RowError[]; report: HistoryWriteReport }> {
  const errors: RowError[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const { employees, posts } = await holdersAndPosts(tx, leaves);
  // The imported leaves already stored, by (holder, post, start): one read, not one per row (a
  // ledger of 10 000 leaves read them 10 000 times); new ones are created in batches.
  const stored = new Map<string, { id: string; endDate: string | null; kind: string }>();
  for (const row of await tx.leave.findMany({
    where: { reason: IMPORTED_REASON },
    select: { id: true, holderId: true, postId: true, startDate: true, endDate: true, kind: true },
  }))
    stored.set(`${row.holderId}|${row.postId}|${row.startDate}`, row);
  const creates: {
    id: string;
    holderId: string;
    postId: string;
    unitId: string;
    startDate: string;
    endDate: string;
    kind: string;
    sealed: boolean;
    status: string;
    reason: string;
    plannedById: string;
    startedAt: Date;
    closedAt: Date;
  }[] = [];
  const flush = async () => {
    if (creates.length === 0) return;
    await tx.leave.createMany({ data: creates.splice(0) });
  };
  let done = 0;
  for (const leave of leaves) {
    if (done > 0) onRow?.(done);
    done += 1;
    const holderId = employees.get(leave.employeeCode);
    const post = posts.get(leave.postCode);
    if (!holderId)
      errors.push({
        file,
        line: leave.line,
        column: "employee_code",
        reason: `unknown employee "${leave.employeeCode}"`,
      });
    if (!post) errors.push({ file, line: leave.line, column: "post_code", reason: `unknown post "${leave.postCode}"` });
    if (!holderId || !post || errors.length > 0) continue;
    const key = `${holderId}|${post.id}|${leave.startDate}`;
    const existing = stored.get(key);
    const fields = {
      endDate: leave.endDate,
      kind: leave.kind,
      startedAt: new Date(`${leave.startDate}T00:00:00Z`),
      closedAt: new Date(`${leave.endDate}T00:00:00Z`),
    };
    if (existing) {
      if (existing.endDate === leave.endDate && existing.kind === leave.kind) counts.unchanged += 1;
      else {
        await tx.leave.update({ where: { id: existing.id }, data: fields });
        stored.set(key, { ...existing, endDate: leave.endDate, kind: leave.kind });
        counts.updated += 1;
      }
      continue;
    }
    const id = newId();
    creates.push({
      id,
      holderId,
      postId: post.id,
      unitId: post.unitId,
      startDate: leave.startDate,
      sealed: false,
      status: "closed",
      reason: IMPORTED_REASON,
      plannedById: holderId,
      ...fields,
    });
    stored.set(key, { id, endDate: leave.endDate, kind: leave.kind });
    if (creates.length >= CREATE_BATCH) await flush();
    counts.created += 1;
  }
  if (errors.length === 0) await flush();
  if (done > 0) onRow?.(done);
  if (errors.length === 0) await logImported(tx, provider, at, "leaves", file, counts);
  return { errors, report: counts };
}

/** One `history.imported` entry for a ledger file that changed something (none for a no-op re-import). */
async function logImported(
  tx: Tx,
  provider: Provider,
  at: Date,
  ledger: "leaves" | "audits",
  file: string,
  counts: { created: number; updated: number },
): Promise<void> {
  if (counts.created + counts.updated === 0) return;
  await appendLogEntry(tx, provider, {
    at,
    actorId: null,
    platform: "cli",
    action: "history.imported",
    subjectType: "history",
    subjectId: ledger,
    data: { file, ...counts },
  });
}

/** The instant an imported audit (and its findings) is stored as done: noon UTC of its day. */
export function importedAuditInstant(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

/** `ids` in slices of 500 (a bank's holders may be 100 000: Prisma binds each value, and on SQLite takes 999 at most). */
async function inSlices<T>(ids: readonly string[], read: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await read(ids.slice(i, i + 500))));
  return out;
}

/** An imported audit as stored (or as about to be): what a ledger row is compared with. */
interface StoredAudit {
  readonly id: string;
  readonly dueDate: string | null;
  readonly leaveId: string | null;
  readonly severities: string;
}

export async function writePastAudits(
  tx: Tx,
  provider: Provider,
  file: string,
  audits: readonly PastAudit[],
  at: Date,
  newId: NewId = defaultNewId,
  /** Called after each row with how many are done (the CLI's progress line every 10 000). */
  onRow?: (done: number) => void,
): Promise<{ errors: RowError[]; report: HistoryWriteReport }> {
  const errors: RowError[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const { employees, posts } = await holdersAndPosts(tx, audits);
  // Set-wise (decision 13.s9i-5): the leaves the rows name and the imported audits already stored
  // are read once, not two reads per row; new audits and their findings are created in batches.
  const holdersOnLeave = [
    ...new Set(audits.filter((a) => a.leaveStart !== null).map((a) => employees.get(a.employeeCode))),
  ].filter((id) => id !== undefined);
  const leaves = new Map<string, string>();
  for (const leave of await inSlices(holdersOnLeave, (slice) =>
    tx.leave.findMany({
      where: { holderId: { in: slice }, status: { not: "cancelled" } },
      select: { id: true, holderId: true, postId: true, startDate: true },
    }),
  )) {
    const key = `${leave.holderId}|${leave.postId}|${leave.startDate}`;
    if (!leaves.has(key)) leaves.set(key, leave.id);
  }
  // Their findings in one read joined to the audits (a relation include would bind every audit's id).
  const severities = new Map<string, string[]>();
  for (const f of await tx.finding.findMany({
    where: { audit: { reportText: IMPORTED_REASON, closedAt: { not: null } } },
    select: { auditId: true, severity: true },
    orderBy: [{ auditId: "asc" }, { seq: "asc" }],
  })) {
    const list = severities.get(f.auditId);
    if (list) list.push(f.severity);
    else severities.set(f.auditId, [f.severity]);
  }
  const stored = new Map<string, StoredAudit>();
  for (const audit of await tx.audit.findMany({
    where: { reportText: IMPORTED_REASON, closedAt: { not: null } },
    select: { id: true, holderId: true, postId: true, closedAt: true, dueDate: true, leaveId: true },
  })) {
    const key = `${audit.holderId}|${audit.postId}|${audit.closedAt!.getTime()}`;
    if (!stored.has(key)) stored.set(key, { ...audit, severities: (severities.get(audit.id) ?? []).join(",") });
  }
  type NewAudit = NonNullable<Parameters<Tx["audit"]["createMany"]>[0]>["data"];
  type NewFinding = NonNullable<Parameters<Tx["finding"]["createMany"]>[0]>["data"];
  const newAudits: Extract<NewAudit, unknown[]> = [];
  const newFindings: Extract<NewFinding, unknown[]> = [];
  const flush = async () => {
    if (newAudits.length > 0) await tx.audit.createMany({ data: newAudits.splice(0) });
    if (newFindings.length > 0) await tx.finding.createMany({ data: newFindings.splice(0) });
  };
  const findingsOf = (auditId: string, holderId: string, doneAt: Date, wanted: readonly Severity[]) =>
    wanted.map((severity, i) => ({
      id: newId(),
      auditId,
      seq: i + 1,
      severity,
      description: IMPORTED_REASON,
      createdById: holderId,
      createdAt: doneAt,
    }));
  let done = 0;
  for (const audit of audits) {
    if (done > 0) onRow?.(done);
    done += 1;
    const bad = (column: string, reason: string) => errors.push({ file, line: audit.line, column, reason });
    const holderId = employees.get(audit.employeeCode);
    const post = posts.get(audit.postCode);
    if (!holderId) bad("employee_code", `unknown employee "${audit.employeeCode}"`);
    if (!post) bad("post_code", `unknown post "${audit.postCode}"`);
    if (!holderId || !post) continue;
    let leaveId: string | null = null;
    if (audit.leaveStart !== null) {
      const leave = leaves.get(`${holderId}|${post.id}|${audit.leaveStart}`);
      if (!leave) {
        bad(
          "leave_start",
          `no leave of ${audit.employeeCode} on ${audit.postCode} started on ${audit.leaveStart} (import the leave ledger with it)`,
        );
        continue;
      }
      leaveId = leave;
    }
    if (errors.length > 0) continue;
    const doneAt = importedAuditInstant(audit.doneOn);
    const wanted = SEVERITIES.flatMap((s) => Array.from({ length: audit.findings[s] ?? 0 }, () => s));
    const key = `${holderId}|${post.id}|${doneAt.getTime()}`;
    const existing = stored.get(key);
    if (existing) {
      const same =
        existing.dueDate === audit.dueDate && existing.leaveId === leaveId && existing.severities === wanted.join(",");
      if (same) counts.unchanged += 1;
      else {
        await flush(); // the audit may be one of this file's, not written yet
        await tx.audit.update({ where: { id: existing.id }, data: { dueDate: audit.dueDate, leaveId } });
        await tx.finding.deleteMany({ where: { auditId: existing.id } });
        if (wanted.length > 0) await tx.finding.createMany({ data: findingsOf(existing.id, holderId, doneAt, wanted) });
        stored.set(key, { id: existing.id, dueDate: audit.dueDate, leaveId, severities: wanted.join(",") });
        counts.updated += 1;
      }
      continue;
    }
    const id = newId();
    newAudits.push({
      id,
      leaveId,
      postId: post.id,
      holderId,
      unitId: post.unitId,
      status: "closed",
      reportText: IMPORTED_REASON,
      dueDate: audit.dueDate,
      requestedAt: doneAt,
      closedAt: doneAt,
    });
    newFindings.push(...findingsOf(id, holderId, doneAt, wanted));
    stored.set(key, { id, dueDate: audit.dueDate, leaveId, severities: wanted.join(",") });
    if (newAudits.length >= CREATE_BATCH) await flush();
    counts.created += 1;
  }
  if (errors.length === 0) await flush();
  if (done > 0) onRow?.(done);
  if (errors.length === 0) await logImported(tx, provider, at, "audits", file, counts);
  return { errors, report: counts };
}

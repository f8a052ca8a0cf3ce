// The files `keypost export register` writes beside the register, so that export → import into an
// empty database → export gives the same files byte for byte (docs/register-files.md): the
// working-day calendars and checklist templates the units and posts name (CSV, their only format),
// the policies in force (as `keypost policy export`), and the history — leaves that are over and
// the off-post audits closed after them — as the leave and audit ledgers `keypost import` reads.
// Only what is over is history: a planned, sealed or running leave or audit is workflow, not
// register, and never leaves the database this way (secrecy). Rows in a fixed order (codes in byte
// order), so two exports of the same bank are identical.
import { POLICY_COLUMNS, policyToRow } from "../app/policy/policy-file-rows.ts";
import { AUDIT_HISTORY_COLUMNS, formatFindingCounts } from "../app/history/audit-history-rows.ts";
import { LEAVE_HISTORY_COLUMNS } from "../app/history/leave-history-rows.ts";
import type { ExportRow } from "../ports/register-rows.ts";
import { CHECKLIST_HEADER } from "../infra/checklist-files/checklist-csv.parser.ts";
import type { Database } from "../infra/db/database.ts";
import { PrismaPolicyRepository } from "../infra/db/prisma-policy-repository.ts";
import type { RegisterFilesWriter } from "../infra/register-files/register-file-writer.ts";
import { localDateOf } from "../domain/calendar/time-zone.ts";
import { SEVERITIES, type Severity } from "../domain/audit/checklist.ts";

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function* each(rows: readonly ExportRow[]): AsyncGenerator<ExportRow> {
  yield* rows;
}

/** The category defaults in force and every override, as policy file rows (export → import is a no-op). */
export async function policyRowsInForce(db: Database): Promise<Record<(typeof POLICY_COLUMNS)[number], string>[]> {
  const repo = new PrismaPolicyRepository(db.prisma);
  let defaults = {};
  try {
    defaults = await repo.categoryDefaults();
  } catch {
    // several sets of defaults and no active preset: none is in force
  }
  const inForce = new Set(Object.values(defaults).map((p) => (p as { code: string } | undefined)?.code));
  return (await repo.list()).filter((p) => p.category === null || inForce.has(p.code)).map(policyToRow);
}

async function calendarRows(db: Database): Promise<ExportRow[]> {
  const days = await db.prisma.calendarDay.findMany({
    select: { date: true, kind: true, name: true, calendar: { select: { code: true } } },
  });
  return days
    .map((d) => ({ calendar: d.calendar.code, date: d.date, kind: d.kind, name: d.name }))
    .sort((a, b) => byteOrder(a.calendar, b.calendar) || byteOrder(a.date, b.date));
}

async function checklistRows(db: Database): Promise<ExportRow[]> {
  const templates = await db.prisma.checklistTemplate.findMany({
    select: { code: true, name: true, items: { select: { seq: true, text: true, textEn: true } } },
  });
  return templates
    .sort((a, b) => byteOrder(a.code, b.code))
    .flatMap((t) =>
      t.items
        .sort((a, b) => a.seq - b.seq)
        .map((i) => ({
          template_code: t.code,
          template_name: t.name,
          seq: String(i.seq),
          text: i.text,
          text_en: i.textEn,
        })),
    );
}

interface Codes {
  readonly employees: Map<string, string>;
  readonly posts: Map<string, string>;
}

async function codesOf(db: Database, employeeIds: string[], postIds: string[]): Promise<Codes> {
  const employees = await db.prisma.employee.findMany({
    where: { id: { in: [...new Set(employeeIds)] } },
    select: { id: true, code: true },
  });
  const posts = await db.prisma.keyPost.findMany({
    where: { id: { in: [...new Set(postIds)] } },
    select: { id: true, code: true },
  });
  return { employees: new Map(employees.map((e) => [e.id, e.code])), posts: new Map(posts.map((p) => [p.id, p.code])) };
}

/** Leaves that are over, and the closed audits of those leaves (or of no leave), as the two ledgers. */
async function historyRows(db: Database): Promise<{ leaves: ExportRow[]; audits: ExportRow[] }> {
  const leaves = await db.prisma.leave.findMany({
    where: { status: "closed" },
    select: { id: true, holderId: true, postId: true, startDate: true, endDate: true, kind: true },
  });
  const closedLeaves = new Map(leaves.map((l) => [l.id, l]));
  const audits = (
    await db.prisma.audit.findMany({
      where: { status: "closed" },
      select: {
        holderId: true,
        postId: true,
        unitId: true,
        leaveId: true,
        dueDate: true,
        closedAt: true,
        signatures: { select: { at: true }, orderBy: { at: "asc" }, take: 1 },
        findings: { select: { severity: true } },
      },
    })
  ).filter((a) => a.leaveId === null || closedLeaves.has(a.leaveId));
  const zones = new Map(
    (
      await db.prisma.orgUnit.findMany({
        where: { id: { in: [...new Set(audits.map((a) => a.unitId))] } },
        select: { id: true, timeZone: true },
      })
    ).map((u) => [u.id, u.timeZone]),
  );
  const codes = await codesOf(
    db,
    [...leaves.map((l) => l.holderId), ...audits.map((a) => a.holderId)],
    [...leaves.map((l) => l.postId), ...audits.map((a) => a.postId)],
  );
  const leaveRows = leaves
    .map((l) => ({
      employee_code: codes.employees.get(l.holderId) ?? l.holderId,
      post_code: codes.posts.get(l.postId) ?? l.postId,
      leave_start: l.startDate,
      leave_end: l.endDate,
      kind: l.kind,
    }))
    .sort(
      (a, b) =>
        byteOrder(a.post_code, b.post_code) ||
        byteOrder(a.leave_start, b.leave_start) ||
        byteOrder(a.employee_code, b.employee_code),
    );
  const auditRows = audits
    .map((a) => {
      const signed = a.signatures[0]?.at ?? null;
      const done = [signed, a.closedAt]
        .filter((d): d is Date => d !== null)
        .sort((x, y) => x.getTime() - y.getTime())[0];
      const counts: Partial<Record<Severity, number>> = {};
      for (const f of a.findings)
        if ((SEVERITIES as readonly string[]).includes(f.severity))
          counts[f.severity as Severity] = (counts[f.severity as Severity] ?? 0) + 1;
      const findings = formatFindingCounts(counts);
      return {
        employee_code: codes.employees.get(a.holderId) ?? a.holderId,
        post_code: codes.posts.get(a.postId) ?? a.postId,
        leave_start: a.leaveId === null ? "" : (closedLeaves.get(a.leaveId)?.startDate ?? ""),
        audit_due: a.dueDate ?? "",
        audit_done: done ? localDateOf(done, zones.get(a.unitId) ?? "UTC") : "",
        outcome: findings === "" ? "clean" : "findings",
        findings,
      };
    })
    .filter((r) => r.audit_done !== "")
    .sort(
      (a, b) =>
        byteOrder(a.post_code, b.post_code) ||
        byteOrder(a.audit_done, b.audit_done) ||
        byteOrder(a.employee_code, b.employee_code),
    );
  return { leaves: leaveRows, audits: auditRows };
}

export interface BankFile {
  readonly kind: string;
  readonly file: string;
  readonly rows: number;
}

/** Writes calendars, checklists, policies and the two ledgers with the register's writer. */
export async function exportBankFiles(db: Database, writer: RegisterFilesWriter): Promise<BankFile[]> {
  const csv = writer.withFormat("csv");
  const out: BankFile[] = [];
  const put = async (w: RegisterFilesWriter, kind: string, columns: readonly string[], rows: ExportRow[]) =>
    out.push({ kind, ...(await w.write(kind, columns, each(rows))) });
  await put(csv, "calendars", ["calendar", "date", "kind", "name"], await calendarRows(db));
  await put(csv, "checklists", CHECKLIST_HEADER, await checklistRows(db));
  await put(writer, "policies", POLICY_COLUMNS, await policyRowsInForce(db));
  const history = await historyRows(db);
  await put(writer, "leave-history", LEAVE_HISTORY_COLUMNS, history.leaves);
  await put(writer, "audit-history", AUDIT_HISTORY_COLUMNS, history.audits);
  return out;
}

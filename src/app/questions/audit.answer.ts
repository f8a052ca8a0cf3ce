// Off-post audits in the asker's units: open ones and their stage, late ones (past their due date,
// neither signed nor closed), and rectification items past their due date. An audit of a leave
// shows only once the asker may count that leave (reports/audits.ts applies the secrecy rule).
import { compareLocalDates } from "../../domain/calendar/index.ts";
import type { AuditState } from "../../domain/audit/audit.machine.ts";
import type { Card } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { STATE_LABELS } from "../audit/audit-card-parts.ts";
import { bi } from "../../ports/locale.ts";
import { loadAudits, type AuditView } from "../reports/audits.ts";
import { reportContext, type Asking } from "./answer-context.ts";
import { listCard } from "./question-card.ts";

const isOpen = (v: AuditView) => v.fact.status !== "closed" && v.fact.status !== "cancelled";
export const isLate = (v: AuditView) =>
  isOpen(v) && v.doneOn === null && v.fact.dueDate !== null && compareLocalDates(v.today, v.fact.dueDate) > 0;

function stage(status: string) {
  return STATE_LABELS[status as AuditState] ?? same(status);
}

export async function answerAudits(a: Asking, lateOnly: boolean): Promise<Card> {
  const ctx = await reportContext(a);
  const audits = (await loadAudits(ctx, {})).filter(lateOnly ? isLate : isOpen);
  audits.sort(
    (x, y) =>
      compareLocalDates(x.fact.dueDate ?? "9999-12-31", y.fact.dueDate ?? "9999-12-31") ||
      (x.fact.postCode < y.fact.postCode ? -1 : 1),
  );
  await a.names.load(audits.map((v) => ctx.person(v.fact.holderId).code));
  return listCard(a, {
    title: lateOnly ? bi("逾期的离岗审计", "Late off-post audits") : bi("进行中的离岗审计", "Open off-post audits"),
    columns: [bi("岗位", "Post"), bi("被审计人", "Holder"), bi("阶段", "Stage"), bi("到期日", "Due")],
    rows: audits.map((v) => [
      same(v.fact.postCode),
      a.names.label(ctx.person(v.fact.holderId)),
      stage(v.fact.status),
      same(v.fact.dueDate ?? "—"),
    ]),
    empty: lateOnly ? bi("没有逾期的审计。", "No audit is late.") : bi("没有进行中的审计。", "No audit is open."),
  });
}

export async function answerRectifications(a: Asking): Promise<Card> {
  const ctx = await reportContext(a);
  const audits = new Map((await loadAudits(ctx, {})).map((v) => [v.fact.id, v]));
  const items = (await ctx.deps.queries.rectifications([...audits.keys()])).filter((r) => {
    const audit = audits.get(r.auditId)!;
    return r.status !== "closed" && r.closedAt === null && compareLocalDates(audit.today, r.dueDate) > 0;
  });
  items.sort((x, y) => compareLocalDates(x.dueDate, y.dueDate) || (x.id < y.id ? -1 : 1));
  await ctx.loadPeople(items.map((r) => r.ownerId));
  await a.names.load(items.map((r) => ctx.person(r.ownerId).code));
  return listCard(a, {
    title: bi("逾期的整改事项", "Overdue rectification items"),
    columns: [bi("岗位", "Post"), bi("事项", "Item"), bi("责任人", "Owner"), bi("到期日", "Due")],
    rows: items.map((r) => [
      same(audits.get(r.auditId)!.fact.postCode),
      same(r.description.slice(0, 60)),
      a.names.label(ctx.person(r.ownerId)),
      same(r.dueDate),
    ]),
    empty: bi("没有逾期的整改事项。", "No rectification item is overdue."),
  });
}

// rectification.due — an open rectification item is due on its due date (the audit's unit's local
// date): on that day its owner is reminded once; from the day after, it is overdue: the owner and
// compliance in scope are told once. After a stop that spans the due day, only the overdue notice
// goes out (the reminder would be stale). Notices wait for office hours and for a sealed leave's start.
import { localDateOf } from "../../domain/calendar/index.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { loadAudit, sealedUntilOf } from "../audit/audit-subject.ts";
import { bi } from "../../ports/locale.ts";
import { envOf, type Kernel } from "../kernel/execute.ts";
import type { Env } from "../kernel/use-case.ts";
import { sendWarning } from "./due-warning.ts";
import { EARLIEST_ZONE } from "./late-audits.job.ts";
import { everyHour, type ScheduledJob } from "./tick.ts";

export const RECTIFICATIONS_DUE_JOB = "rectification.due";

async function tellDue(tx: TxPorts, env: Env): Promise<{ due: number; overdue: number }> {
  const report = { due: 0, overdue: 0 };
  for (const row of await tx.scheduling.rectificationsDueBy(localDateOf(env.now, EARLIEST_ZONE))) {
    const audit = await loadAudit(tx, row.auditId);
    const item = audit.rectifications.find((r) => r.id === row.id);
    if (!item || item.status !== "open") continue;
    const today = localDateOf(env.now, audit.unit.timeZone);
    if (today < item.dueDate) continue;
    const overdue = today > item.dueDate;
    const kind = overdue ? "rectification_overdue" : "rectification_due";
    if (!(await tx.receipts.record(`rectification.${overdue ? "overdue" : "due"}:${item.id}:${item.dueDate}`, today)))
      continue;
    const owner = await tx.people.byId(item.ownerId);
    const people: Person[] = owner ? [owner] : [];
    if (overdue)
      for (const role of ["compliance", "compliance_head"] as const)
        people.push(...(await tx.people.withRoleCovering(role, audit.unit.path)));
    const text = overdue
      ? bi(
          `整改事项「${item.description}」应于 ${item.dueDate} 完成，已逾期。`,
          `The rectification "${item.description}" was due on ${item.dueDate} and is overdue.`,
        )
      : bi(
          `整改事项「${item.description}」今天（${item.dueDate}）到期，请完成并关闭。`,
          `The rectification "${item.description}" is due today (${item.dueDate}): complete and close it.`,
        );
    const title = overdue
      ? bi("整改事项逾期", "Rectification overdue")
      : bi("整改事项今日到期", "Rectification due today");
    const calendar = await tx.scheduling.unitCalendar(audit.unitId);
    const told = await sendWarning(
      tx,
      env,
      {
        kind,
        subjectType: "rectification",
        subjectId: item.id,
        version: 1,
        title,
        text,
        notBefore: sealedUntilOf(audit),
      },
      people,
      calendar,
    );
    await tx.log.append({
      at: env.now,
      actorId: null,
      platform: "scheduler",
      action: `rectification.${overdue ? "overdue" : "due"}`,
      subjectType: "rectification",
      subjectId: item.id,
      sealedUntil: sealedUntilOf(audit),
      data: { dueDate: item.dueDate, told: told.length },
    });
    report[overdue ? "overdue" : "due"] += 1;
  }
  return report;
}

export const rectificationsDueJob: ScheduledJob = {
  name: RECTIFICATIONS_DUE_JOB,
  slotOf: everyHour,
  run: (kernel: Kernel, at) => kernel.uow.run((tx) => tellDue(tx, { ...envOf(kernel), now: at })),
};

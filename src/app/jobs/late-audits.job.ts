// audit.late — an off-post audit not signed off by its due date (the leave's last day, the unit's
// local date) is late: compliance in scope and the audit's team leader are told once per audit and
// due date (a later due date, after an extension, is a new deadline). Everyone told is an insider,
// so a sealed leave's secret is kept; the notice still waits for the unit's office hours.
import { localDateOf } from "../../domain/calendar/index.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { loadAudit, sealedUntilOf } from "../audit/audit-subject.ts";
import { bi } from "../../ports/locale.ts";
import { envOf, type Kernel } from "../kernel/execute.ts";
import type { Env } from "../kernel/use-case.ts";
import { sendWarning } from "./due-warning.ts";
import { everyHour, type ScheduledJob } from "./tick.ts";

export const LATE_AUDITS_JOB = "audit.late";
/** The zone furthest ahead: no unit's today is later than its date. */
export const EARLIEST_ZONE = "Pacific/Kiritimati";

async function tellLate(tx: TxPorts, env: Env): Promise<{ late: number }> {
  let late = 0;
  // Due dates before the furthest-ahead zone's today: only those can be over somewhere.
  const latest = localDateOf(env.now, EARLIEST_ZONE);
  for (const due of await tx.scheduling.auditsDueBy(latest)) {
    const audit = await loadAudit(tx, due.id);
    const today = localDateOf(env.now, audit.unit.timeZone);
    if (audit.dueDate === null || today <= audit.dueDate) continue;
    if (!(await tx.receipts.record(`audit.late:${audit.id}:${audit.dueDate}`, audit.status))) continue;
    const people: Person[] = [];
    for (const role of ["compliance", "compliance_head"] as const)
      people.push(...(await tx.people.withRoleCovering(role, audit.unit.path)));
    for (const m of audit.members.filter((m) => m.role === "team_leader")) {
      const p = await tx.people.byId(m.employeeId);
      if (p) people.push(p);
    }
    const recipients = people.filter((p) => p.id !== audit.holderId);
    const text = bi(
      `离岗审计（${audit.post.name}）应于 ${audit.dueDate} 前签发，目前状态仍未签发，已逾期。`,
      `The off-post audit of ${audit.post.nameEn ?? audit.post.name} was due to be signed off by ${audit.dueDate} and is not: it is late.`,
    );
    const calendar = await tx.scheduling.unitCalendar(audit.unitId);
    const told = await sendWarning(
      tx,
      env,
      {
        kind: "audit_late",
        subjectType: "audit",
        subjectId: audit.id,
        version: audit.version,
        title: bi("离岗审计逾期", "Off-post audit late"),
        text,
        notBefore: sealedUntilOf(audit),
      },
      recipients,
      calendar,
    );
    await tx.log.append({
      at: env.now,
      actorId: null,
      platform: "scheduler",
      action: "audit.late",
      subjectType: "audit",
      subjectId: audit.id,
      sealedUntil: sealedUntilOf(audit),
      data: { dueDate: audit.dueDate, status: audit.status, told: told.length },
    });
    late += 1;
  }
  return { late };
}

export const lateAuditsJob: ScheduledJob = {
  name: LATE_AUDITS_JOB,
  slotOf: everyHour,
  run: (kernel: Kernel, at) => kernel.uow.run((tx) => tellLate(tx, { ...envOf(kernel), now: at })),
};

// leave.lead_time — HR must tell compliance of a leave at least `complianceLeadWorkingDays` working
// days before it starts (the unit's calendar). Planning already refuses a shorter lead; what this
// job catches is the notice that did not get through in time: a leave still `planned` (its notice
// to compliance not delivered, nobody recorded it) whose remaining lead has fallen below the policy,
// or one whose notice was recorded too late. HR and compliance in scope (never the holder or the
// substitute) are warned once per leave and start date; the leave stays sealed.
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { envOf, type Kernel } from "../kernel/execute.ts";
import type { Env } from "../kernel/use-case.ts";
import { bi } from "../../ports/locale.ts";
import { findLeave, sealedUntilOf } from "../leave/leave-facts.ts";
import { complianceOf, hrOf } from "../leave/leave-notices.ts";
import { sendWarning } from "./due-warning.ts";
import { everyHour, type ScheduledJob } from "./tick.ts";

export const LEAD_TIME_JOB = "leave.lead_time";

async function checkLeads(tx: TxPorts, env: Env): Promise<{ checked: number; warned: number }> {
  let checked = 0;
  let warned = 0;
  for (const record of await tx.leaves.inStatus(["planned", "compliance_notified"])) {
    const facts = await findLeave(tx, record.id);
    if (!facts) continue;
    checked += 1;
    const { leave, post } = facts;
    const calendar = post.calendar;
    const needed = post.policy.complianceLeadWorkingDays;
    const toldOn =
      leave.complianceNotifiedAt !== null
        ? calendar.localDateOf(leave.complianceNotifiedAt)
        : calendar.localDateOf(env.now);
    const lead = calendar.workingDaysBetween(toldOn, leave.startDate);
    if (lead >= needed) continue;
    if (!(await tx.receipts.record(`leave.lead_time_short:${leave.id}:${leave.startDate}`, leave.status))) continue;
    const notified = leave.complianceNotifiedAt !== null;
    const text = notified
      ? bi(
          `合规部门于 ${toldOn} 才获知该休假，距开始日 ${leave.startDate} 仅 ${lead} 个工作日，少于制度要求的 ${needed} 个工作日。`,
          `Compliance learnt of this leave only on ${toldOn}, ${lead} working day(s) before its start on ${leave.startDate}; the policy asks for ${needed}.`,
        )
      : bi(
          `该休假将于 ${leave.startDate} 开始，但尚未确认通知合规部门，剩余 ${Math.max(lead, 0)} 个工作日，少于制度要求的 ${needed} 个工作日。未获通知的休假不会开始。`,
          `This leave starts on ${leave.startDate} but compliance has not been notified; ${Math.max(lead, 0)} working day(s) are left, the policy asks for ${needed}. A leave compliance was not told of does not start.`,
        );
    const told = await sendWarning(
      tx,
      env,
      {
        kind: "leave_lead_time_short",
        subjectType: "leave",
        subjectId: leave.id,
        version: leave.version,
        title: bi("休假提前通知不足", "Leave notice to compliance too short"),
        text,
      },
      [...(await hrOf(tx, facts)), ...(await complianceOf(tx, facts))],
      calendar,
    );
    await tx.log.append({
      at: env.now,
      actorId: null,
      platform: "scheduler",
      action: "leave.lead_time_short",
      subjectType: "leave",
      subjectId: leave.id,
      sealedUntil: sealedUntilOf(facts),
      data: { startDate: leave.startDate, lead, needed, notified, told: told.length },
    });
    warned += 1;
  }
  return { checked, warned };
}

export const leadTimeJob: ScheduledJob = {
  name: LEAD_TIME_JOB,
  slotOf: everyHour,
  run: (kernel: Kernel, at) => kernel.uow.run((tx) => checkLeads(tx, { ...envOf(kernel), now: at })),
};

// rotation_plan.draft — the yearly rotation plan, drafted by the system for every unit an HR officer
// is granted on (deepest units first, so a branch's HR gets the branch's rotations and head office
// the rest). The drafting window is 1 December to 31 January in the unit's time zone: from the
// first working day on or after 1 December at 09:00 local, next year's plan; in January, a plan for
// the current year that was never drafted (a service started mid-window, or down over 1 December)
// is caught up. Once per unit and year (a command receipt); HR tops the plan up and the approvers
// over the unit approve it as usual. A unit with nothing due in the year gets no (empty) plan.
import { wallClockOf } from "../../domain/calendar/index.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { envOf, type Kernel } from "../kernel/execute.ts";
import type { Env } from "../kernel/use-case.ts";
import { draftPlanFor } from "../rotation/draft-plan.ts";
import { everyHour, type ScheduledJob } from "./tick.ts";

export const ROTATION_PLAN_DRAFT_JOB = "rotation_plan.draft";
const OPENS_AT_HOUR = 9;

/** The year whose plan is due in the window that `date` (YYYY-MM-DD) falls in, else undefined. */
export function planYearOf(date: string): number | undefined {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month === 12) return year + 1;
  if (month === 1) return year;
  return undefined;
}

async function draftDue(tx: TxPorts, env: Env): Promise<{ drafted: number; listed: number }> {
  const report = { drafted: 0, listed: 0 };
  for (const unit of await tx.scheduling.planUnits()) {
    const wall = wallClockOf(env.now, unit.timeZone);
    const year = planYearOf(wall.date);
    if (year === undefined || wall.hour < OPENS_AT_HOUR) continue;
    const calendar = await tx.scheduling.unitCalendar(unit.id);
    if (calendar && !calendar.isWorkingDay(wall.date)) continue;
    if (await tx.receipts.find(`rotation_plan.draft:${unit.id}:${year}`)) continue;
    const existing = await tx.rotations.planOf(unit.id, year);
    const drafted = existing
      ? undefined
      : await draftPlanFor(tx, env, { id: null, code: "scheduler", platform: "scheduler" }, unit, year, {
          skipEmpty: true,
        });
    await tx.receipts.record(
      `rotation_plan.draft:${unit.id}:${year}`,
      drafted?.plan.id ?? existing?.id ?? "nothing-due",
    );
    if (drafted) {
      report.drafted += 1;
      report.listed += drafted.listed;
    }
  }
  return report;
}

export const rotationPlanDraftJob: ScheduledJob = {
  name: ROTATION_PLAN_DRAFT_JOB,
  slotOf: everyHour,
  run: (kernel: Kernel, at) => kernel.uow.run((tx) => draftDue(tx, { ...envOf(kernel), now: at })),
};

// "How many staff in Pudong?" / "朝阳支行有多少员工" / "headcount haidian" — the people whose home
// unit is in the asker's units (or the unit named), everyone not `left`, by code, with "Total".
// It states no status: someone on leave (sealed or not) is staff like anyone else, so the list and
// its count tell nothing of a leave.
import type { Card } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import { reportContext, whereNamed, type Asking } from "./answer-context.ts";
import { unitIdsIn } from "./memo-report-queries.ts";
import { listCard } from "./question-card.ts";
import { personLabel } from "../people/person-label.ts";

/**
 * "Who runs the pudong sub-branch", "谁是浦东支行的负责人": the people with a manager grant on the unit
 * named (or on the asker's own units: their scope's top units), listed as staff are — no status.
 */
async function answerHeads(a: Asking): Promise<Card> {
  const ctx = await reportContext(a);
  const tops = a.units.filter((u) => ctx.scope.includes(u.path)).map((u) => u.id);
  const heads = await a.tx.questions.managersOf(tops);
  const where = whereNamed(a);
  return listCard(a, {
    title: bi(`${where["zh-CN"] || "本单位"}的负责人`, `Who runs ${where.en.replace(/^ in /, "") || "your units"}`),
    columns: [bi("负责人（经理角色）", "Manager (by role)")],
    rows: heads.map((p) => [personLabel({ name: p.name, nameEn: p.nameEn ?? null, code: p.code })]),
    empty: bi("这里没有人担任经理角色。", "Nobody holds the manager role here."),
  });
}

export async function answerStaff(a: Asking): Promise<Card> {
  if (a.parsed.slots.heads) return answerHeads(a);
  const ctx = await reportContext(a);
  const staff = await a.tx.questions.staffIn(unitIdsIn(a.units, ctx.scope));
  const where = whereNamed(a);
  return listCard(a, {
    title: bi(where["zh-CN"] ? `${where["zh-CN"]}的员工` : "员工", `Staff${where.en}`),
    columns: [bi("员工", "Staff")],
    // The read carries the English names: no second read of thousands of codes in a large unit.
    rows: staff.map((p) => [personLabel({ name: p.name, nameEn: p.nameEn ?? null, code: p.code })]),
    empty: bi("这里没有员工。", "Nobody works here."),
  });
}

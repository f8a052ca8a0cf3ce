import { same, type Card } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import type { Person } from "../../ports/people-repository.ts";
import { personLabel } from "../people/person-label.ts";

/** Told to compliance when a holder on mandatory leave tries to act in the bot. */
export function suspendedAttemptCard(person: Person, action: string, at: Date): Card {
  const who = personLabel(person);
  return {
    title: bi("强制休假期间的操作尝试", "Attempt to act during mandatory leave"),
    text: bi(
      `${who["zh-CN"]}正在强制休假，权限已暂停，但尝试执行操作“${action}”。该操作已被拒绝。`,
      `${who.en} is on mandatory leave with authority suspended, and tried "${action}". It was refused.`,
    ),
    fields: [
      { label: bi("员工", "Employee"), value: who },
      { label: bi("操作", "Action"), value: same(action) },
      { label: bi("时间", "When"), value: same(at.toISOString()) },
    ],
    actions: [],
  };
}

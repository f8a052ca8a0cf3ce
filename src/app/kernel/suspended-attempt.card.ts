// Told to compliance when a holder on leave tries to act: who, what (in words) and when (their unit's clock).
import type { Card } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import type { Person } from "../../ports/people-repository.ts";
import { localTime } from "../cards/local-time.ts";
import { personLabel } from "../people/person-label.ts";
import { actionLabel } from "./action-labels.ts";

/** Told to compliance when a holder on mandatory leave tries to act in the bot. */
export function suspendedAttemptCard(person: Person, action: string, at: Date): Card {
  const who = personLabel(person);
  const what = actionLabel(action);
  return {
    title: bi("强制休假期间的操作尝试", "Attempt to act during mandatory leave"),
    text: bi(
      `${who["zh-CN"]}正在强制休假，权限已暂停，但尝试${what["zh-CN"]}。该操作已被拒绝。`,
      `${who.en} is on mandatory leave with authority suspended, and tried to ${what.en}. It was refused.`,
    ),
    fields: [
      { label: bi("员工", "Employee"), value: who },
      { label: bi("操作", "Action"), value: what },
      { label: bi("时间", "When"), value: localTime(at, person.unitTimeZone) },
    ],
    actions: [],
  };
}

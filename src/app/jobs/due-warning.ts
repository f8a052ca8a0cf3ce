// How the due jobs tell people: the subject's own card for that person (its facts and the buttons
// they may press now) under the warning's title and text. A person for whom the subject's card
// builder has nothing (they may not see it — a sealed leave before its start) is not told: the
// secrecy rule is the builders', applied here too. Warnings wait for the unit's office hours.
import { heldToOfficeHours, type WorkingCalendar } from "../../domain/calendar/index.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Card } from "../../ports/card.ts";
import type { Bilingual } from "../../ports/locale.ts";
import { sendNotice } from "../kernel/notify.ts";
import type { Env } from "../kernel/use-case.ts";

export interface Warning {
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** Part of the dedupe key: one notice per recipient and version. */
  readonly version: number;
  readonly title: Bilingual;
  readonly text: Bilingual;
  /** Not shown before this instant (a sealed leave's start), besides office hours. */
  readonly notBefore?: Date | null;
}

/** When a warning decided now is shown: now in office hours, else the next working day's 09:00 (never before notBefore). */
export function shownAt(env: Env, calendar: WorkingCalendar | undefined, notBefore: Date | null = null): Date | null {
  const held = calendar ? heldToOfficeHours(env.now, calendar) : env.now;
  const at = notBefore !== null && notBefore > held ? notBefore : held;
  return at > env.now ? at : null;
}

export async function sendWarning(
  tx: TxPorts,
  env: Env,
  warning: Warning,
  recipients: readonly Person[],
  calendar: WorkingCalendar | undefined,
): Promise<string[]> {
  const visibleFrom = shownAt(env, calendar, warning.notBefore ?? null);
  const when = visibleFrom ?? env.now;
  const build = env.cards[warning.subjectType];
  const cards = new Map<string, Card>();
  for (const person of recipients) {
    if (person.status === "left" || cards.has(person.id)) continue;
    const base = build
      ? await build(tx, { subjectId: warning.subjectId, kind: warning.kind, recipient: person }, { now: when })
      : undefined;
    if (!base) continue;
    cards.set(person.id, { ...base, title: warning.title, text: warning.text });
  }
  const told = recipients.filter((p) => cards.has(p.id));
  await sendNotice(
    tx,
    {
      kind: warning.kind,
      subjectType: warning.subjectType,
      subjectId: warning.subjectId,
      version: warning.version,
      visibleFrom,
    },
    told,
    async (p) => cards.get(p.id) as Card,
  );
  return [...cards.keys()];
}

// A person's home as terminal text: who and when, the open tasks as full cards with their actions
// numbered on from one card to the next, then the recent notices one line each (numbered for
// `v <n>`), then the page.
import type { CardAction } from "../../src/ports/card.ts";
import type { Home, HomeEntry } from "../../src/app/home/home.ts";
import { pick, type Locale } from "../../src/ports/locale.ts";
import { DEFAULT_WIDTH, renderCard } from "./console-card.renderer.ts";
import { MSG } from "./console-messages.ts";
import { truncateWidth } from "./console-text.ts";

export interface ActionOnScreen {
  readonly action: CardAction;
  /** The subject of the card the action sits on, to refresh it after a press (when known). */
  readonly subject?: { readonly type: string; readonly id: string };
}

export interface RenderedHome {
  readonly lines: string[];
  readonly actions: readonly ActionOnScreen[];
}

/** "2026-12-01 10:00" in the person's unit's time zone. */
export function formatInstant(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}

export function personLine(home: Home, locale: Locale): string {
  const { person } = home;
  const name = locale === "en" && person.nameEn ? person.nameEn : person.name;
  return `Keypost · ${name} (${person.code}) · ${formatInstant(home.now, person.timeZone)} ${person.timeZone}`;
}

function noticeLine(entry: HomeEntry, n: number, home: Home, locale: Locale, width: number): string {
  const footer = entry.card.footer ? ` — ${pick(entry.card.footer, locale)}` : "";
  const ack = entry.acknowledgedAt ? pick(MSG.acknowledged, locale) : "";
  return truncateWidth(
    `${n}. ${formatInstant(entry.at, home.person.timeZone)}  ${pick(entry.card.title, locale)}${ack}${footer}`,
    width,
  );
}

export function renderHome(home: Home, locale: Locale, width = DEFAULT_WIDTH): RenderedHome {
  const lines = [personLine(home, locale), ""];
  const actions: ActionOnScreen[] = [];
  if (home.tasks.length > 0 || home.totalTasks === 0) lines.push(pick(MSG.tasks(home.totalTasks), locale), "");
  if (home.totalTasks === 0) lines.push(pick(MSG.noTasks, locale), "");
  for (const entry of home.tasks) {
    const card = renderCard(entry.card, locale, { width, firstNumber: actions.length + 1 });
    lines.push(...card.lines, "");
    for (const action of card.actions)
      actions.push({ action, subject: { type: entry.subjectType, id: entry.subjectId } });
  }
  if (home.notices.length > 0) {
    lines.push(pick(MSG.notices(home.totalNotices), locale));
    home.notices.forEach((entry, i) => lines.push(noticeLine(entry, i + 1, home, locale, width)));
    lines.push("");
  }
  if (home.pages > 1) lines.push(pick(MSG.page(home.page, home.pages), locale));
  lines.push(pick(MSG.hint, locale));
  return { lines, actions };
}

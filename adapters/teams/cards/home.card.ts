// A person's home as one Adaptive Card: their open tasks, each with its facts and the buttons they
// may press now, then recent notices one line each, then paging. The same home as the terminal's
// start screen and Slack's App Home (home.view): sealed leaves never appear before they start.
import type { Home, HomeEntry } from "../../../src/app/home/home.ts";
import { pick, type Locale } from "../../../src/ports/locale.ts";
import { MSG } from "../teams-messages.ts";
import { VERB } from "./card-data.ts";
import {
  adaptiveCard,
  cardBody,
  readInFullAction,
  renderActions,
  textBlock,
  type AdaptiveCard,
  type AdaptiveElement,
} from "./keypost.card.ts";

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

function taskContainer(entry: HomeEntry, locale: Locale): AdaptiveElement {
  const items = cardBody(entry.card, locale);
  const actions = renderActions(entry.card.actions, locale, readInFullAction(entry.card, locale, entry.kind));
  if (actions.length > 0) items.push({ type: "ActionSet", actions });
  return { type: "Container", style: "emphasis", separator: true, spacing: "Medium", items };
}

function noticeLine(entry: HomeEntry, home: Home, locale: Locale): AdaptiveElement {
  const ack = entry.acknowledgedAt ? pick(MSG.acknowledged, locale) : "";
  return textBlock(`${formatInstant(entry.at, home.person.timeZone)} · ${pick(entry.card.title, locale)}${ack}`, {
    spacing: "Small",
  });
}

export function renderHome(
  home: Home,
  locale: Locale,
  banner?: { text: string; tone: "good" | "attention" },
): AdaptiveCard {
  const name = locale === "en" && home.person.nameEn ? home.person.nameEn : home.person.name;
  const body: AdaptiveElement[] = [];
  if (banner) body.push(textBlock(banner.text, { color: banner.tone, weight: "Bolder" }));
  body.push(
    textBlock(pick(MSG.homeTitle(`${name} (${home.person.code})`), locale), {
      size: "Large",
      weight: "Bolder",
      style: "heading",
    }),
  );
  body.push(
    textBlock(`${formatInstant(home.now, home.person.timeZone)} ${home.person.timeZone}`, {
      isSubtle: true,
      size: "Small",
      spacing: "None",
    }),
  );
  body.push(textBlock(pick(MSG.tasks(home.totalTasks), locale), { weight: "Bolder", spacing: "Large" }));
  if (home.totalTasks === 0) body.push(textBlock(pick(MSG.noTasks, locale)));
  for (const entry of home.tasks) body.push(taskContainer(entry, locale));
  if (home.notices.length > 0) {
    body.push(textBlock(pick(MSG.notices(home.totalNotices), locale), { weight: "Bolder", spacing: "Large" }));
    for (const entry of home.notices) body.push(noticeLine(entry, home, locale));
  }
  const actions: AdaptiveElement[] = [];
  if (home.pages > 1) {
    body.push(textBlock(pick(MSG.page(home.page, home.pages), locale), { isSubtle: true }));
    if (home.page > 1)
      actions.push({
        type: "Action.Execute",
        title: pick(MSG.previous, locale),
        verb: VERB.home,
        data: { kp: VERB.home, page: home.page - 1 },
      });
    if (home.page < home.pages)
      actions.push({
        type: "Action.Execute",
        title: pick(MSG.next, locale),
        verb: VERB.home,
        data: { kp: VERB.home, page: home.page + 1 },
      });
  }
  actions.push({
    type: "Action.Execute",
    title: pick(MSG.refresh, locale),
    verb: VERB.home,
    data: { kp: VERB.home, page: home.page },
  });
  return adaptiveCard(body, actions);
}

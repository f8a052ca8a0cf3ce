// The App Home: the person's open tasks as full cards with their buttons (audit cards carry the
// checklist's progress), then — for managers, HR, compliance and executives — their units'
// summary and warnings, then recent notices one line each; a page at a time within 100 blocks.
import type { CardField } from "../../../src/ports/card.ts";
import type { Home, HomeEntry } from "../../../src/app/home/home.ts";
import { wallClockOf } from "../../../src/domain/calendar/index.ts";
import { pick, type Locale } from "../../../src/ports/locale.ts";
import {
  actionRows,
  button,
  context,
  divider,
  escapeMrkdwn,
  header,
  LIMITS,
  section,
  type Block,
} from "./block-kit.ts";
import { cardBlocks } from "./card.blocks.ts";

export const HOME_PAGE_ACTION = "kp.home";

const T = {
  tasks: (n: number) => ({ "zh-CN": `我的待办（${n}）`, en: `My tasks (${n})` }),
  none: { "zh-CN": "没有待办事项。", en: "Nothing to do." },
  units: { "zh-CN": "辖内概况", en: "Your units" },
  notices: { "zh-CN": "最近的通知", en: "Recent notices" },
  page: (p: number, n: number) => ({ "zh-CN": `第 ${p} / ${n} 页`, en: `Page ${p} of ${n}` }),
  previous: { "zh-CN": "◀ 上一页", en: "◀ Previous" },
  next: { "zh-CN": "下一页 ▶", en: "Next ▶" },
  more: (n: number) => ({ "zh-CN": `另有 ${n} 项未显示，请翻页。`, en: `${n} more not shown: see the next page.` }),
} as const;

/** When a notice came, as the clock of the person's unit reads it (not UTC). */
function noticeLine(entry: HomeEntry, timeZone: string, locale: Locale): string {
  const wall = wallClockOf(entry.at, timeZone);
  const when = `${wall.date} ${String(wall.hour).padStart(2, "0")}:${String(wall.minute).padStart(2, "0")}`;
  const ack = entry.acknowledgedAt ? " ✓" : "";
  return `• ${escapeMrkdwn(pick(entry.card.title, locale))} — ${when}${ack}`;
}

/** Room kept for the page buttons and the notices at the end. */
const RESERVED = 12;

export function homeView(home: Home, locale: Locale, units?: readonly CardField[]): Record<string, unknown> {
  const blocks: Block[] = [header(pick(T.tasks(home.totalTasks), locale))];
  if (home.tasks.length === 0) blocks.push(section(pick(T.none, locale)));
  let left = 0;
  home.tasks.forEach((entry, i) => {
    const card = [divider, ...cardBlocks(entry.card, locale, { prefix: `h${i}.` })];
    if (blocks.length + card.length > LIMITS.viewBlocks - RESERVED - (units ? 3 : 0)) left += 1;
    else blocks.push(...card);
  });
  if (left > 0) blocks.push(context(pick(T.more(left), locale)));
  if (units && units.length > 0) {
    blocks.push(divider, header(pick(T.units, locale)));
    const lines = units.map((f) => `*${escapeMrkdwn(pick(f.label, locale))}*: ${escapeMrkdwn(pick(f.value, locale))}`);
    blocks.push(section(lines.join("\n")));
  }
  if (home.notices.length > 0) {
    blocks.push(divider, header(pick(T.notices, locale)));
    blocks.push(section(home.notices.map((n) => noticeLine(n, home.person.timeZone, locale)).join("\n")));
  }
  if (home.pages > 1) {
    const buttons: Block[] = [];
    if (home.page > 1)
      buttons.push(button(`${HOME_PAGE_ACTION}.prev`, pick(T.previous, locale), String(home.page - 1)));
    if (home.page < home.pages)
      buttons.push(button(`${HOME_PAGE_ACTION}.next`, pick(T.next, locale), String(home.page + 1)));
    blocks.push(context(pick(T.page(home.page, home.pages), locale)), ...actionRows(buttons, "kp.home.pager"));
  }
  return { type: "home", blocks: blocks.slice(0, LIMITS.viewBlocks) };
}

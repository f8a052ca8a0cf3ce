// home.view: a person's open tasks and recent notices at `env.now`. Only notices addressed to the
// person and visible now are read (`outbox.visibleTo`; visibleFrom is checked again here), so a
// sealed leave never shows before it starts. Each notice's card is rebuilt through the card
// registry when its subject type has a builder — with the buttons the person may press *now* —
// else the stored card is shown. A builder that answers nothing hides the entry.
import { z } from "zod";
import type { StoredNotice } from "../../ports/outbox.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Card } from "../../ports/card.ts";
import type { Env, Who } from "../kernel/use-case.ts";
import { HOME_PAGE_SIZE, type Home, type HomeEntry } from "./home.ts";
import { query } from "./query.ts";

/** How many notice rows (one per platform) are read: a home shows what is recent, not an archive. */
export const HOME_SCAN_LIMIT = 300;

const input = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  /** Only the entry about this subject (to refresh one card) — as the notice `kind` shows it, when given. */
  subject: z
    .object({ type: z.string().min(1).max(40), id: z.string().min(1).max(64), kind: z.string().max(60).optional() })
    .optional(),
});

/** "leave:L1:started:v3:E1@slack" and "…@teams" are one notice to one person. */
function noticeKey(notice: StoredNotice): string {
  const at = notice.dedupeKey.lastIndexOf("@");
  return at > 0 ? notice.dedupeKey.slice(0, at) : notice.dedupeKey;
}

function shownAt(notice: StoredNotice): Date {
  return notice.visibleFrom ?? notice.createdAt;
}

interface Group {
  readonly latest: StoredNotice;
  readonly rows: StoredNotice[];
}

/**
 * One group per subject when a builder rebuilds it (every notice about it shows the same current
 * card), else one per notice. Rows arrive most recent first, so the first row is the latest.
 */
function groupNotices(rows: readonly StoredNotice[], hasBuilder: (subjectType: string) => boolean): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = hasBuilder(row.subjectType)
      ? `subject:${row.subjectType}:${row.subjectId}`
      : `notice:${noticeKey(row)}`;
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { latest: row, rows: [row] });
  }
  return [...groups.values()];
}

function acknowledgedAt(rows: readonly StoredNotice[]): Date | null {
  let last: Date | null = null;
  for (const row of rows) {
    if (row.acknowledgedAt === null) return null;
    if (last === null || row.acknowledgedAt > last) last = row.acknowledgedAt;
  }
  return last;
}

async function entryOf(group: Group, who: Who, tx: TxPorts, env: Env): Promise<HomeEntry | undefined> {
  const { latest } = group;
  const build = env.cards[latest.subjectType];
  let card: Card | undefined = latest.card;
  if (build)
    card = await build(tx, { subjectId: latest.subjectId, kind: latest.kind, recipient: who.person }, { now: env.now });
  if (!card) return undefined;
  if (card.subject) card = { ...card, subject: { ...card.subject, kind: latest.kind } };
  return {
    noticeId: latest.id,
    kind: latest.kind,
    subjectType: latest.subjectType,
    subjectId: latest.subjectId,
    at: shownAt(latest),
    acknowledgedAt: acknowledgedAt(group.rows),
    card,
    rebuilt: build !== undefined,
  };
}

/**
 * An open task offers a button and is not settled: a rebuilt card's buttons are what the person
 * may do now; a stored card's buttons no longer count once the notice is acknowledged.
 */
export function isOpenTask(entry: HomeEntry): boolean {
  return entry.card.actions.length > 0 && (entry.rebuilt || entry.acknowledgedAt === null);
}

export const viewHome = query({
  name: "home.view",
  input,
  async run(request, who, tx, env): Promise<Home> {
    const rows = (await tx.outbox.visibleTo(who.person.id, env.now, HOME_SCAN_LIMIT)).filter(
      (n) => n.recipientId === who.person.id && (n.visibleFrom === null || n.visibleFrom <= env.now),
    );
    const wanted = request.subject
      ? rows.filter(
          (n) =>
            n.subjectType === request.subject?.type &&
            n.subjectId === request.subject.id &&
            (request.subject.kind === undefined || n.kind === request.subject.kind),
        )
      : rows;
    const entries: HomeEntry[] = [];
    for (const group of groupNotices(wanted, (type) => env.cards[type] !== undefined)) {
      const entry = await entryOf(group, who, tx, env);
      if (entry) entries.push(entry);
    }
    entries.sort((a, b) => b.at.getTime() - a.at.getTime());
    const tasks = entries.filter(isOpenTask);
    const notices = entries.filter((e) => !isOpenTask(e));
    const all = [...tasks, ...notices];
    const pages = Math.max(1, Math.ceil(all.length / HOME_PAGE_SIZE));
    const page = Math.min(request.page, pages);
    const shown = all.slice((page - 1) * HOME_PAGE_SIZE, page * HOME_PAGE_SIZE);
    const { person } = who;
    return {
      person: {
        id: person.id,
        code: person.code,
        name: person.name,
        nameEn: person.nameEn,
        timeZone: person.unitTimeZone,
      },
      locale: who.locale,
      now: env.now,
      tasks: shown.filter(isOpenTask),
      notices: shown.filter((e) => !isOpenTask(e)),
      page,
      pages,
      pageSize: HOME_PAGE_SIZE,
      totalTasks: tasks.length,
      totalNotices: notices.length,
    };
  },
});

// "Which notices has nobody acknowledged?" — notices to people in the asker's units, visible now,
// acknowledged on no platform; one about a leave only when the asker may count that leave.
import type { Card } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import { localDateOf } from "../../domain/calendar/index.ts";
import { reportContext, type Asking } from "./answer-context.ts";
import { listCard } from "./question-card.ts";

export async function answerNotices(a: Asking): Promise<Card> {
  const ctx = await reportContext(a);
  const notices = (await ctx.deps.queries.unacknowledgedNotices(a.env.now)).filter((n) =>
    ctx.inScope(n.recipientUnitId),
  );
  const leaveIds = [...new Set(notices.map((n) => n.leaveId).filter((id): id is string => id !== null))];
  const counted = new Set((await ctx.deps.queries.leavesByIds(leaveIds)).filter((l) => ctx.counts(l)).map((l) => l.id));
  const visible = notices
    .filter((n) => n.leaveId === null || counted.has(n.leaveId))
    .sort((x, y) => x.since.getTime() - y.since.getTime() || (x.key < y.key ? -1 : 1));
  await ctx.loadPeople(visible.map((n) => n.recipientId));
  await a.names.load(visible.map((n) => ctx.person(n.recipientId).code));
  const zone = a.who.person.unitTimeZone;
  return listCard(a, {
    title: bi("无人确认的通知", "Notices nobody acknowledged"),
    columns: [bi("收件人", "To"), bi("通知", "Notice"), bi("发出", "Since")],
    rows: visible.map((n) => [
      a.names.label(ctx.person(n.recipientId)),
      same(n.kind),
      same(localDateOf(n.since, zone)),
    ]),
    empty: bi("所有通知都已确认。", "Every notice has been acknowledged."),
  });
}

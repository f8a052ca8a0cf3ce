// "Open handovers, and who has not confirmed?" — open handovers of posts in the asker's units;
// one tied to a leave shows only when the asker may count that leave (secrecy).
import type { Card } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { reportContext, type Asking } from "./answer-context.ts";
import { unitIdsIn } from "./memo-report-queries.ts";
import { listCard } from "./question-card.ts";

const PURPOSE: Readonly<Record<string, Bilingual>> = {
  leave_start: bi("休假交接", "Leave start"),
  leave_return: bi("休假交回", "Hand-back"),
  rotation: bi("轮岗交接", "Rotation"),
};

export async function answerHandovers(a: Asking): Promise<Card> {
  const ctx = await reportContext(a);
  const open = (await a.tx.questions.openHandovers(unitIdsIn(a.units, ctx.scope))).filter((h) => ctx.inScope(h.unitId));
  const leaveIds = [...new Set(open.map((h) => h.leaveId).filter((id): id is string => id !== null))];
  const counted = new Set((await ctx.deps.queries.leavesByIds(leaveIds)).filter((l) => ctx.counts(l)).map((l) => l.id));
  const visible = open.filter((h) => h.leaveId === null || counted.has(h.leaveId));
  const people = visible.flatMap((h) => [h.fromId, h.toId, ...(h.witnessId ? [h.witnessId] : [])]);
  await ctx.loadPeople(people);
  await a.names.load(people.map((id) => ctx.person(id).code));
  const missing = (h: (typeof visible)[number]) => {
    const sides: [string, string | null][] = [
      ["from", h.fromId],
      ["to", h.toId],
      ["witness", h.witnessId],
    ];
    const who = sides
      .filter(([side, id]) => id !== null && !h.confirmedSides.includes(side))
      .map(([, id]) => ctx.person(id));
    return a.names.labels(who);
  };
  return listCard(a, {
    title: bi("未完成的交接", "Open handovers"),
    columns: [
      bi("岗位", "Post"),
      bi("类型", "Kind"),
      bi("交出", "From"),
      bi("接收", "To"),
      bi("未确认", "Not confirmed"),
    ],
    rows: visible.map((h) => [
      same(h.postCode),
      PURPOSE[h.purpose] ?? same(h.purpose),
      a.names.label(ctx.person(h.fromId)),
      a.names.label(ctx.person(h.toId)),
      missing(h),
    ]),
    empty: bi("没有未完成的交接。", "No handover is open."),
  });
}

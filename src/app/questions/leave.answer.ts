// "Who is on leave now / this week / next month / on a date?" — leaves of posts in the asker's
// units whose days overlap the range (default: today in the asker's zone), counted only as the
// secrecy rule allows (a sealed leave before its start: HR, compliance and its audit team only).
import { compareLocalDates } from "../../domain/calendar/index.ts";
import type { Card } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi } from "../../ports/locale.ts";
import { LEAVE_STATE_LABEL } from "../leave/leave-card-parts.ts";
import { reportContext, type Asking } from "./answer-context.ts";
import { unitIdsIn } from "./memo-report-queries.ts";
import { todayIn } from "./date-phrases.ts";
import { listCard, rangeText } from "./question-card.ts";
import { candidatesCard, notFoundCard, resolvePerson } from "./resolve-name.ts";

const addDays = (day: string, n: number): string =>
  new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

/** How far ahead "who covers for X" looks for X's leaves when the question names no dates. */
const COVER_AHEAD_DAYS = 365;

export async function answerLeave(a: Asking): Promise<Card> {
  if (a.parsed.slots.person !== undefined) return answerCover(a, a.parsed.slots.person);
  const ctx = await reportContext(a);
  const today = todayIn(a.env.now, a.who.person.unitTimeZone);
  const range = a.parsed.slots.range ?? { from: today, to: today };
  const leaves = (await a.tx.questions.leavesBetween(unitIdsIn(a.units, ctx.scope), range.from, range.to)).filter(
    (l) => ctx.inScope(l.unitId) && ctx.counts(l),
  );
  leaves.sort((x, y) => compareLocalDates(x.startDate, y.startDate) || (x.id < y.id ? -1 : 1));
  const people = leaves.flatMap((l) => [l.holderId, ...(l.substituteId ? [l.substituteId] : [])]);
  await ctx.loadPeople(people);
  await a.names.load(people.map((id) => ctx.person(id).code));
  const posts = new Map((await ctx.deps.queries.posts(ctx.scope)).map((p) => [p.id, p.code]));
  return listCard(a, {
    title: bi(
      `休假人员 ${range.from === range.to ? range.from : `${range.from} 至 ${range.to}`}`,
      `On leave ${range.from === range.to ? `on ${range.from}` : `${range.from} to ${range.to}`}`,
    ),
    columns: [
      bi("人员", "Person"),
      bi("岗位", "Post"),
      bi("日期", "Dates"),
      bi("状态", "Status"),
      bi("代岗人", "Substitute"),
    ],
    rows: leaves.map((l) => [
      a.names.label(ctx.person(l.holderId)),
      same(posts.get(l.postId) ?? "?"),
      rangeText(l.startDate, l.endDate),
      LEAVE_STATE_LABEL[l.status],
      l.substituteId ? a.names.label(ctx.person(l.substituteId)) : same("—"),
    ]),
    empty: bi("这段时间没有人休假。", "Nobody is on leave then."),
  });
}

/**
 * "Who covers for Wei Huang?" / "黄伟的代岗人是谁": that person's leaves now and in the year ahead (or
 * the dates named), each with its substitute — only the leaves the asker may count, so a sealed leave
 * before its start is as absent here as everywhere (the answer is then "no leave").
 */
async function answerCover(a: Asking, phrase: string): Promise<Card> {
  const found = await resolvePerson(a, phrase);
  if (found.kind === "none") return notFoundCard("person", phrase);
  if (found.kind === "many") return candidatesCard(a, "person", phrase, found.matches);
  const person = found.match;
  const ctx = await reportContext(a, undefined);
  const today = todayIn(a.env.now, a.who.person.unitTimeZone);
  const range = a.parsed.slots.range ?? { from: today, to: addDays(today, COVER_AHEAD_DAYS) };
  const leaves = (await a.tx.questions.leavesBetween(unitIdsIn(a.units, ctx.scope), range.from, range.to))
    .filter((l) => l.holderId === person.id && ctx.inScope(l.unitId) && ctx.counts(l))
    .sort((x, y) => compareLocalDates(x.startDate, y.startDate) || (x.id < y.id ? -1 : 1));
  const people = leaves.flatMap((l) => (l.substituteId ? [l.substituteId] : []));
  await ctx.loadPeople(people);
  await a.names.load([person.code, ...people.map((id) => ctx.person(id).code)]);
  const who = a.names.label(person);
  const posts = new Map((await ctx.deps.queries.posts(ctx.scope)).map((p) => [p.id, p.code]));
  return listCard(a, {
    title: bi(`${who["zh-CN"]} 休假期间的代岗人`, `Who covers for ${who.en}`),
    columns: [bi("代岗人", "Substitute"), bi("岗位", "Post"), bi("日期", "Dates"), bi("状态", "Status")],
    rows: leaves.map((l) => [
      l.substituteId ? a.names.label(ctx.person(l.substituteId)) : bi("未指定", "not assigned"),
      same(posts.get(l.postId) ?? "?"),
      rangeText(l.startDate, l.endDate),
      LEAVE_STATE_LABEL[l.status],
    ]),
    empty: bi(
      `${who["zh-CN"]} 目前及${range.to}前没有休假，无人代岗。`,
      `${who.en} has no leave now or until ${range.to}, so nobody covers for them.`,
    ),
  });
}

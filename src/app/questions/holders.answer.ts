// "Who holds key posts in Pudong?" / "how many key posts do we have?" — every key-post holder in the
// asker's units (or the unit named), with post, since and rotation limit, from the rotation-compliance
// report's rows; asked about the posts themselves, one row per active key post (its holder, or
// vacant), so "Total" is the number of posts. A unit's status lists only who stands out; this lists all
// (of one role or category when the question names one: "who are the branch heads", "操作类关键岗位有多少个").
import type { Card } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { rotationComplianceReport } from "../reports/rotation-compliance.report.ts";
import { reportContext, reportInputs, whereNamed, type Asking } from "./answer-context.ts";
import { postNarrowing } from "./post-filter.ts";
import { listCard } from "./question-card.ts";
import { todayIn } from "./date-phrases.ts";
import { servedWithin, type Tenure } from "./tenure-phrases.ts";
import { ranked, type Rank } from "./rank-phrases.ts";
import { DateTime } from "luxon";

const plusMonths = (d: string, n: number): string => DateTime.fromISO(d).plus({ months: n }).toISODate()!;

/** "more than 24 months" / "超过 24 个月", as the filter the list applied. */
function tenureLabel(t: Tenure): Bilingual {
  const zh: string[] = [];
  const en: string[] = [];
  if (t.min !== undefined) {
    zh.push(`${t.minInclusive ? "至少" : "超过"} ${t.min} 个月`);
    en.push(`${t.minInclusive ? "at least" : "more than"} ${t.min} months`);
  }
  if (t.max !== undefined) {
    zh.push(`${t.maxInclusive ? "至多" : "不到"} ${t.max} 个月`);
    en.push(`${t.maxInclusive ? "at most" : "less than"} ${t.max} months`);
  }
  return bi(zh.join("，"), en.join(", "));
}

function rankLabel(rank: Rank): Bilingual {
  return rank.by === "longest"
    ? bi(`在岗最久的 ${rank.count} 位`, `the ${rank.count} longest in post`)
    : bi(`最近上岗的 ${rank.count} 位`, `the ${rank.count} newest in post`);
}

export async function answerHolders(a: Asking): Promise<Card> {
  const { deps, viewer, env } = reportInputs(a);
  const report = await rotationComplianceReport(deps, viewer, env);
  const where = whereNamed(a);
  const narrowed = await postNarrowing(a);
  const tenure = a.parsed.slots.tenure;
  const today = todayIn(a.env.now, a.who.person.unitTimeZone);
  const only = [
    ...(narrowed ? [{ label: bi("只看", "Only"), value: narrowed.label }] : []),
    ...(tenure ? [{ label: bi("在岗时长", "Time in post"), value: tenureLabel(tenure) }] : []),
  ];
  const rank = a.parsed.slots.rank;
  const listed = [...report.rows]
    .filter((r) => !narrowed || narrowed.codes.has(r.postCode))
    .filter((r) => !tenure || servedWithin(tenure, r.startDate, today, plusMonths))
    .sort((x, y) => x.unitCode.localeCompare(y.unitCode) || x.postCode.localeCompare(y.postCode));
  const holders = rank ? ranked(listed, rank) : listed;
  if (rank) only.push({ label: bi("排序", "Ranked"), value: rankLabel(rank) });
  await a.names.load(holders.map((r) => r.employeeCode));
  if (a.parsed.slots.posts) {
    const ctx = await reportContext(a);
    const posts = (await ctx.deps.queries.posts(ctx.scope))
      .filter((p) => !narrowed || narrowed.codes.has(p.code))
      .sort((x, y) => x.code.localeCompare(y.code));
    const byPost = new Map<string, (typeof holders)[number][]>();
    for (const r of holders) byPost.set(r.postCode, [...(byPost.get(r.postCode) ?? []), r]);
    return listCard(a, {
      title: bi(`${where["zh-CN"]}关键岗位`, `Key posts${where.en}`),
      fields: only,
      columns: [bi("岗位", "Post"), bi("在岗人", "Holder")],
      rows: posts.map((p) => {
        const held = byPost.get(p.code) ?? [];
        return [
          same(p.code),
          held.length === 0
            ? bi("空缺", "vacant")
            : a.names.labels(held.map((r) => ({ code: r.employeeCode, name: r.employeeName }))),
        ];
      }),
      empty: bi("这里没有关键岗位。", "There is no key post here."),
    });
  }
  return listCard(a, {
    title: bi(`${where["zh-CN"]}关键岗位在岗人`, `Key-post holders${where.en}`),
    fields: only,
    columns: [bi("在岗人", "Holder"), bi("岗位", "Post"), bi("任职起", "Since"), bi("轮岗期限", "Rotation due")],
    rows: holders.map((r) => [
      a.names.label({ code: r.employeeCode, name: r.employeeName }),
      same(r.postCode),
      same(r.startDate),
      same(r.deadline ?? "—"),
    ]),
    empty: bi("这里没有关键岗位在岗人。", "No key post is held here."),
  });
}

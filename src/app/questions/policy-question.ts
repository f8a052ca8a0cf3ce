// "What is the rotation limit for tellers", "柜员的轮岗期限是多少", "policy of P-BR1-01-TELLER":
// compliance (any reporting role) asks which policy numbers apply to posts and gets them with their
// source — a post's own policy (override) or its category's default, and the preset it came from —
// within the asker's units (or the unit named). Posts without a policy are said so, never a zero.
// Read apart from the question parser (question.parser.ts), which another intent table owns: a
// question is a policy question when it asks about a rule (limit, policy, 期限, 规定…) and not who.
import type { Card } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import type { PostFact } from "../../ports/report-queries.ts";
import {
  isPostCategory,
  resolvePolicy,
  type Policy,
  type PostCategory,
  type ResolvedPolicy,
} from "../../domain/policy/index.ts";
import { reportScope, inScope } from "../reports/report-scope.ts";
import { rotationComplianceReport } from "../reports/rotation-compliance.report.ts";
import { narrowTo, reportInputs, unitOf, type Asking } from "./answer-context.ts";
import { gapSentence, gapsFor } from "./setup-gap-note.ts";
import { CATEGORY_WORDS, ROLES } from "./question-lexicon.ts";

const ASKS_RULE =
  /\bpolic(?:y|ies)\b|\b(?:rotation|tenure) limits?\b|\bmax(?:imum)? tenure\b|\bhow long (?:can|may|does|do|should) .{0,40}\b(?:stay|hold|serve|remain)\b|\bleave (?:rules?|policy)\b|\bhow often\b.{0,40}\b(?:leave|rotat\w*)\b|轮岗期限|任职期限|轮岗年限|最长任期|任期上限|制度参数|政策|规定|多久(?:要|必须|需要|得)?轮岗|几年(?:要|必须|需要|得)?轮岗|多久(?:要|必须|需要|得)?(?:强制)?休假|休假(?:频率|多久一次)/;
/** A question about who, when or what is over the limit is the parser's (rotation.due, status…). */
const NOT_RULE =
  /\bwho\b|\bwhom\b|\bwhen\b|\bwhich\b|\bpast\b|\bover(?:due)?\b|\bexceed\w*|\bbeyond\b|\bdue\b|\bbreach\w*|\breach\w*|\bhit\w*|\bcoming\b|\bnext\b|\bwithin\b|\bdays?\b|\bdates?\b|\bholders?\b|\bstaff\b|\bpeople\b|谁|什么时候|何时|哪天|哪些人|人有哪些|人员|快到|临近|即将|超期|超过|逾期|到期|过了|还没|没换|违反|多少人|几个人|几人|几位|有多少|天内|\d+\s*天|未来|到了?(?:轮岗|任职)?期限|\bhow many\b/;

export type PolicyTarget =
  | { readonly kind: "role"; readonly role: (typeof ROLES)[number]; readonly label: string }
  | { readonly kind: "category"; readonly category: PostCategory }
  /** A post's code (found among the posts when answering), else every post. */
  | { readonly kind: "code-or-all" };

/** The policy question's target, or null when the text asks something else. */
export function readPolicyQuestion(text: string): PolicyTarget | null {
  const t = text.toLowerCase();
  if (!ASKS_RULE.test(t) || NOT_RULE.test(t)) return null;
  for (const role of ROLES) {
    const zh = role.zh.find((w) => t.includes(w));
    const en = role.en.exec(t)?.[0];
    if (zh !== undefined || en !== undefined) return { kind: "role", role, label: zh ?? en! };
  }
  const category = CATEGORY_WORDS.find((c) => c.pattern.test(t));
  if (category) return { kind: "category", category: category.category };
  return { kind: "code-or-all" };
}

const MAX_CODES = 6;

/**
 * Asked about one post ("北京分行行长岗位的任职期限", "tenure limit of the Shanghai branch head post"),
 * the limit is also a date: its holder and the day they must rotate, from the rotation-compliance
 * report (the same numbers as the reports and the holders list).
 */
async function holderOf(a: Asking, postCode: string): Promise<{ label: Bilingual; value: Bilingual }[]> {
  const { deps, viewer, env } = reportInputs(a);
  const rows = (await rotationComplianceReport(deps, viewer, env)).rows.filter((r) => r.postCode === postCode);
  await a.names.load(rows.map((r) => r.employeeCode));
  return rows.flatMap((r) => [
    { label: bi("在岗人", "Holder"), value: a.names.label({ code: r.employeeCode, name: r.employeeName }) },
    { label: bi("轮岗期限", "Rotation due"), value: same(r.deadline ?? "—") },
  ]);
}

function codesCell(codes: readonly string[]): Bilingual {
  const shown = codes.slice(0, MAX_CODES).join(", ");
  const more = codes.length - MAX_CODES;
  return more > 0 ? bi(`${shown} 等 ${codes.length} 个`, `${shown} +${more} more`) : same(shown);
}

function sourceOf(code: string, table: ReadonlyMap<string, Policy>): Bilingual {
  const p = table.get(code);
  const preset = p?.preset && p.preset !== "custom" ? p.preset : null;
  if (p?.category)
    return bi(
      `类别默认 ${code}（${preset ? `预设 ${preset}` : "本行制度"}）`,
      `category default ${code} (${preset ? `preset ${preset}` : "the bank's own"})`,
    );
  return bi(`岗位单独设定 ${code}`, `post override ${code}`);
}

/** Where the numbers come from: one source, or per number when they differ. */
function sources(resolved: ResolvedPolicy, byCode: ReadonlyMap<string, Policy>): Bilingual {
  const fields = ["maxTenureMonths", "leaveEveryMonths", "leaveMinWorkingDays"] as const;
  const distinct = [...new Set(fields.map((f) => resolved.fieldSources[f]))];
  if (distinct.length === 1) return sourceOf(distinct[0]!, byCode);
  const names = {
    maxTenureMonths: bi("轮岗期限", "rotation limit"),
    leaveEveryMonths: bi("休假间隔", "leave every"),
    leaveMinWorkingDays: bi("最短休假", "minimum leave"),
  };
  const parts = fields.map((f) => ({ name: names[f], source: sourceOf(resolved.fieldSources[f], byCode) }));
  return bi(
    parts.map((p) => `${p.name["zh-CN"]}：${p.source["zh-CN"]}`).join("；"),
    parts.map((p) => `${p.name.en}: ${p.source.en}`).join("; "),
  );
}

export async function answerPolicyQuestion(a: Asking, target: PolicyTarget): Promise<Card> {
  const unit = unitOf(a, a.parsed.slots.unit);
  const scope = reportScope(narrowTo(a.who.actor, unit?.path));
  const unitIds = a.units.filter((u) => inScope(scope, u.path)).map((u) => u.id);
  const all = await a.tx.questions.postsIn(unitIds);
  const words = a.text.toUpperCase().split(/[^A-Z0-9._-]+/);
  const named = all.filter((p) => words.includes(p.code.toUpperCase()));
  let posts: PostFact[];
  let asked: Bilingual;
  if (named.length > 0) {
    // A post's code wins over the words of its role the code may contain (P-BR1-01-TELLER).
    posts = named;
    asked = same(named.map((p) => p.code).join(", "));
  } else if (target.kind === "role") {
    const byWords = new Set(
      (await a.tx.questions.posts({ words: target.role.words, scope, unitIds, limit: 100_000 })).map((p) => p.id),
    );
    posts = all.filter((p) => byWords.has(p.id) || target.role.zh.some((w) => p.name.includes(w)));
    asked = same(target.label);
  } else if (target.kind === "category") {
    posts = all.filter((p) => p.category === target.category);
    asked = same(target.category);
  } else {
    posts = all;
    asked = bi("全部关键岗位", "every key post");
  }
  const policies = await a.reports.queries.policyTable(a.env.now);
  const byCode = new Map([...policies.byId.values()].map((p) => [p.code, p]));
  const groups = new Map<string, { resolved: ResolvedPolicy; codes: string[] }>();
  const without: string[] = [];
  for (const post of posts) {
    const own = post.policyId === null ? null : (policies.byId.get(post.policyId)?.code ?? null);
    if (!isPostCategory(post.category)) continue;
    let resolved: ResolvedPolicy;
    try {
      resolved = resolvePolicy({ category: post.category, policyCode: own }, policies.defaults, byCode.values());
    } catch {
      without.push(post.code);
      continue;
    }
    const key = [resolved.code, resolved.maxTenureMonths, resolved.leaveEveryMonths, resolved.leaveMinWorkingDays].join(
      "|",
    );
    const group = groups.get(key) ?? { resolved, codes: [] };
    group.codes.push(post.code);
    groups.set(key, group);
  }
  const rows = [...groups.values()]
    .sort((x, y) => x.resolved.maxTenureMonths - y.resolved.maxTenureMonths || (x.codes[0]! < y.codes[0]! ? -1 : 1))
    .map(({ resolved, codes }) => [
      codesCell(codes.sort()),
      bi(`${resolved.maxTenureMonths} 个月`, `${resolved.maxTenureMonths} months`),
      bi(`每 ${resolved.leaveEveryMonths} 个月`, `every ${resolved.leaveEveryMonths} months`),
      bi(`${resolved.leaveMinWorkingDays} 个工作日`, `${resolved.leaveMinWorkingDays} working days`),
      sources(resolved, byCode),
    ]);
  const holder = posts.length === 1 ? await holderOf(a, posts[0]!.code) : [];
  const gaps = without.length > 0 ? await gapsFor(a, ["POST_WITHOUT_POLICY"], null, new Set(without)) : [];
  const notes = gaps.map((g) => gapSentence(g.code, g.subjects, g.total));
  const text =
    posts.length === 0
      ? bi(`在您的机构中没有与“${asked["zh-CN"]}”相符的关键岗位。`, `No key post in your units matches "${asked.en}".`)
      : notes.length > 0
        ? bi(notes.map((n) => `⚠ ${n["zh-CN"]}`).join("\n"), notes.map((n) => `⚠ ${n.en}`).join("\n"))
        : undefined;
  return {
    title: bi(`轮岗与强制休假制度参数：${asked["zh-CN"]}`, `Rotation and leave policy: ${asked.en}`),
    ...(text ? { text } : {}),
    fields: holder,
    ...(rows.length > 0
      ? {
          table: {
            columns: [
              bi("岗位", "Posts"),
              bi("轮岗期限", "Rotation limit"),
              bi("强制休假", "Mandatory leave"),
              bi("最短休假", "Minimum leave"),
              bi("来源", "Source"),
            ],
            rows,
          },
        }
      : {}),
    actions: [],
  };
}

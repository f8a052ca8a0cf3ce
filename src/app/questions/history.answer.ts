// The register's history: where did person X go after a rotation, who took post P (and who holds
// it now), who serves client C now. Names are resolved first (resolve-name.ts); the answers and
// their access rules are the reports' queries (register-history.query.ts).
import type { Card } from "../../ports/card.ts";
import { same } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { askWhereDidPersonGo, askWhoServesClient, askWhoTookPost } from "../reports/register-history.query.ts";
import { tenureDeadline } from "../../domain/policy/policy-dates.ts";
import { reportContext, type Asking } from "./answer-context.ts";
import { normalise } from "./question.parser.ts";
import { DomainError } from "../../domain/errors.ts";
import { answerHolders } from "./holders.answer.ts";
import { listCard } from "./question-card.ts";
import type { Resolved } from "./name-matcher.ts";
import { candidatesCard, notFoundCard, resolveName, type Kind } from "./resolve-name.ts";

async function resolved(
  a: Asking,
  kind: Kind,
  phrase: string,
  found: Resolved<{ code: string; name: string; nameEn?: string | null }> | undefined = undefined,
): Promise<{ code: string; nameEn: string | null } | Card> {
  found ??= await resolveName(a, kind, phrase);
  if (found.kind === "none") return notFoundCard(kind, phrase);
  if (found.kind === "many") return candidatesCard(a, kind, phrase, found.matches);
  return { code: found.match.code, nameEn: found.match.nameEn ?? null };
}

/** "杨超 E026 (2025-12-05)". */
function since(who: Bilingual, from: string): Bilingual {
  return bi(`${who["zh-CN"]} (${from})`, `${who.en} (since ${from})`);
}

export async function answerWhereDidPersonGo(a: Asking): Promise<Card> {
  const phrase = a.parsed.slots.person ?? "";
  const r = await resolved(a, "person", phrase);
  if (!("code" in r)) return r;
  const answer = await askWhereDidPersonGo.run({ code: r.code }, a.who, a.tx, a.env);
  await a.names.load([answer.person.code, ...answer.moves.flatMap((m) => (m.successor ? [m.successor.code] : []))]);
  return listCard(a, {
    title: bi(`${answer.person.name} 的轮岗去向`, `Where ${answer.person.nameEn ?? answer.person.code} went`),
    fields: [
      {
        label: bi("现任岗位", "Holds now"),
        value: same(answer.holdsNow.map((h) => `${h.post.code} (${h.since})`).join(", ") || "—"),
      },
    ],
    columns: [bi("原岗位", "From post"), bi("离开", "Left on"), bi("去向", "Went to"), bi("接任", "Successor")],
    rows: answer.moves.map((m) => [
      same(m.from.code),
      same(m.leftOn),
      same(m.to?.code ?? "—"),
      m.successor ? a.names.label(m.successor) : same("—"),
    ]),
    empty: bi("没有离开过关键岗位的记录。", "No move off a key post on record."),
  });
}

export async function answerWhoTookPost(a: Asking): Promise<Card> {
  const phrase = a.parsed.slots.post ?? "";
  if (a.parsed.slots.role !== undefined && !a.choice) {
    // A role named ("全行的柜员是谁", "who are the branch heads"): one post is its history; several, or
    // a plural no post is named by, are listed with their holders.
    // No unit named: a role nobody holds in the asker's units is an empty list, not another unit's post.
    const found = await resolveName(a, "post", phrase).catch((error: unknown) => {
      if (a.parsed.slots.unit === undefined && error instanceof DomainError && error.code === "OUT_OF_SCOPE")
        return { kind: "none" } as const;
      throw error;
    });
    if (found.kind !== "one") return answerHolders(a);
    return answerWhoTookPost({ ...a, choice: found.match.code });
  }
  const r = await resolved(a, "post", phrase);
  if (!("code" in r)) return r;
  const answer = await askWhoTookPost.run({ code: r.code }, a.who, a.tx, a.env);
  await a.names.load(answer.history.map((t) => t.holder.code));
  // The current holder's rotation limit (the post's policy from its start), as a person's status gives it.
  const unit = a.units.find((u) => u.code === answer.post.unitCode);
  let due: string | undefined;
  if (answer.current && unit) {
    const ctx = await reportContext(a, undefined);
    const fact = (await ctx.deps.queries.posts([unit.path])).find((p) => p.code === answer.post.code);
    const policy = fact ? ctx.policyOf(fact) : undefined;
    due = policy ? tenureDeadline(answer.current.from, policy) : undefined;
  }
  return listCard(a, {
    title: bi(
      `${answer.post.name}（${answer.post.code}）的任职`,
      `Holders of ${answer.post.nameEn ?? answer.post.code} (${answer.post.code})`,
    ),
    fields: [
      {
        label: bi("现任", "Holds it now"),
        value: answer.current ? since(a.names.label(answer.current.holder), answer.current.from) : same("—"),
      },
      ...(due ? [{ label: bi("轮岗期限", "Rotation due"), value: same(due) }] : []),
    ],
    columns: [bi("人员", "Holder"), bi("起", "From"), bi("止", "Until")],
    rows: [...answer.history].reverse().map((t) => [a.names.label(t.holder), same(t.from), same(t.until ?? "—")]),
    empty: bi("没有任职记录。", "Nobody has held it."),
  });
}

/** Several clients that bear one name (namesakes: the same legal name in two sub-branches, typed whole or in part), not a vague name fitting different ones: each one's manager. */
async function namesakesCard(
  a: Asking,
  matches: readonly { code: string; name: string; nameEn?: string | null }[],
): Promise<Card> {
  const rows: Bilingual[][] = [];
  for (const m of matches) {
    const answer = await askWhoServesClient.run({ code: m.code }, a.who, a.tx, a.env);
    if (answer.current) await a.names.load([answer.current.manager.code]);
    rows.push([
      same(m.code),
      bi(m.name, m.nameEn ?? m.code),
      answer.current ? since(a.names.label(answer.current.manager), answer.current.from) : same("—"),
    ]);
  }
  const first = matches[0]!;
  return listCard(a, {
    title: bi(
      `名为“${first.name}”的客户的客户经理`,
      `Relationship managers of the clients named ${first.nameEn ?? first.code}`,
    ),
    columns: [bi("客户", "Client"), bi("名称", "Name"), bi("客户经理", "Manager")],
    rows,
    empty: bi("没有客户经理记录。", "No manager on record."),
  });
}

const sameName = (x: string, y: string) => normalise(x) === normalise(y);

export async function answerWhoServesClient(a: Asking): Promise<Card> {
  const phrase = a.parsed.slots.client ?? "";
  const found = await resolveName(a, "client", phrase);
  if (
    found.kind === "many" &&
    (found.matches.every((m) => sameName(m.name, phrase) || (m.nameEn && sameName(m.nameEn, phrase))) ||
      found.matches.every((m) => m.name === found.matches[0]!.name))
  )
    return namesakesCard(a, found.matches);
  const r = await resolved(a, "client", phrase, found);
  if (!("code" in r)) return r;
  const answer = await askWhoServesClient.run({ code: r.code }, a.who, a.tx, a.env);
  await a.names.load(answer.history.map((s) => s.manager.code));
  const clientEn = r.nameEn ?? answer.client.code;
  return listCard(a, {
    title: bi(
      `${answer.client.name}（${answer.client.code}）的客户经理`,
      `Relationship manager of ${clientEn} (${answer.client.code})`,
    ),
    fields: [
      {
        label: bi("现在", "Now"),
        value: answer.current ? since(a.names.label(answer.current.manager), answer.current.from) : same("—"),
      },
    ],
    columns: [bi("客户经理", "Manager"), bi("起", "From"), bi("止", "Until")],
    rows: [...answer.history].reverse().map((s) => [a.names.label(s.manager), same(s.from), same(s.until ?? "—")]),
    empty: bi("没有客户经理记录。", "No manager on record."),
  });
}

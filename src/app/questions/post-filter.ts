// A list narrowed to one role or category of key post ("vault keepers due within 30 days",
// "authority posts past the limit", "who are the branch heads"): the codes of the asker's key posts
// (or the named unit's) of that role — their Chinese name holds the role's word, as the policy
// questions read it — and of that category. No role or category asked: no narrowing.
import { bi, type Bilingual } from "../../ports/locale.ts";
import { reportContext, type Asking } from "./answer-context.ts";
import { ROLES } from "./question-lexicon.ts";

const CATEGORY_LABEL: Readonly<Record<string, Bilingual>> = {
  operations: bi("操作类", "operations"),
  authority: bi("管理类", "authority"),
  oversight: bi("监督类", "oversight"),
};

export interface PostNarrowing {
  /** The post codes the list keeps. */
  readonly codes: ReadonlySet<string>;
  /** What it was narrowed to, in words ("柜员" / "teller posts"). */
  readonly label: Bilingual;
}

export async function postNarrowing(a: Asking): Promise<PostNarrowing | undefined> {
  const { role: roleKey, category } = a.parsed.slots;
  if (roleKey === undefined && category === undefined) return undefined;
  const role = ROLES.find((r) => r.key === roleKey);
  const ctx = await reportContext(a);
  const posts = await ctx.deps.queries.posts(ctx.scope);
  const codes = new Set(
    posts
      .filter(
        (p) =>
          (role === undefined || role.zh.some((w) => p.name.includes(w))) && (!category || p.category === category),
      )
      .map((p) => p.code),
  );
  const words = [
    ...(category ? [CATEGORY_LABEL[category] ?? bi(category, category)] : []),
    ...(role ? [bi(role.zh[0]!, role.words.join(" "))] : []),
  ];
  return {
    codes,
    label: bi(words.map((w) => w["zh-CN"]).join("") + "岗位", `${words.map((w) => w.en).join(" ")} posts`),
  };
}

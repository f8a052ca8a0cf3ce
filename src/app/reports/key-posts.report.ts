// How many key posts are identified, and how many have defined standards and checklists: the
// active key posts of the viewer's units; a checklist counts when the post's template has items.
import type { Actor } from "../../domain/access/roles.ts";
import {
  byCode,
  figure,
  ReportContext,
  type Figure,
  type ReportDeps,
  type ReportEnv,
  type ReportHeader,
} from "./report-context.ts";

export interface KeyPostRow {
  readonly postId: string;
  readonly postCode: string;
  readonly postName: string;
  readonly unitCode: string;
  readonly category: string;
  readonly standardDefined: boolean;
  readonly checklistCode: string | null;
  readonly checklistItems: number;
  readonly hasChecklist: boolean;
}

export interface KeyPostCounts {
  readonly posts: number;
  readonly standardDefined: Figure;
  readonly checklist: Figure;
  /** Both a defined standard and a checklist. */
  readonly both: Figure;
}

export interface KeyPostsReport extends ReportHeader, KeyPostCounts {
  readonly byCategory: readonly (KeyPostCounts & { readonly category: string })[];
  readonly rows: readonly KeyPostRow[];
}

function counts(rows: readonly KeyPostRow[]): KeyPostCounts {
  const n = rows.length;
  return {
    posts: n,
    standardDefined: figure(rows.filter((r) => r.standardDefined).length, n),
    checklist: figure(rows.filter((r) => r.hasChecklist).length, n),
    both: figure(rows.filter((r) => r.standardDefined && r.hasChecklist).length, n),
  };
}

export async function keyPostsReport(deps: ReportDeps, viewer: Actor, env: ReportEnv): Promise<KeyPostsReport> {
  const ctx = await ReportContext.load(deps, viewer, env);
  const posts = await deps.queries.posts(ctx.scope);
  const rows: KeyPostRow[] = posts
    .map((p) => ({
      postId: p.id,
      postCode: p.code,
      postName: p.name,
      unitCode: ctx.unit(p.unitId).code,
      category: p.category,
      standardDefined: p.standardDefined,
      checklistCode: p.checklistCode,
      checklistItems: p.checklistItems,
      hasChecklist: p.checklistItems > 0,
    }))
    .sort((a, b) => byCode(a.postCode, b.postCode));
  const categories = [...new Set(rows.map((r) => r.category))].sort(byCode);
  return {
    ...ctx.header("key-posts"),
    ...counts(rows),
    byCategory: categories.map((category) => ({ category, ...counts(rows.filter((r) => r.category === category)) })),
    rows,
  };
}

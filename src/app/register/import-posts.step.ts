// Key posts, streamed in chunks: unit, policy and checklist template resolved by code, existing
// posts looked up per chunk, the changes written in batches.
import type { PostRecord } from "../../ports/register-repository.ts";
import { changeLine, changed, type ImportContext, type Located } from "./import-context.ts";
import type { PostRow } from "../../ports/register-rows.ts";
import type { RegisterSource } from "../../ports/register-source.ts";

interface Lookups {
  readonly policies: Map<string, string>;
  readonly templates: Map<string, string>;
}

const codeOf = (ids: Map<string, string>, id: string | null): string | null =>
  id === null ? null : ([...ids].find(([, v]) => v === id)?.[0] ?? id);

function diff(
  ctx: ImportContext,
  lookups: Lookups,
  before: PostRecord,
  after: PostRecord,
  row: PostRow,
): (string | undefined)[] {
  return [
    changed("name", before.name, after.name),
    changed("name_en", before.nameEn, after.nameEn),
    before.unitId === after.unitId ? undefined : changed("unit_code", ctx.unitCodeOf(before.unitId), row.unitCode),
    changed("category", before.category, after.category),
    changed("risk_points", before.riskPoints, after.riskPoints),
    before.policyId === after.policyId
      ? undefined
      : changed("policy_code", codeOf(lookups.policies, before.policyId), row.policyCode),
    before.checklistTemplateId === after.checklistTemplateId
      ? undefined
      : changed(
          "checklist_template_code",
          codeOf(lookups.templates, before.checklistTemplateId),
          row.checklistTemplateCode,
        ),
    changed("standard_defined", before.standardDefined, after.standardDefined),
    changed("active", before.active, after.active),
  ].filter((d) => d !== undefined);
}

export async function importPosts(ctx: ImportContext, sources: readonly RegisterSource[]): Promise<void> {
  if (sources.length === 0) return;
  const lookups: Lookups = { policies: await ctx.policyIds(), templates: await ctx.checklistTemplateIds() };
  const fresh = await ctx.isEmpty("posts");
  if (fresh) await ctx.repo.beginBulkLoad("posts");
  for (const source of sources) {
    for await (const chunk of ctx.parsedChunks(source, "posts", true)) {
      const ready: { at: Located<PostRow>; record: Omit<PostRecord, "id"> }[] = [];
      for (const at of chunk) {
        const { row } = at;
        let ok = true;
        const unit = ctx.units.get(row.unitCode);
        if (!unit) {
          ctx.unknown("units", row.unitCode, at, "unit_code", `unknown unit "${row.unitCode}"`);
          ok = false;
        }
        let policyId: string | null = null;
        if (row.policyCode !== null) {
          policyId = lookups.policies.get(row.policyCode) ?? null;
          if (policyId === null) ctx.error(at.file, at.line, "policy_code", `unknown policy "${row.policyCode}"`);
          ok &&= policyId !== null;
        }
        let templateId: string | null = null;
        if (row.checklistTemplateCode !== null) {
          templateId = lookups.templates.get(row.checklistTemplateCode) ?? null;
          if (templateId === null)
            ctx.error(
              at.file,
              at.line,
              "checklist_template_code",
              `unknown checklist template "${row.checklistTemplateCode}"`,
            );
          ok &&= templateId !== null;
        }
        if (!ok || !unit) {
          ctx.reject("posts", row.code);
          continue;
        }
        // Written out field by field: object rest and spread cost more than the rest of a row's work.
        const record = {
          code: row.code,
          name: row.name,
          nameEn: row.nameEn,
          unitId: unit.id,
          category: row.category,
          riskPoints: row.riskPoints,
          policyId,
          checklistTemplateId: templateId,
          standardDefined: row.standardDefined,
          active: row.active,
        };
        ready.push({ at, record });
      }
      if (ready.length === 0) continue;
      const before = new Map(
        (fresh ? [] : await ctx.repo.postsByCode(ready.map((r) => r.at.row.code))).map((p) => [p.code, p]),
      );
      const creates: PostRecord[] = [];
      const updates: PostRecord[] = [];
      for (const { at, record } of ready) {
        const old = before.get(record.code);
        const post: PostRecord = {
          id: old?.id ?? ctx.newId(),
          code: record.code,
          name: record.name,
          nameEn: record.nameEn,
          unitId: record.unitId,
          category: record.category,
          riskPoints: record.riskPoints,
          policyId: record.policyId,
          checklistTemplateId: record.checklistTemplateId,
          standardDefined: record.standardDefined,
          active: record.active,
        };
        if (!old) {
          creates.push(post);
          ctx.count("posts", "created", ctx.shows("posts") ? `+ ${post.code} ${post.name}` : undefined);
          continue;
        }
        const diffs = diff(ctx, lookups, old, post, at.row);
        if (diffs.length === 0) ctx.count("posts", "unchanged");
        else {
          updates.push(post);
          ctx.count("posts", "updated", changeLine(post.code, diffs));
        }
      }
      await ctx.repo.insertPosts(creates, ctx.now);
      await ctx.repo.updatePosts(updates, ctx.now);
    }
  }
  if (fresh) await ctx.repo.endBulkLoad("posts");
}

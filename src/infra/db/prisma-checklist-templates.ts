// Stores audit checklist templates; a template's items are replaced by the file's list. Idempotent:
// the same file again changes nothing. Audits already requested keep the items they copied.
import type { ChecklistTemplateFile } from "../checklist-files/checklist-csv.parser.ts";
import { newId } from "../../ports/ids.ts";
import type { Tx } from "./database.ts";

export interface ChecklistImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export async function upsertChecklistTemplates(
  tx: Tx,
  templates: readonly ChecklistTemplateFile[],
): Promise<ChecklistImportCounts> {
  const counts: ChecklistImportCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const t of templates) {
    const existing = await tx.checklistTemplate.findUnique({
      where: { code: t.code },
      include: { items: { orderBy: { seq: "asc" } } },
    });
    const items = t.items.map((i) => ({ seq: i.seq, text: i.text, textEn: i.textEn }));
    if (!existing) {
      await tx.checklistTemplate.create({
        data: { id: newId(), code: t.code, name: t.name, items: { create: items.map((i) => ({ id: newId(), ...i })) } },
      });
      counts.created += 1;
      continue;
    }
    const same =
      existing.name === t.name &&
      JSON.stringify(existing.items.map((i) => ({ seq: i.seq, text: i.text, textEn: i.textEn }))) ===
        JSON.stringify(items);
    if (same) {
      counts.unchanged += 1;
      continue;
    }
    await tx.checklistTemplateItem.deleteMany({ where: { templateId: existing.id } });
    await tx.checklistTemplate.update({
      where: { id: existing.id },
      data: { name: t.name, items: { create: items.map((i) => ({ id: newId(), ...i })) } },
    });
    counts.updated += 1;
  }
  return counts;
}

// Audit checklist templates as CSV: template_code,template_name,seq,text,text_en — one row per item.
// Every row is checked with zod; problems come back as `file:line:column — reason`, all of them.
import { parse } from "csv-parse/sync";
import { z } from "zod";

export const CHECKLIST_HEADER = ["template_code", "template_name", "seq", "text", "text_en"] as const;

export interface ChecklistTemplateFile {
  readonly code: string;
  readonly name: string;
  readonly items: readonly { readonly seq: number; readonly text: string; readonly textEn: string }[];
}

const row = z.object({
  template_code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,40}$/, "a code of letters, digits, . _ - (at most 40)"),
  template_name: z.string().trim().min(1, "required").max(200),
  seq: z.coerce.number().int("a whole number").min(1, "from 1").max(999),
  text: z.string().trim().min(1, "required").max(2000),
  text_en: z.string().trim().max(2000).default(""),
});

export class ChecklistFileError extends Error {
  readonly code = "CHECKLIST_FILE_INVALID";
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
  }
}

export function isChecklistHeader(header: readonly string[]): boolean {
  return CHECKLIST_HEADER.every((name, i) => header[i]?.trim() === name);
}

export function parseChecklistCsv(text: string, file: string): ChecklistTemplateFile[] {
  const records = parse(text.replace(/^\uFEFF/, ""), {
    relax_column_count: true,
    skip_empty_lines: true,
    comment: "#",
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [head, ...body] = records;
  if (!head || !isChecklistHeader(head.record))
    throw new ChecklistFileError([`${file}:1:1 — the header must be ${CHECKLIST_HEADER.join(",")}`]);
  const problems: string[] = [];
  const templates = new Map<
    string,
    { code: string; name: string; items: { seq: number; text: string; textEn: string }[] }
  >();
  for (const { record, info } of body) {
    const raw = Object.fromEntries(CHECKLIST_HEADER.map((name, i) => [name, record[i] ?? ""]));
    const parsed = row.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${file}:${info.lines}:${String(issue.path[0] ?? "")} — ${issue.message}`);
      continue;
    }
    const r = parsed.data;
    const template = templates.get(r.template_code) ?? { code: r.template_code, name: r.template_name, items: [] };
    if (template.name !== r.template_name)
      problems.push(
        `${file}:${info.lines}:template_name — differs from the first row of ${r.template_code} ("${template.name}")`,
      );
    if (template.items.some((i) => i.seq === r.seq))
      problems.push(`${file}:${info.lines}:seq — item ${r.seq} of ${r.template_code} appears twice`);
    template.items.push({ seq: r.seq, text: r.text, textEn: r.text_en });
    templates.set(r.template_code, template);
  }
  if (problems.length > 0) throw new ChecklistFileError(problems);
  return [...templates.values()].map((t) => ({ ...t, items: [...t.items].sort((a, b) => a.seq - b.seq) }));
}

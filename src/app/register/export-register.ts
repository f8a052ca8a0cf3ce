// Exports the register in the import formats, one file per kind, so that exporting and importing
// again changes nothing. Order (docs/register-files.md): units by path (parents first), employees,
// posts and clients by code, assignments by post code, start date, kind and employee code.
import type { RegisterExportSource } from "../../ports/register-repository.ts";
import { REGISTER_KINDS, columnNames, type RegisterKind } from "../../ports/register-kinds.ts";

/** A post's own numbers are stored as its policy "post.<code>" and exported with the policies. */
const exportedColumns = (kind: RegisterKind): string[] =>
  columnNames(kind).filter((c) => kind !== "posts" || !(POST_NUMBER_COLUMNS as readonly string[]).includes(c));
import type { ExportRow, RegisterFileWriter, RowOf } from "../../ports/register-rows.ts";
import { FORMATTERS, POST_NUMBER_COLUMNS } from "./register-rows.ts";

export type { ExportRow, RegisterFileWriter };

export interface ExportedFile {
  readonly kind: RegisterKind;
  readonly file: string;
  readonly rows: number;
}

async function* formatted<K extends RegisterKind>(kind: K, rows: AsyncIterable<RowOf[K]>): AsyncGenerator<ExportRow> {
  const format = FORMATTERS[kind] as (row: RowOf[K]) => ExportRow;
  for await (const row of rows) yield format(row);
}

function rowsOf(source: RegisterExportSource, kind: RegisterKind): AsyncIterable<ExportRow> {
  switch (kind) {
    case "units":
      return formatted(kind, source.units());
    case "employees":
      return formatted(kind, source.employees());
    case "posts":
      return formatted(kind, source.posts());
    case "assignments":
      return formatted(kind, source.assignments());
    case "clients":
      return formatted(kind, source.clients());
  }
}

export async function exportRegister(
  source: RegisterExportSource,
  writer: RegisterFileWriter,
  kinds: readonly RegisterKind[] = REGISTER_KINDS,
): Promise<ExportedFile[]> {
  const out: ExportedFile[] = [];
  for (const kind of kinds)
    out.push({ kind, ...(await writer.write(kind, exportedColumns(kind), rowsOf(source, kind))) });
  return out;
}

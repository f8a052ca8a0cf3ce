// Writes exported register files in the import formats: `<kind>.csv` (UTF-8 with a byte-order
// mark, so that Excel shows Chinese names; lists joined with ";") or `<kind>.json` (one row object
// per line). Each file is written to a temporary name and renamed, so a failed export never
// leaves half a file where a good one was.
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { once } from "node:events";
import { stringify } from "csv-stringify/sync";
import type { ExportRow, RegisterFileWriter } from "../../ports/register-rows.ts";
import type { OutCell } from "../../ports/register-rows.ts";
import type { RegisterKind } from "../../ports/register-kinds.ts";

export type RegisterFormat = "csv" | "json";

const BOM = "\uFEFF";

function csvCell(cell: OutCell): string {
  if (cell === null) return "";
  if (typeof cell === "boolean") return cell ? "true" : "false";
  return typeof cell === "string" ? cell : cell.join(";");
}

function jsonCell(cell: OutCell): OutCell {
  return typeof cell === "string" && cell === "" ? null : cell;
}

/** A CSV line (with its newline) for one row of cells. */
export function csvLine(cells: readonly string[]): string {
  return stringify([cells as string[]], { record_delimiter: "\n" });
}

export function jsonRowLine(columns: readonly string[], row: ExportRow): string {
  return JSON.stringify(Object.fromEntries(columns.map((c) => [c, jsonCell(row[c] ?? null)])));
}

export class RegisterFilesWriter implements RegisterFileWriter {
  constructor(
    readonly dir: string,
    readonly format: RegisterFormat,
  ) {}

  /** The same directory in another format (calendars and checklists exist only as CSV). */
  withFormat(format: RegisterFormat): RegisterFilesWriter {
    return new RegisterFilesWriter(this.dir, format);
  }

  /** Writes `<kind>.<format>`; `kind` is a register kind or one of the bank files beside it (policies, …). */
  async write(
    kind: RegisterKind | string,
    columns: readonly string[],
    rows: AsyncIterable<ExportRow>,
  ): Promise<{ file: string; rows: number }> {
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${kind}.${this.format}`);
    const temporary = `${file}.${process.pid}.tmp`;
    const out = createWriteStream(temporary, { encoding: "utf8" });
    const put = async (text: string) => {
      if (!out.write(text)) await once(out, "drain");
    };
    let count = 0;
    try {
      if (this.format === "csv") {
        await put(BOM + csvLine(columns));
        for await (const row of rows) {
          await put(csvLine(columns.map((c) => csvCell(row[c] ?? null))));
          count++;
        }
      } else {
        await put(`{\n  "kind": ${JSON.stringify(kind)},\n  "rows": [`);
        for await (const row of rows) {
          await put(`${count === 0 ? "" : ","}\n    ${jsonRowLine(columns, row)}`);
          count++;
        }
        await put(count === 0 ? "]\n}\n" : "\n  ]\n}\n");
      }
      out.end();
      await once(out, "finish");
      await rename(temporary, file);
    } catch (error) {
      out.destroy();
      await rm(temporary, { force: true });
      throw error;
    }
    return { file, rows: count };
  }
}

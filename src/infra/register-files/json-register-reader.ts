// JSON register files: `{ "kind": "units", "rows": [ { "code": "HO", … }, … ] }`, one object per
// row with the CSV columns as keys. Values are text, numbers, true/false, null (empty) or, for the
// list columns, arrays. The file is read whole (use CSV for registers of 100 000 rows); each row
// keeps the line its object starts on, for error messages.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import {
  columnNames,
  isRegisterKind,
  kindFromFileName,
  normaliseColumnName,
  type RegisterKind,
} from "../../ports/register-kinds.ts";
import { RegisterFileError, type Cell, type RawRow, type RegisterSource } from "../../ports/register-source.ts";

/** The line on which each element of the top-level "rows" array starts (the text is valid JSON). */
export function rowLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let lastString = "";
  let key = "";
  let rowsDepth = -1;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\n") {
      line++;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r") continue;
    if (depth === rowsDepth && expectElement && ch !== "]" && ch !== ",") {
      lines.push(line);
      expectElement = false;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      lastString = text.slice(i + 1, j);
      i = j;
    } else if (ch === ":" && depth === 1) {
      key = lastString;
    } else if (ch === "," && depth === rowsDepth) {
      expectElement = true;
    } else if (ch === "{" || ch === "[") {
      depth++;
      if (ch === "[" && depth === 2 && key === "rows" && rowsDepth === -1) {
        rowsDepth = 2;
        expectElement = true;
      }
    } else if (ch === "}" || ch === "]") {
      if (depth === rowsDepth && ch === "]") rowsDepth = -3; // the rows array is closed
      depth--;
    }
  }
  return lines;
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(position, text.length); i++) if (text[i] === "\n") line++;
  return line;
}

function toCell(value: unknown): Cell | null | undefined {
  if (value === null) return null;
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number"))
    return value.map((v) => String(v).trim());
  return undefined;
}

export function jsonRows(
  file: string,
  kind: RegisterKind,
  rows: readonly unknown[],
  lines: readonly number[],
): RawRow[] {
  const known = columnNames(kind);
  return rows.map((value, index): RawRow => {
    const line = lines[index] ?? 0;
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return { line, cells: {}, problem: { column: "", reason: "a row must be an object of column: value" } };
    const cells: Record<string, Cell> = {};
    for (const [rawKey, rawValue] of Object.entries(value)) {
      const column = normaliseColumnName(rawKey);
      if (!known.includes(column))
        return {
          line,
          cells,
          problem: { column: rawKey, reason: `unknown column for ${kind} (known: ${known.join(", ")})` },
        };
      const cell = toCell(rawValue);
      if (cell === undefined)
        return {
          line,
          cells,
          problem: { column, reason: "must be text, a number, true/false, null or a list of texts" },
        };
      if (cell !== null && cell !== "" && !(Array.isArray(cell) && cell.length === 0)) cells[column] = cell;
    }
    return { line, cells };
  });
}

export interface JsonRegisterFile {
  readonly kind: RegisterKind;
  readonly rows: readonly RawRow[];
  readonly sha256: string;
}

export async function readJsonRegister(path: string, name: string): Promise<JsonRegisterFile> {
  const bytes = await readFile(path);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const fail = (line: number, column: string, reason: string): never => {
    throw new RegisterFileError([{ file: name, line, column, reason }]);
  };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return fail(0, "", "the file is not UTF-8 text");
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    return fail(
      position === undefined ? 1 : lineAt(text, Number(position)),
      "",
      `not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return fail(1, "", 'expected an object: { "kind": "units", "rows": [ … ] }');
  const { kind, rows } = data as { kind?: unknown; rows?: unknown };
  if (!isRegisterKind(kind))
    return fail(
      1,
      "kind",
      `expected one of units, employees, posts, assignments, clients (got ${JSON.stringify(kind ?? null)})`,
    );
  const named = kindFromFileName(name);
  if (named !== undefined && named !== kind)
    return fail(1, "kind", `the file is named for ${named} but says "${kind}"`);
  if (!Array.isArray(rows)) return fail(1, "rows", "expected an array of row objects");
  return { kind, rows: jsonRows(name, kind, rows, rowLines(text)), sha256 };
}

export function jsonRegisterSource(name: string, file: JsonRegisterFile): RegisterSource {
  return {
    name,
    kind: file.kind,
    sha256: () => file.sha256,
    async *rows() {
      yield* file.rows;
    },
  };
}

// Policy files for `keypost policy import`: CSV (header row, columns in any order and case) or
// JSON (`{ "kind": "policies", "rows": [ {…}, … ] }`). Policy files are small, so they are read
// whole. Bytes that are not UTF-8 are refused as such, never echoed. Rows keep their line number.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import type { PolicyFileRow } from "../../ports/register-source.ts";
import type { RowError } from "../../ports/register-source.ts";
import { rowLines } from "../register-files/json-register-reader.ts";
import { CSV_OPTIONS } from "../register-files/csv-register-reader.ts";

export const NOT_UTF8_TEXT = 'not UTF-8 text: save it as "CSV UTF-8" (Excel) or convert it from GBK';

export interface PolicyFileRead {
  readonly rows: PolicyFileRow[];
  readonly errors: RowError[];
}

const column = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

interface Info {
  lines: number;
  empty_lines: number;
  comment_lines: number;
}

function csvRows(file: string, text: string): PolicyFileRead {
  let records: { record: string[]; info: Info }[];
  try {
    records = parse(text, CSV_OPTIONS) as unknown as { record: string[]; info: Info }[];
  } catch (error) {
    const e = error as { lines?: number; message: string; column?: number | string };
    return {
      rows: [],
      errors: [{ file, line: e.lines ?? 1, column: "", reason: `not readable as CSV: ${e.message}` }],
    };
  }
  const rows: PolicyFileRow[] = [];
  const errors: RowError[] = [];
  let header: string[] | undefined;
  let prev: Info = { lines: 0, empty_lines: 0, comment_lines: 0 };
  for (const { record, info } of records) {
    const line = prev.lines + 1 + (info.empty_lines - prev.empty_lines) + (info.comment_lines - prev.comment_lines);
    prev = { ...info };
    if (!header) {
      header = record.map(column);
      continue;
    }
    if (record.every((cell) => cell === "")) continue;
    const cells: Record<string, string> = {};
    record.forEach((value, i) => {
      const name = header![i];
      if (name === undefined || name === "") {
        if (value !== "") errors.push({ file, line, column: `#${i + 1}`, reason: "a cell without a column name" });
      } else if (value !== "") cells[name] = value;
    });
    rows.push({ line, cells });
  }
  if (!header)
    errors.push({ file, line: 1, column: "", reason: "the file is empty: the first row must be the header" });
  return { rows, errors };
}

function jsonRows(file: string, text: string, kind: string): PolicyFileRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      rows: [],
      errors: [{ file, line: 0, column: "", reason: `not readable as JSON: ${(error as Error).message}` }],
    };
  }
  const body = value as { kind?: unknown; rows?: unknown };
  if (typeof body !== "object" || body === null || body.kind !== kind || !Array.isArray(body.rows))
    return {
      rows: [],
      errors: [{ file, line: 1, column: "", reason: `expected { "kind": "${kind}", "rows": [ … ] }` }],
    };
  const lines = rowLines(text);
  const rows: PolicyFileRow[] = [];
  const errors: RowError[] = [];
  body.rows.forEach((item: unknown, index) => {
    const line = lines[index] ?? 0;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      errors.push({ file, line, column: "", reason: "a row must be an object of column: value" });
      return;
    }
    const cells: Record<string, string> = {};
    for (const [key, raw] of Object.entries(item)) {
      if (raw === null || raw === "") continue;
      if (typeof raw === "string") cells[column(key)] = raw.trim();
      else if (typeof raw === "number") cells[column(key)] = String(raw);
      else if (Array.isArray(raw) && raw.every((v) => typeof v === "number")) cells[column(key)] = raw.join(",");
      else errors.push({ file, line, column: key, reason: "must be text, a number or a list of numbers" });
    }
    rows.push({ line, cells });
  });
  return { rows, errors };
}

/** Reads a policy file; `name` is what error lines call it. */
export function readPolicyFile(path: string, name = path): Promise<PolicyFileRead> {
  return readTableFile(path, "policies", name);
}

/** Reads a small CSV file, or a JSON file `{ "kind": <kind>, "rows": [ … ] }`, into rows of text cells. */
export async function readTableFile(path: string, kind: string, name = path): Promise<PolicyFileRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return {
      rows: [],
      errors: [
        {
          file: name,
          line: 0,
          column: "",
          reason: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        },
      ],
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { rows: [], errors: [{ file: name, line: 0, column: "", reason: NOT_UTF8_TEXT }] };
  }
  if (text.includes("\u0000"))
    return { rows: [], errors: [{ file: name, line: 0, column: "", reason: NOT_UTF8_TEXT }] };
  const extension = extname(path).toLowerCase();
  if (extension === ".json") return jsonRows(name, text.replace(/^\uFEFF/, ""), kind);
  if (extension === ".csv") return csvRows(name, text);
  return { rows: [], errors: [{ file: name, line: 0, column: "", reason: `a ${kind} file ends in .csv or .json` }] };
}

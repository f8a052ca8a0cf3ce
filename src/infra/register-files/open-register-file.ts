// Recognises a register file: JSON files say their kind; a CSV file's kind comes from its name
// (`units.csv`, `2026-11.employees.csv` …) or, failing that, from its header row.
import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import { REGISTER_KINDS, kindFromFileName, kindFromHeader } from "../../ports/register-kinds.ts";
import { RegisterFileError, type RegisterSource, type RowError } from "../../ports/register-source.ts";
import { CsvRegisterSource } from "./csv-register-reader.ts";
import { jsonRegisterSource, readJsonRegister } from "./json-register-reader.ts";

const HEAD_BYTES = 64 * 1024;

async function headerOf(path: string): Promise<string[] | undefined> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const text = buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    const line = text.split(/\r?\n/).find((l) => l.trim() !== "" && !l.startsWith("#"));
    if (line === undefined) return undefined;
    const [record] = parse(line, { relax_quotes: true, relax_column_count: true, trim: true }) as string[][];
    return record;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * Opens one register file. `name` is what error lines show (the path as the user typed it).
 * Throws RegisterFileError when the file cannot be read or its kind cannot be told.
 */
export async function openRegisterFile(path: string, name: string = path): Promise<RegisterSource> {
  const fail = (reason: string): never => {
    throw new RegisterFileError([{ file: name, line: 0, column: "", reason }]);
  };
  const extension = extname(path).toLowerCase();
  try {
    if (!(await stat(path)).isFile()) return fail("is a directory, not a file");
    if (extension === ".json") return jsonRegisterSource(name, await readJsonRegister(path, name));
    if (extension !== ".csv") return fail("expected a .csv or .json register file");
    const kind = kindFromFileName(path) ?? kindFromHeader((await headerOf(path)) ?? []);
    if (kind === undefined) {
      return fail(
        `cannot tell which register this is: name it ${REGISTER_KINDS.map((k) => `${k}.csv`).join(", ")} (or *.units.csv …), or give it the header of one kind`,
      );
    }
    return new CsvRegisterSource(path, name, kind);
  } catch (error) {
    if (error instanceof RegisterFileError) throw error;
    const code = (error as { code?: string }).code;
    return fail(code === "ENOENT" ? "no such file" : `cannot read: ${(error as Error).message}`);
  }
}

/** Opens every file; the ones that fail are reported, the others returned, in the order given. */
export async function openRegisterFiles(
  paths: readonly string[],
): Promise<{ sources: RegisterSource[]; errors: RowError[] }> {
  const sources: RegisterSource[] = [];
  const errors: RowError[] = [];
  for (const path of paths) {
    try {
      sources.push(await openRegisterFile(path));
    } catch (error) {
      if (!(error instanceof RegisterFileError)) throw error;
      errors.push(...error.errors);
    }
  }
  return { sources, errors };
}

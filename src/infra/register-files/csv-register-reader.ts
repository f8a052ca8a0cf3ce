// CSV register files, streamed: the file is read in chunks, line by line (csv-lines.ts: csv-parse
// for any line with a quote), so a 100 000-row file never sits in memory whole; the import gets each
// piece read as one chunk of columns (RawChunk: no object per row). UTF-8 (a
// byte-order mark, as Excel writes it, is fine); the first row is the header (column names in any
// order, any case); blank lines and lines starting with # are skipped. Each row keeps the line
// number it starts on, for error messages.
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { CsvLineError, csvLineBatches, hasLoneCr, type NumberedRecord } from "./csv-lines.ts";
import { REGISTER_COLUMNS, columnNames, normaliseColumnName, type RegisterKind } from "../../ports/register-kinds.ts";
import {
  RegisterFileError,
  rowOfChunk,
  type RawChunk,
  type RawRow,
  type RegisterSource,
  type RowError,
} from "../../ports/register-source.ts";

const NOT_UTF8 = 'the file is not UTF-8 text: save it as "CSV UTF-8" (Excel) or convert it from GBK';

interface Info {
  lines: number;
  empty_lines: number;
  comment_lines: number;
}

export const CSV_OPTIONS = {
  bom: true,
  info: true,
  skip_empty_lines: true,
  relax_column_count: true,
  relax_quotes: false,
  comment: "#",
  comment_no_infix: true,
  trim: true,
} as const;

/** Header problems: unknown, repeated and missing columns; all reported at line `line`. */
export function checkHeader(file: string, kind: RegisterKind, header: readonly string[], line: number): RowError[] {
  const known = columnNames(kind);
  const errors: RowError[] = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = normaliseColumnName(raw);
    if (name === "") {
      // Spreadsheets leave nameless columns at the end: harmless. In the middle they hide data.
      if (!header.slice(index).every((h) => h.trim() === ""))
        errors.push({ file, line, column: `#${index + 1}`, reason: "a column without a name" });
    } else if (!known.includes(name)) {
      errors.push({
        file,
        line,
        column: raw.trim(),
        reason: `unknown column for ${kind} (known: ${known.join(", ")})`,
      });
    } else if (seen.has(name)) {
      errors.push({ file, line, column: name, reason: "the column appears twice" });
    }
    seen.add(name);
  });
  for (const c of REGISTER_COLUMNS[kind])
    if (c.required && !seen.has(c.name)) errors.push({ file, line, column: c.name, reason: "missing required column" });
  return errors;
}

export class CsvRegisterSource implements RegisterSource {
  #sha256: string | undefined;

  constructor(
    readonly path: string,
    readonly name: string,
    readonly kind: RegisterKind,
  ) {}

  sha256(): string {
    if (this.#sha256 === undefined) throw new Error(`${this.name} has not been read to the end`);
    return this.#sha256;
  }

  async *rows(): AsyncGenerator<RawRow> {
    for await (const chunk of this.chunks()) for (let i = 0; i < chunk.lines.length; i++) yield rowOfChunk(chunk, i);
  }

  /** The rows in column chunks, one per batch of records read (what the import reads). */
  async *chunks(): AsyncGenerator<RawChunk> {
    const hash = createHash("sha256");
    const batches = (await hasLoneCr(this.path))
      ? batched(this.#parsed(hash))
      : csvLineBatches(this.path, hash, { ...CSV_OPTIONS, bom: false, info: false });
    let header: string[] | undefined;
    let last = 0;
    try {
      for await (const batch of batches) {
        let from = 0;
        if (!header) {
          const { line, record } = batch[0]!;
          last = line;
          if (record.some((cell) => cell.includes("\uFFFD")))
            throw new RegisterFileError([{ file: this.name, line, column: "", reason: NOT_UTF8 }]);
          const errors = checkHeader(this.name, this.kind, record, line);
          if (errors.length > 0) throw new RegisterFileError(errors);
          header = record.map(normaliseColumnName);
          from = 1;
        }
        const { chunk, error } = toChunk(this.name, header, batch, from);
        if (chunk.lines.length > 0) {
          last = chunk.lines[chunk.lines.length - 1]!;
          yield chunk;
        }
        if (error) throw error;
      }
    } catch (error) {
      if (error instanceof RegisterFileError) throw error;
      const where = (error as { lines?: number }).lines ?? last + 1;
      throw new RegisterFileError(
        [{ file: this.name, line: where, column: "", reason: `not readable as CSV: ${(error as Error).message}` }],
        { cause: error },
      );
    }
    if (!header)
      throw new RegisterFileError([
        { file: this.name, line: 1, column: "", reason: "the file is empty: the first row must be the header" },
      ]);
    this.#sha256 = hash.digest("hex");
  }

  /** The whole file through csv-parse's streaming parser, with the line each record starts on. */
  async *#parsed(hash: Hash): AsyncGenerator<NumberedRecord> {
    const input = createReadStream(this.path);
    input.on("data", (chunk) => hash.update(chunk));
    const parser = input.pipe(parse(CSV_OPTIONS));
    input.on("error", (error) => parser.destroy(error));
    let prev: Info = { lines: 0, empty_lines: 0, comment_lines: 0 };
    let quotedCrlf = 0; // csv-parse counts a CRLF inside quotes as two lines: taken off again
    try {
      for await (const item of parser as AsyncIterable<{ record: string[]; info: Info }>) {
        const { record, info } = item;
        const line = prev.lines + 1 + (info.empty_lines - prev.empty_lines) + (info.comment_lines - prev.comment_lines);
        for (const cell of record) if (cell.includes("\r\n")) quotedCrlf += cell.split("\r\n").length - 1;
        prev = { lines: info.lines - quotedCrlf, empty_lines: info.empty_lines, comment_lines: info.comment_lines };
        yield { line, record };
      }
    } catch (error) {
      const where = (error as { lines?: number }).lines ?? prev.lines + 1;
      throw new CsvLineError((error as Error).message, where, { cause: error });
    } finally {
      input.destroy();
    }
  }
}

/** Records one by one, in batches of 1 000 (csv-parse's streaming reader gives them one at a time). */
async function* batched(records: AsyncIterable<NumberedRecord>): AsyncGenerator<NumberedRecord[]> {
  let batch: NumberedRecord[] = [];
  try {
    for await (const record of records) {
      batch.push(record);
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
  } finally {
    if (batch.length > 0) yield batch;
  }
}

/**
 * A batch of records (from index `from`), column by column. Rows of empty cells are skipped; a
 * record with more cells than named columns is kept with its problem. A record that is not UTF-8
 * ends the chunk: the rows before it are returned with the error to throw after them.
 */
function toChunk(
  file: string,
  header: readonly string[],
  batch: readonly NumberedRecord[],
  from: number,
): { chunk: RawChunk; error?: RegisterFileError } {
  const named = header.indexOf("") === -1 ? header.length : header.indexOf("");
  // Sized for the whole batch and cut to the rows kept at the end: grown by push, the columns were
  // copied at every doubling (a sixteenth of a 100 000-employee import's garbage, decision 13.s12i-4).
  const size = batch.length - from;
  const cells: (string | undefined)[][] = [];
  for (let c = 0; c < named; c++) cells.push(new Array<string | undefined>(size));
  const lines: number[] = [];
  let problems: Map<number, { column: string; reason: string }> | undefined;
  let error: RegisterFileError | undefined;
  for (let r = from; r < batch.length; r++) {
    const { line, record } = batch[r]!;
    let blank = true;
    let bad = false;
    for (let c = 0; c < record.length; c++) {
      const cell = record[c]!;
      if (cell !== "") blank = false;
      if (cell.includes("\uFFFD")) bad = true;
    }
    if (bad) {
      error = new RegisterFileError([{ file, line, column: "", reason: NOT_UTF8 }]);
      break;
    }
    if (blank) continue; // a row of empty cells (spreadsheets leave them)
    const index = lines.push(line) - 1;
    for (let c = 0; c < named; c++) {
      const value = record[c];
      cells[c]![index] = value === undefined || value === "" ? undefined : value;
    }
    for (let c = named; c < record.length; c++) {
      if (record[c] === "") continue;
      (problems ??= new Map()).set(index, {
        column: "",
        reason: `${record.length} cells, but the header names ${named} columns`,
      });
      break;
    }
  }
  const columns = new Map<string, readonly (string | undefined)[]>();
  for (let c = 0; c < named; c++) {
    cells[c]!.length = lines.length;
    columns.set(header[c]!, cells[c]!);
  }
  return { chunk: problems ? { lines, columns, problems } : { lines, columns }, error };
}

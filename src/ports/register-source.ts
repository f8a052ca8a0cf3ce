// What the importer reads, as the file readers hand it over, and how it reports problems:
// one line per problem, `file:row:column — reason`, where row is the line number in the file and
// column the column's name.
import type { RegisterKind } from "./register-kinds.ts";

/** One row of a policy or history file as read: cells by column name (lower case), blank cells left out. */
export interface PolicyFileRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** One cell: text, or (from JSON files) a list of texts. */
export type Cell = string | readonly string[];

/** One row of a register file, cells by normalised column name; blank cells are left out. */
export interface RawRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, Cell>>;
  /** A problem of the row's shape the reader found (too many cells, an unknown JSON key …). */
  readonly problem?: { readonly column: string; readonly reason: string };
}

/**
 * A run of consecutive rows of one register file, column by column: one array per column, one cell
 * per row (undefined where blank), and no object per row — the import's hot path reads these
 * (issue 13: a row object with its own cells was most of the reader's cost and garbage).
 */
export interface RawChunk {
  /** The line each row starts on. */
  readonly lines: readonly number[];
  /** Per normalised column name present in the file, the rows' cells. */
  readonly columns: ReadonlyMap<string, readonly (Cell | undefined)[]>;
  /** Rows (by index in the chunk) whose shape is wrong, with the reader's problem. */
  readonly problems?: ReadonlyMap<number, NonNullable<RawRow["problem"]>>;
}

/** Row `index` of a chunk as a RawRow (cells by name, blanks left out): for rows that need more than the fast checks. */
export function rowOfChunk(chunk: RawChunk, index: number): RawRow {
  const cells: Record<string, Cell> = {};
  for (const [name, column] of chunk.columns) {
    const value = column[index];
    if (value !== undefined) cells[name] = value;
  }
  const problem = chunk.problems?.get(index);
  return problem ? { line: chunk.lines[index]!, cells, problem } : { line: chunk.lines[index]!, cells };
}

/** Rows grouped into chunks of `size` (for sources that read rows one by one). */
export async function* chunksOfRows(rows: AsyncIterable<RawRow>, size = 1000): AsyncGenerator<RawChunk> {
  let batch: RawRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield chunkOfRows(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield chunkOfRows(batch);
}

/** The same rows, column by column. */
export function chunkOfRows(rows: readonly RawRow[]): RawChunk {
  const columns = new Map<string, (Cell | undefined)[]>();
  const problems = new Map<number, NonNullable<RawRow["problem"]>>();
  rows.forEach((row, index) => {
    for (const [name, value] of Object.entries(row.cells)) {
      let column = columns.get(name);
      if (!column) columns.set(name, (column = new Array<Cell | undefined>(rows.length).fill(undefined)));
      column[index] = value;
    }
    if (row.problem) problems.set(index, row.problem);
  });
  return { lines: rows.map((r) => r.line), columns, problems };
}

/** One register file, already recognised (kind known), read lazily. */
export interface RegisterSource {
  /** The name the user gave (shown in error lines). */
  readonly name: string;
  readonly kind: RegisterKind;
  /** Streams the rows; throws RegisterFileError for a problem that stops reading the file. */
  rows(): AsyncIterable<RawRow>;
  /**
   * The same rows in column chunks (what the import reads); throws as `rows` does. A source
   * without it is read through `rows` (chunksOfRows).
   */
  chunks?(): AsyncIterable<RawChunk>;
  /** sha256 (hex) of the file's bytes; known once rows() has been read to the end. */
  sha256(): string;
}

export interface RowError {
  readonly file: string;
  /** Line in the file; 0 when the problem is the file as a whole. */
  readonly line: number;
  /** Column name; "" when the problem is the row or the file as a whole. */
  readonly column: string;
  readonly reason: string;
}

export function formatRowError(e: RowError): string {
  if (e.line === 0) return `${e.file} — ${e.reason}`;
  return e.column === "" ? `${e.file}:${e.line} — ${e.reason}` : `${e.file}:${e.line}:${e.column} — ${e.reason}`;
}

/** A file that cannot be read as a register file at all (unreadable, not UTF-8, bad header …). */
export class RegisterFileError extends Error {
  override readonly name = "RegisterFileError";
  readonly code = "REGISTER_FILE_INVALID";
  constructor(
    readonly errors: readonly RowError[],
    options?: { cause?: unknown },
  ) {
    super(errors.map(formatRowError).join("\n"), options);
  }
}

/** Orders errors by file (in the order given), then line, keeping each file's order stable. */
export function sortRowErrors(errors: readonly RowError[], fileOrder: readonly string[]): RowError[] {
  const rank = new Map(fileOrder.map((f, i) => [f, i]));
  return [...errors].sort((a, b) => (rank.get(a.file) ?? 1e9) - (rank.get(b.file) ?? 1e9) || a.line - b.line);
}

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

/** One register file, already recognised (kind known), read lazily. */
export interface RegisterSource {
  /** The name the user gave (shown in error lines). */
  readonly name: string;
  readonly kind: RegisterKind;
  /** Streams the rows; throws RegisterFileError for a problem that stops reading the file. */
  rows(): AsyncIterable<RawRow>;
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

// What the import steps share: the repository of the one transaction, the errors found so far,
// the tallies per kind, the codes the files name but could not be written (so that rows referring
// to them do not repeat the same problem), and the unit tree after the units step.
import type { NewId } from "../../ports/ids.ts";
import type { BulkKind, RegisterRepository, UnitRecord } from "../../ports/register-repository.ts";
import { REGISTER_KINDS, type RegisterKind } from "../../ports/register-kinds.ts";
import type { RowOf } from "../../ports/register-rows.ts";
import { parseRowWithZod, type ParsedRow } from "./register-rows.ts";
import { COLUMN_ROW_CHECKS } from "./register-row-checks.ts";
import {
  RegisterFileError,
  chunksOfRows,
  rowOfChunk,
  type RawRow,
  type RegisterSource,
  type RowError,
} from "../../ports/register-source.ts";
import { FirstSeen } from "./first-seen.ts";
import { writeBehind } from "./write-behind.ts";

export const MAX_CHANGES_SHOWN = 5;
export const CHUNK_ROWS = 1000;
const PROGRESS_EVERY = 10_000;
const NOUNS: Record<RegisterKind, string> = {
  units: "unit",
  employees: "employee",
  posts: "post",
  assignments: "assignment",
  clients: "client",
};

export interface KindTally {
  created: number;
  updated: number;
  unchanged: number;
  /** The first few changes, e.g. "+ BR3 西城支行", "~ E0002 unit_code BR1 → BR2". */
  readonly changes: string[];
}

export type Progress = (kind: RegisterKind, rowsRead: number) => void;

/** A parsed row and where it came from. */
export interface Located<R> {
  readonly file: string;
  readonly line: number;
  readonly row: R;
}

export class ImportContext {
  readonly errors: RowError[] = [];
  readonly tallies = new Map<RegisterKind, KindTally>();
  /** Per kind, the keys the files name whose rows were not written. */
  readonly rejected = new Map<RegisterKind, Set<string>>(REGISTER_KINDS.map((k) => [k, new Set<string>()]));
  readonly #codes = new Map<RegisterKind, FirstSeen>();
  #units = new Map<string, UnitRecord>();
  #unitCodes: Map<string, string> | undefined;
  readonly #read = new Map<RegisterKind, number>();

  /** The repository, writing behind: a chunk's writes run while the next chunk is read. */
  readonly repo: RegisterRepository;
  /** Waits for every write queued so far (and fails if one failed). */
  readonly flush: () => Promise<void>;

  constructor(
    repo: RegisterRepository,
    readonly now: Date,
    readonly newId: NewId,
    private readonly progress?: Progress,
  ) {
    ({ repo: this.repo, flush: this.flush } = writeBehind(repo));
  }

  readonly #early = new Map<string, Promise<unknown>>();

  /**
   * Starts at once the reads of the later steps that no write of this import changes: whether a
   * kind's table is empty (no earlier step writes it) and the policy and checklist template codes
   * (written only before the import). Read when their step comes, they would wait behind every write
   * queued before them (on SQLite, the employees' index builds: ~0.2 s at 100 000 employees with
   * the importer idle); read first, they are answered before the first write (decision 13.s12i-1).
   */
  prefetch(kinds: readonly RegisterKind[]): void {
    for (const kind of kinds) if (kind !== "units") void this.isEmpty(kind);
    // A first load's bulk load reads its tables' catalog: read behind the writes before it, it held
    // the importer's write-behind queue (and so the importer) until the SQLite thread got there.
    const bulk = kinds.filter((k): k is BulkKind => k === "employees" || k === "posts" || k === "assignments");
    if (bulk.length > 0) void this.#once("bulk", () => this.repo.prepareBulkLoad(bulk));
    if (kinds.includes("posts")) {
      void this.policyIds();
      void this.checklistTemplateIds();
    }
  }

  #once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let answer = this.#early.get(key) as Promise<T> | undefined;
    if (!answer) {
      this.#early.set(key, (answer = read()));
      answer.catch(() => undefined); // a failure surfaces where the step awaits it
    }
    return answer;
  }

  /** No row of the kind existed before this import (read once; see prefetch). */
  isEmpty(kind: Exclude<RegisterKind, "units">): Promise<boolean> {
    return this.#once(`empty:${kind}`, () => this.repo.isEmpty(kind));
  }

  policyIds(): Promise<Map<string, string>> {
    return this.#once("policies", () => this.repo.policyIds());
  }

  checklistTemplateIds(): Promise<Map<string, string>> {
    return this.#once("templates", () => this.repo.checklistTemplateIds());
  }

  /** Every unit after the units step (database and files), by code. */
  get units(): ReadonlyMap<string, UnitRecord> {
    return this.#units;
  }

  set units(units: Map<string, UnitRecord>) {
    this.#units = units;
    this.#unitCodes = undefined;
  }

  unitCodeOf(unitId: string): string {
    this.#unitCodes ??= new Map([...this.#units.values()].map((u) => [u.id, u.code]));
    return this.#unitCodes.get(unitId) ?? unitId;
  }

  tally(kind: RegisterKind): KindTally {
    let t = this.tallies.get(kind);
    if (!t) this.tallies.set(kind, (t = { created: 0, updated: 0, unchanged: 0, changes: [] }));
    return t;
  }

  /** Whether a change of the kind would still be kept (the first MAX_CHANGES_SHOWN are). */
  shows(kind: RegisterKind): boolean {
    return this.tally(kind).changes.length < MAX_CHANGES_SHOWN;
  }

  /** Counts one row; `change` (text, or a function that makes it) is kept for the first few changes only. */
  count(kind: RegisterKind, outcome: "created" | "updated" | "unchanged", change?: string | (() => string)): void {
    const t = this.tally(kind);
    t[outcome] += 1;
    if (change !== undefined && t.changes.length < MAX_CHANGES_SHOWN)
      t.changes.push(typeof change === "string" ? change : change());
  }

  error(file: string, line: number, column: string, reason: string): void {
    this.errors.push({ file, line, column, reason });
  }

  reject(kind: RegisterKind, key: string): void {
    this.rejected.get(kind)!.add(key);
  }

  /** Reports a reference to a code that is nowhere, unless the files name it in a row that failed already. */
  unknown(
    target: RegisterKind,
    code: string,
    at: { file: string; line: number },
    column: string,
    reason: string,
  ): void {
    if (!this.rejected.get(target)!.has(code)) this.error(at.file, at.line, column, reason);
  }

  /** Where each code of a kind was first seen in the files (units, employees, posts, clients). */
  codes(kind: RegisterKind): FirstSeen {
    let seen = this.#codes.get(kind);
    if (!seen) this.#codes.set(kind, (seen = new FirstSeen()));
    return seen;
  }

  /**
   * Streams a source in chunks of parsed rows. With `byCode`, a code met again is reported as a
   * duplicate (pointing at the first) and its row dropped — also when the first row failed, so
   * the problem is seen at once. Rows that do not parse are reported and their code rejected; a
   * file that cannot be read further is reported and ends there.
   */
  async *parsedChunks<K extends RegisterKind>(
    source: RegisterSource,
    kind: K,
    byCode: boolean,
  ): AsyncGenerator<Located<RowOf[K]>[]> {
    let chunk: Located<RowOf[K]>[] = [];
    const file = source.name;
    try {
      for await (const raw of source.chunks ? source.chunks() : chunksOfRows(source.rows())) {
        // The kind's compiled checks read the chunk's columns; a row they doubt goes to zod (parseRow).
        const check = COLUMN_ROW_CHECKS[kind]?.(raw.columns);
        const codes = byCode ? raw.columns.get("code") : undefined;
        // One place for the row being read (FirstSeen keeps its file and line, not the object): a
        // valid row makes one object, its Located, and no wrapper on the way (decision 13.s12i-4).
        const at = { file, line: 0 };
        for (let i = 0; i < raw.lines.length; i++) {
          this.#tick(kind);
          const line = raw.lines[i]!;
          at.line = line;
          const cell = codes?.[i];
          const code = typeof cell === "string" ? cell : undefined;
          const first = code === undefined ? undefined : this.codes(kind).check(code, at);
          if (first !== undefined) {
            this.error(file, line, "code", `duplicate ${NOUNS[kind]} code "${code}" (first on ${first})`);
            continue;
          }
          const problem = raw.problems?.get(i);
          const row = problem ? undefined : check?.(i);
          if (row !== undefined) chunk.push({ file, line, row });
          else {
            const parsed: ParsedRow<K> = problem
              ? { ok: false, errors: [{ file, line, ...problem }] }
              : parseRowWithZod(kind, file, rowOfChunk(raw, i));
            if (parsed.ok) chunk.push({ file, line, row: parsed.row });
            else {
              this.errors.push(...parsed.errors);
              if (code !== undefined) this.reject(kind, code);
            }
          }
          if (chunk.length >= CHUNK_ROWS) {
            yield chunk;
            chunk = [];
          }
        }
      }
    } catch (error) {
      if (!(error instanceof RegisterFileError)) throw error;
      this.errors.push(...error.errors);
    }
    if (chunk.length > 0) yield chunk;
  }

  #tick(kind: RegisterKind): void {
    const n = (this.#read.get(kind) ?? 0) + 1;
    this.#read.set(kind, n);
    if (this.progress && n % PROGRESS_EVERY === 0) this.progress(kind, n);
  }
}

/** The cell of a raw row as a single text, for keys of rows that failed to parse. */
export function cellText(raw: RawRow, column: string): string | undefined {
  const v = raw.cells[column];
  return typeof v === "string" ? v : undefined;
}

/** "name 张三 → 张三丰" pieces for a change line; undefined when equal. */
export function changed(column: string, before: unknown, after: unknown): string | undefined {
  const show = (v: unknown) =>
    v === null || v === undefined || v === "" ? "(empty)" : Array.isArray(v) ? v.join(";") || "(empty)" : String(v);
  const a = show(before);
  const b = show(after);
  return a === b ? undefined : `${column} ${a} → ${b}`;
}

export function changeLine(code: string, parts: readonly (string | undefined)[]): string {
  return `~ ${code} ${parts.filter((p) => p !== undefined).join("; ")}`;
}

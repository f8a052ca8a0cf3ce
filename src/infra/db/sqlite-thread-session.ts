// The register import's SQLite transaction on a connection in a thread of its own (decision
// 13.s11i-1). better-sqlite3 runs every statement in the calling thread, so on the main thread the
// import's SQL (about half of a first import's CPU) and its JavaScript (reading, checking, diffing
// the files) ran one after the other, and the write-behind (write-behind.ts) overlapped nothing.
// Here the connection lives in a worker thread: a statement is posted (its values copied by the
// structured clone) and the main thread goes on with the next chunk while the worker writes the
// last one — two cores instead of one, as the PostgreSQL server already gives. Statements run in
// the order they were posted, on one connection, in one transaction (BEGIN IMMEDIATE … COMMIT or
// ROLLBACK), so nothing changes in what is written or when it commits. A failed statement's error
// comes back with its message and SQLite's code. The worker is plain JavaScript evaluated from
// this file (no separate file to build or load), and it loads the driver the main thread resolves.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { positional } from "./raw-sql.ts";
import { sqliteValue, type SqlSession } from "./sql-session.ts";

/**
 * The worker: one connection, statements run in arrival order. A statement's text crosses once, with
 * the number it is known by from then on (ThreadSqlite.#keys); it is prepared once and kept.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.timeout });
const texts = new Map();
const prepared = new Map();
// When each message's statements began and ended (ms since the epoch), for the bench's timeline.
const spans = workerData.trace ? [] : undefined;
const ops = workerData.trace ? {} : undefined;
// This thread's CPU seconds (Linux; undefined elsewhere), answered on close for the bench.
function threadCpu() {
  try {
    const stat = require("node:fs").readFileSync("/proc/thread-self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
    return (f[11] + f[12]) / 100;
  } catch {
    return undefined;
  }
}
// A packed list of values (see pack): the texts joined, each value's length (-1 null, -2 a number).
function unpack([text, lengths, numbers]) {
  const values = new Array(lengths.length);
  for (let k = 0, at = 0, n = 0; k < lengths.length; k++) {
    const length = lengths[k];
    if (length >= 0) values[k] = text.slice(at, (at += length));
    else values[k] = length === -1 ? null : numbers[n++];
  }
  return values;
}
// One message is a list of statements, run in order; one answer: their results, or the results
// before the one that failed and its error (the rest are not run).
// A BEGIN that failed (another writer held the database past the busy timeout): the statements
// already posted behind it must not run outside a transaction, so every one is refused with its error.
// So is every statement behind any other refused one (decision 13.s13i-1): writes are handed over
// without waiting for their answers, and a COMMIT queued behind a refusal must not keep the rest.
let refused;
parentPort.on("message", ({ id, items }) => {
  const results = [];
  const began = spans && performance.timeOrigin + performance.now();
  for (const m of items) {
    const t0 = ops && performance.now();
    if (m.key !== undefined && m.sql !== undefined) texts.set(m.key, m.sql);
    try {
      let result = 0;
      if (refused && m.op !== "rollback" && m.op !== "close") throw refused;
      if (m.op === "begin") db.exec(m.sql);
      else if (m.op === "exec") db.exec(m.sql);
      else if (m.op === "rollback") { if (db.inTransaction) db.exec("ROLLBACK"); }
      else if (m.op === "close") {
        db.close();
        result = { cpu: threadCpu(), spans, ops };
      } else {
        let s = prepared.get(m.key);
        if (!s) { s = db.prepare(texts.get(m.key)); prepared.set(m.key, s); }
        const values = m.packed ? unpack(m.packed) : m.values;
        result = m.op === "all" ? s.all(values) : (m.named ? s.run(values, m.named) : s.run(values)).changes;
      }
      results.push(result);
      if (ops) { const label = m.op + " " + (m.key !== undefined ? texts.get(m.key) : m.sql).slice(0, 40); ops[label] = (ops[label] || 0) + performance.now() - t0; }
    } catch (e) {
      if (m.op !== "rollback" && m.op !== "close") refused ??= e;
      parentPort.postMessage({ id, results, error: { message: String(e && e.message), code: e && e.code, name: e && e.name } });
      return;
    }
  }
  if (spans) spans.push(began, performance.timeOrigin + performance.now());
  parentPort.postMessage({ id, results });
});
`;

type Op = "begin" | "exec" | "all" | "run" | "rollback" | "close";

interface Waiting {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Item {
  readonly op: Op;
  /** The text: of BEGIN, COMMIT and the like always; of a prepared statement only the first time. */
  readonly sql?: string;
  /** A prepared statement's number (`ThreadSqlite.#keys`). */
  readonly key?: number;
  readonly values?: readonly unknown[];
  readonly packed?: Packed;
  /** Values of the statement's named parameters (`@at`: one stamp for every row of an INSERT). */
  readonly named?: Readonly<Record<string, unknown>>;
}

interface Answer {
  readonly id: number;
  readonly results: unknown[];
  readonly error?: { message: string; code?: string; name?: string };
}

/**
 * A SqlSession whose statements run on the worker's connection, in the order they are called. The
 * statements of one synchronous stretch (a batch's inserts) leave together, as one message, when
 * this thread next turns to its microtasks: a message and its answer cost both threads a wake-up.
 */
export class ThreadSqlite implements SqlSession {
  /** Statements run in call order, and none runs after a refused one (see the worker): see SqlSession. */
  readonly ordered = true;
  #next = 0;
  /** Per message posted, the callers of its statements, in order. */
  readonly #waiting = new Map<number, Waiting[]>();
  #items: Item[] = [];
  #callers: Waiting[] = [];
  /** The lists of lengths of this stretch's packed values, moved to the worker rather than copied. */
  #moved: ArrayBuffer[] = [];
  /**
   * Each prepared statement's number: its text (~5 KB for a 128-row INSERT) crosses to the worker
   * once, then only the number (decision 13.s13i-2).
   */
  readonly #keys = new Map<string, number>();
  /** `$n` texts turned into `?` texts with their argument order, once per text. */
  readonly #texts = new Map<string, [string, number[]]>();
  #failed: Error | undefined;

  constructor(private readonly worker: Worker) {
    worker.on("message", ({ id, results, error }: Answer) => {
      const callers = this.#waiting.get(id) ?? [];
      this.#waiting.delete(id);
      results.forEach((result, k) => callers[k]!.resolve(result));
      if (!error) return;
      const failed = Object.assign(new Error(error.message), { code: error.code, name: error.name });
      for (const caller of callers.slice(results.length)) caller.reject(failed);
    });
    const fail = (error: Error) => {
      this.#failed = error;
      for (const callers of this.#waiting.values()) for (const caller of callers) caller.reject(error);
      this.#waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", () => fail(new Error("the SQLite import thread stopped")));
  }

  /** Queues a statement (its values are copied or packed at once) to leave with this stretch's others. */
  send(op: Op, sql: string, values?: readonly unknown[], named?: Readonly<Record<string, unknown>>): Promise<unknown> {
    if (this.#failed) return Promise.reject(this.#failed);
    const packed = values && values.length > 16 ? pack(values) : undefined;
    let item: Item;
    if (op === "run" || op === "all") {
      let key = this.#keys.get(sql);
      const first = key === undefined;
      if (first) this.#keys.set(sql, (key = this.#keys.size));
      const text = first ? sql : undefined;
      item = packed ? { op, key, sql: text, packed, named } : { op, key, sql: text, values, named };
    } else item = { op, sql };
    if (packed) this.#moved.push(packed[1].buffer as ArrayBuffer);
    return new Promise((resolve, reject) => {
      if (this.#items.length === 0) queueMicrotask(() => this.#post());
      this.#items.push(item);
      this.#callers.push({ resolve, reject });
    });
  }

  #post(): void {
    const id = this.#next++;
    this.#waiting.set(id, this.#callers);
    const items = this.#items;
    const moved = this.#moved;
    this.#items = [];
    this.#callers = [];
    this.#moved = [];
    this.worker.postMessage({ id, items }, moved);
  }

  #ordered(sql: string, args: readonly unknown[]): [string, unknown[]] {
    let text = this.#texts.get(sql);
    if (!text) this.#texts.set(sql, (text = positional(sql)));
    const [statement, order] = text;
    const values = new Array<unknown>(order.length);
    for (let k = 0; k < order.length; k++) {
      const value = args[order[k]!];
      values[k] = typeof value === "string" || value === null ? value : sqliteValue(value);
    }
    return [statement, values];
  }

  rows<T>(sql: string, ...args: unknown[]): Promise<T[]> {
    const [text, values] = this.#ordered(sql, args);
    return this.send("all", text, values) as Promise<T[]>;
  }

  run(sql: string, ...args: unknown[]): Promise<number> {
    const [text, values] = this.#ordered(sql, args);
    return this.send("run", text, values) as Promise<number>;
  }

  runPositional(sql: string, values: readonly unknown[], named?: Readonly<Record<string, unknown>>): Promise<number> {
    return this.send("run", sql, values, named) as Promise<number>;
  }

  async queue(sql: string, ...args: unknown[]): Promise<void> {
    await this.run(sql, ...args);
  }
}

/**
 * A long list of values as one text and two typed arrays, or undefined when a value is neither text,
 * null nor a number. Copying ~1 000 separate strings to the worker cost the main thread more than
 * building the rows (the structured clone writes and reads each); one joined text is one copy.
 */
type Packed = [string, Int32Array, number[]];

function pack(values: readonly unknown[]): Packed | undefined {
  const lengths = new Int32Array(values.length);
  let numbers: number[] | undefined;
  for (let k = 0; k < values.length; k++) {
    const value = values[k];
    if (typeof value === "string") lengths[k] = value.length;
    else if (value === null || value === undefined) lengths[k] = -1;
    else if (typeof value === "number") {
      lengths[k] = -2;
      (numbers ??= []).push(value);
    } else return undefined;
  }
  // join writes null and undefined as "" (length -1 above); a number would write its digits, so a
  // list with numbers joins only its texts. Most lists (a first import's rows) have none: no copy of
  // the list is made.
  const text = numbers ? values.filter((v) => typeof v === "string").join("") : values.join("");
  return [text, lengths, numbers ?? NO_NUMBERS];
}

const NO_NUMBERS: number[] = [];

let lastThreadCpu: number | undefined;
let lastSpans: number[] | undefined;
let lastOps: Record<string, number> | undefined;
let tracing = false;

/** The CPU seconds of the last such transaction's thread, when the system tells (bench:import prints it). */
export function lastSqliteThreadCpu(): number | undefined {
  return lastThreadCpu;
}

/**
 * For the bench's timeline: from now on the thread notes when it worked on each message (ms since
 * the epoch, begin and end pairs) and the milliseconds spent on each statement text (its first 40
 * characters); `lastSqliteThreadSpans` and `lastSqliteThreadOps` hand the last transaction's.
 */
export function traceSqliteThread(on: boolean): void {
  tracing = on;
}

export function lastSqliteThreadSpans(): readonly number[] | undefined {
  return lastSpans;
}

export function lastSqliteThreadOps(): Readonly<Record<string, number>> | undefined {
  return lastOps;
}

/** `work` in one transaction on a connection to `path` opened in a thread of its own, closed after. */
export async function inSqliteThreadTransaction<T>(
  path: string,
  busyTimeoutMs: number,
  work: (sql: SqlSession) => Promise<T>,
): Promise<T> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  // Its garbage is short-lived (each statement's values): a small young generation keeps the thread's
  // memory low (decision 13.s11i-2: V8's default let it take ~20 MB more at 400 000 employees).
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { driver, path, timeout: busyTimeoutMs, trace: tracing },
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
  const sql = new ThreadSqlite(worker);
  try {
    // Not awaited: the work reads its first file while the thread starts and takes the write lock
    // (~50 ms); its statements queue behind BEGIN, and the worker refuses them all if BEGIN failed.
    const begun = sql.send("begin", "BEGIN IMMEDIATE");
    begun.catch(() => undefined);
    let result: T;
    try {
      result = await work(sql);
    } catch (error) {
      await begun; // BEGIN's own failure is the cause to report
      await sql.send("rollback", "").catch(() => undefined);
      throw error;
    }
    await begun;
    try {
      await sql.send("exec", "COMMIT");
    } catch (error) {
      // A write handed over unawaited was refused: COMMIT was refused behind it (see the worker).
      await sql.send("rollback", "").catch(() => undefined);
      throw error;
    }
    return result;
  } finally {
    const closed = (await sql.send("close", "").catch(() => undefined)) as
      { cpu?: number; spans?: number[]; ops?: Record<string, number> } | undefined;
    lastThreadCpu = closed?.cpu;
    lastSpans = closed?.spans;
    lastOps = closed?.ops;
    await worker.terminate();
  }
}

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

/** The worker: one connection, statements prepared once by their text, run in arrival order. */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.timeout });
const prepared = new Map();
parentPort.on("message", (m) => {
  try {
    let result = 0;
    if (m.op === "exec") db.exec(m.sql);
    else if (m.op === "rollback") { if (db.inTransaction) db.exec("ROLLBACK"); }
    else if (m.op === "close") db.close();
    else {
      let s = prepared.get(m.sql);
      if (!s) { s = db.prepare(m.sql); prepared.set(m.sql, s); }
      result = m.op === "all" ? s.all(m.values) : s.run(m.values).changes;
    }
    parentPort.postMessage({ id: m.id, result });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: { message: String(e && e.message), code: e && e.code, name: e && e.name } });
  }
});
`;

type Op = "exec" | "all" | "run" | "rollback" | "close";

interface Waiting {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** A SqlSession whose statements run on the worker's connection, in the order they are called. */
export class ThreadSqlite implements SqlSession {
  #next = 0;
  readonly #waiting = new Map<number, Waiting>();
  /** `$n` texts turned into `?` texts with their argument order, once per text. */
  readonly #texts = new Map<string, [string, number[]]>();
  #failed: Error | undefined;

  constructor(private readonly worker: Worker) {
    worker.on(
      "message",
      (m: { id: number; result?: unknown; error?: { message: string; code?: string; name?: string } }) => {
        const waiting = this.#waiting.get(m.id);
        this.#waiting.delete(m.id);
        if (!waiting) return;
        if (m.error)
          waiting.reject(Object.assign(new Error(m.error.message), { code: m.error.code, name: m.error.name }));
        else waiting.resolve(m.result);
      },
    );
    const fail = (error: Error) => {
      this.#failed = error;
      for (const waiting of this.#waiting.values()) waiting.reject(error);
      this.#waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", () => fail(new Error("the SQLite import thread stopped")));
  }

  /** Posts a statement now (its values are copied at once) and resolves with the worker's answer. */
  send(op: Op, sql: string, values?: readonly unknown[]): Promise<unknown> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, sql, values });
    });
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

  runPositional(sql: string, values: readonly unknown[]): Promise<number> {
    return this.send("run", sql, values) as Promise<number>;
  }

  async queue(sql: string, ...args: unknown[]): Promise<void> {
    await this.run(sql, ...args);
  }
}

/** `work` in one transaction on a connection to `path` opened in a thread of its own, closed after. */
export async function inSqliteThreadTransaction<T>(
  path: string,
  busyTimeoutMs: number,
  work: (sql: SqlSession) => Promise<T>,
): Promise<T> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, path, timeout: busyTimeoutMs } });
  const sql = new ThreadSqlite(worker);
  try {
    await sql.send("exec", "BEGIN IMMEDIATE");
    let result: T;
    try {
      result = await work(sql);
    } catch (error) {
      await sql.send("rollback", "").catch(() => undefined);
      throw error;
    }
    await sql.send("exec", "COMMIT");
    return result;
  } finally {
    await sql.send("close", "").catch(() => undefined);
    await worker.terminate();
  }
}

// Group commit: units of work that arrive together share one database transaction, each inside its
// own savepoint. A unit that fails is rolled back to its savepoint alone and rejects with its own
// error; the others are committed together, and each caller gets its own result only once that
// commit has happened (a failed commit rejects every unit of the group with the commit's error).
//
// Why: a button press is a dozen statements of ~10 µs, but opening and committing an interactive
// transaction costs Prisma ~100 µs of CPU and the commit one fsync. Under a burst (200 people
// pressing at once) those per-transaction costs dominate; grouped, they are paid once per group.
// Alone, a unit of work waits only for the current group (if any) to finish. One group runs at a
// time by default: right for SQLite (one writer anyway); on PostgreSQL, whose pool runs
// transactions side by side, the service keeps one transaction per unit (main.ts).
//
// Savepoint names are the unit's place in its group; a unit never sees another group's
// uncommitted work, and within a group units run one after another (as they would one transaction
// after another). A unit of work must not start another one (it would wait for its own group):
// that is refused at once with NESTED_UNIT_OF_WORK rather than left to hang.
import { AsyncLocalStorage } from "node:async_hooks";
import type { TxPorts, UnitOfWork } from "../../ports/unit-of-work.ts";
import type { Database, Tx } from "./database.ts";
import { portsOutsideTransaction, unitPorts } from "./prisma-unit-of-work.ts";
import type { SqlSession } from "./sql-session.ts";

interface Pending {
  readonly work: (tx: TxPorts) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Result = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export interface GroupCommitOptions {
  /** Units in one transaction at most. */
  readonly maxGroup?: number;
  /** Groups in flight at once (default 1: on SQLite there is one writer anyway). */
  readonly parallel?: number;
}

export class NestedUnitOfWorkError extends Error {
  readonly code = "NESTED_UNIT_OF_WORK";
  constructor() {
    super("a unit of work was started inside another one; pass the transaction's ports down instead");
    this.name = "NestedUnitOfWorkError";
  }
}

export class GroupCommitUnitOfWork implements UnitOfWork {
  readonly #queue: Pending[] = [];
  /** Set while a group's units run; async work they leave behind (a timer, a kick) outlives it. */
  readonly #inside = new AsyncLocalStorage<{ active: boolean }>();
  readonly #maxGroup: number;
  readonly #parallel: number;
  #running = 0;
  #scheduled = false;
  #groups = 0;
  #unitCount = 0;

  constructor(
    private readonly db: Database,
    options: GroupCommitOptions = {},
  ) {
    this.#maxGroup = options.maxGroup ?? 64;
    this.#parallel = options.parallel ?? 1;
  }

  run<T>(work: (tx: TxPorts) => Promise<T>): Promise<T> {
    if (this.#inside.getStore()?.active) return Promise.reject(new NestedUnitOfWorkError());
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  /** Transactions committed or attempted, and the units they carried (for logs and tests). */
  stats(): { readonly groups: number; readonly units: number } {
    return { groups: this.#groups, units: this.#unitCount };
  }

  read<T>(work: (tx: TxPorts) => Promise<T>): Promise<T> {
    return work(portsOutsideTransaction(this.db));
  }

  /**
   * A group starts on the next turn of the event loop, not at once: the requests whose bytes have
   * already arrived are read first, so a burst lands in one group instead of one group each.
   */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#running < this.#parallel && this.#queue.length > 0) {
      const group = this.#queue.splice(0, this.#maxGroup);
      this.#groups++;
      this.#unitCount += group.length;
      this.#running++;
      void this.#commit(group).finally(() => {
        this.#running--;
        this.#schedule();
      });
    }
  }

  async #commit(group: readonly Pending[]): Promise<void> {
    let results: Result[] = [];
    try {
      await this.db.transaction(async (tx, sql) => {
        const inside = { active: true };
        try {
          results = await this.#inside.run(inside, () => this.#units(tx, sql, group));
        } finally {
          inside.active = false;
        }
      });
    } catch (error) {
      // The commit (or the transaction itself) failed: nothing of the group was written.
      for (const [i, pending] of group.entries()) {
        const own = results[i];
        pending.reject(own && !own.ok ? own.error : error);
      }
      return;
    }
    for (const [i, pending] of group.entries()) {
      const own = results[i]!;
      if (own.ok) pending.resolve(own.value);
      else pending.reject(own.error);
    }
  }

  async #units(tx: Tx, sql: SqlSession, group: readonly Pending[]): Promise<Result[]> {
    const results: Result[] = [];
    for (const [i, pending] of group.entries()) {
      // Fresh ports per unit: nothing a repository keeps can leak from one unit to the next.
      const unit = unitPorts(tx, this.db.provider, sql, this.db.fields);
      const savepoint = `kp_unit_${i}`;
      await sql.run(`SAVEPOINT ${savepoint}`);
      try {
        const value = await pending.work(unit.ports);
        await unit.finish();
        await sql.run(`RELEASE SAVEPOINT ${savepoint}`);
        results.push({ ok: true, value });
      } catch (error) {
        await sql.run(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        await sql.run(`RELEASE SAVEPOINT ${savepoint}`);
        results.push({ ok: false, error });
      }
    }
    return results;
  }
}

// A PostgreSQL unit of work's transaction, owned by Keypost on a client of its own pool
// (tracking-pool.ts) instead of Prisma's interactive transaction (decision 13.s8p-2).
//
// Why: a press's statements are hand-written (src/infra/db/sql/); around them Prisma's interactive
// transaction cost BEGIN and COMMIT as round trips of their own, its transaction manager's CPU, and
// event-loop turns between the audit-log append (which locks the head row every writer waits for)
// and the COMMIT that releases it. Here BEGIN is sent with the first statement (the pool's clients
// pipeline, pg's documented `pipeline: true`: both leave in one go and are answered together), and
// COMMIT right after the last statement's answer, in the same turn. A write whose answer nobody
// reads (`SqlSession.queue`: a notice's acknowledgement, the audit-log append) does not wait for it:
// COMMIT leaves right behind it and the unit checks the answers then (decision 13.s9p-1). A refused
// statement aborts the transaction, so the server answers that COMMIT with a rollback; the unit
// throws the refusal. The named statements of one turn (BEGIN, COMMIT and the press's, once prepared
// on the client) go as one batch with a single Sync (pg-batch.ts, decision 13.s14p-1): the server
// answers a round trip in one send instead of one per statement. COMMIT goes in a batch of its own,
// so it is never skipped behind a refused statement, and the client returns to the pool as soon as
// COMMIT is sent (decision 13.s15-2).
//
// Prisma still runs the use cases' model statements, in this same transaction: the `tx` handed to
// the repositories is a stand-in that opens Prisma's interactive transaction on its first use, on
// this very client (the pool lends it: Prisma's adapter takes its transaction's client from the
// pool it was given, its documented way of bringing one's own pool). The lent client answers
// Prisma's own BEGIN, COMMIT and ROLLBACK itself (the transaction is already open, and only this
// unit ends it) and passes every other statement on. A unit that never touches a Prisma model —
// a press — never pays for it. test/infra/pg-transaction.test.ts proves both kinds roll back and
// commit together, and fails if a Prisma upgrade starts its transactions some other way.
import type pg from "pg";
import type { Prisma, Tx } from "./database.ts";
import { DirectPg, type Pipeline, type SqlSession } from "./sql-session.ts";
import type { TrackingPool } from "./tracking-pool.ts";
import { CorkedClient } from "./corked-client.ts";
import { batchable, knownParsed, noteParsed, PgBatch, RESULT_TYPE_CHANGED } from "./pg-batch.ts";
import { BEGIN_TRANSACTION } from "./sql/begin-transaction.sql.ts";
import { COMMIT_TRANSACTION } from "./sql/commit-transaction.sql.ts";
import { statementName } from "./sql/named-statement.ts";

type QueryConfig = string | { text?: string };

/** What pg answers for a statement that changes nothing: what Prisma's adapter reads of it. */
const NOTHING = { command: "", rowCount: 0, rows: [], fields: [], oid: 0 };

/** Prisma's transaction control, which the lent client answers itself. */
const CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK)\s*;?\s*$/i;

const textOf = (config: QueryConfig): string => (typeof config === "string" ? config : (config.text ?? ""));

/** A named fixed statement with no values, as pg takes it. */
const fixed = (text: string): pg.QueryConfig => ({ name: statementName(text)!, text });
const BEGIN = fixed(BEGIN_TRANSACTION);
const COMMIT = fixed(COMMIT_TRANSACTION);

export interface PgTransactionOptions {
  /** How long Prisma's part may stay open (its interactive transaction's timeout). */
  readonly timeoutMs: number;
}

/** Runs `work` in one transaction on one client of `pool`, committed when it resolves, rolled back when it throws. */
export async function inPgTransaction<T>(
  pool: TrackingPool,
  prisma: Prisma,
  options: PgTransactionOptions,
  work: (tx: Tx, sql: SqlSession) => Promise<T>,
): Promise<T> {
  const client = await pool.connectOwn();
  const unit = new PgUnit(client, pool, prisma, options);
  // A held client whose server goes away emits 'error' (the pool listens only to idle ones); unheard,
  // that would end the process. The statement in flight fails as well, and that is what the unit
  // answers with; the client is then destroyed, not pooled again.
  client.on("error", unit.onClientError);
  let result: T;
  try {
    result = await work(unit.tx, unit.sql);
    await unit.endPrisma();
  } catch (error) {
    await unit.endPrisma(error);
    await unit.rollback();
    // A queued write refused by the server makes every later statement fail with "current transaction
    // is aborted" (25P02): the first refusal is the one worth reporting.
    throw (error as { code?: unknown }).code === "25P02" ? ((await unit.firstFailure()) ?? error) : error;
  }
  await unit.commit();
  return result;
}

class PgUnit {
  #begun = false;
  #broken: unknown;
  /** This turn's batch of prepared statements, not sent yet. */
  #batch: PgBatch | undefined;
  /** Prisma's interactive transaction on this client, opened on first use. */
  #prismaTx?: Promise<Tx>;
  #prismaDone?: Promise<unknown>;
  #endPrismaWork?: (error?: unknown) => void;
  /** Answers left for COMMIT (`Pipeline.atCommit`), each settled: its failure, or undefined. */
  readonly #atCommit: Promise<unknown>[] = [];
  readonly sql: SqlSession;
  readonly tx: Tx;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly pool: TrackingPool,
    private readonly prisma: Prisma,
    private readonly options: PgTransactionOptions,
  ) {
    const pipeline: Pipeline = {
      atCommit: (answer) =>
        void this.#atCommit.push(
          answer.then(
            () => undefined,
            (error: unknown) => error ?? new Error("a queued statement failed"),
          ),
        ),
      facts: pool.facts,
    };
    this.sql = new DirectPg(
      { query: ((config: pg.QueryConfig) => this.#send(config)) as pg.ClientBase["query"] },
      pipeline,
    );
    this.tx = lazyTx(() => this.#openPrisma());
  }

  /**
   * The statements of this turn leave in one write (corked-client.ts); a client of another kind sends
   * each. `beforeUncork` runs at the end of the turn, before they leave.
   */
  #cork(beforeUncork?: () => void): void {
    if (this.client instanceof CorkedClient) this.client.corkForThisTurn(beforeUncork);
    else if (beforeUncork) process.nextTick(beforeUncork);
  }

  /** Sends a statement; the first is preceded by BEGIN, pipelined with it. */
  #send(config: pg.QueryConfig | string): Promise<pg.QueryResult> {
    if (this.#begun) return this.#track(this.#statement(config));
    this.#begun = true;
    const begin = this.#statement(BEGIN);
    const first = this.#statement(config);
    return this.#track(Promise.all([begin, first]).then(([, answer]) => answer));
  }

  /**
   * A named statement this client has prepared, that a batch can take (`batchable`), joins this
   * turn's batch (pg-batch.ts: one Sync, so the server answers the turn's statements in one send);
   * anything else is pg's own query, sent after the batch so far, so the statements keep the order
   * they were asked for in.
   */
  #statement(config: pg.QueryConfig | string): Promise<pg.QueryResult> {
    const name = typeof config === "string" ? undefined : config.name;
    const query = config as pg.QueryConfig & { rowMode?: string };
    if (name !== undefined && knownParsed(this.client, name) && batchable(query)) {
      if (!this.#batch) {
        const batch = (this.#batch = new PgBatch());
        this.#cork(() => {
          if (this.#batch === batch) this.#submitBatch();
        });
      }
      return this.#batch.add({ name, text: query.text, values: query.values ?? [], types: query.types });
    }
    this.#cork();
    this.#submitBatch();
    const answer = this.client.query(config as pg.QueryConfig);
    if (name !== undefined)
      answer.then(
        () => noteParsed(this.client, name),
        () => undefined,
      );
    return answer;
  }

  /** Sends the batch gathered so far, if any. */
  #submitBatch(): void {
    const batch = this.#batch;
    if (!batch) return;
    this.#batch = undefined;
    this.client.query(batch);
  }

  readonly onClientError = (error: unknown): void => {
    this.#broken ??= error;
  };

  /**
   * A connection error leaves the client unusable: remembered, so it is destroyed, not pooled. So
   * does a prepared statement whose result type a migration changed (0A000): pg would never parse it
   * again on this connection, and the batch's kept columns (pg-batch.ts) no longer hold; a new
   * connection prepares and describes every statement afresh.
   */
  #track(answer: Promise<pg.QueryResult>): Promise<pg.QueryResult> {
    return answer.catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      if (!code || code === RESULT_TYPE_CHANGED) {
        this.#broken ??= error;
        // Handed back already (`commit` releases once COMMIT is sent): whoever holds it next destroys it.
        if (this.#released) this.pool.condemn(this.client);
      }
      throw error;
    });
  }

  #openPrisma(): Promise<Tx> {
    this.#prismaTx ??= new Promise<Tx>((resolveTx, rejectTx) => {
      const ended = new Promise<void>((resolve, reject) => {
        this.#endPrismaWork = (error) => (error === undefined ? resolve() : reject(error as Error));
      });
      const lent = this.#lentClient();
      this.#prismaDone = this.pool.lend(lent, () =>
        this.prisma.$transaction(
          async (tx) => {
            resolveTx(tx);
            await ended;
          },
          { timeout: this.options.timeoutMs, maxWait: this.options.timeoutMs },
        ),
      );
      this.#prismaDone.catch((error: unknown) => rejectTx(error));
    });
    return this.#prismaTx;
  }

  /** The client as Prisma's adapter sees it: its transaction control answered here, the rest sent on. */
  #lentClient(): pg.PoolClient {
    const send = (config: QueryConfig) =>
      CONTROL.test(textOf(config)) ? Promise.resolve(NOTHING) : this.#send(config as pg.QueryConfig);
    return new Proxy(this.client, {
      get: (target, property, receiver) => {
        if (property === "query") return send;
        // The unit releases the client once it has ended the transaction; Prisma's release is a no-op.
        if (property === "release") return () => undefined;
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** Lets Prisma's part (if it was opened) finish: its COMMIT or ROLLBACK is answered by the lent client. */
  async endPrisma(error?: unknown): Promise<void> {
    if (!this.#prismaDone || !this.#endPrismaWork) return;
    this.#endPrismaWork(error ?? undefined);
    if (error === undefined) {
      await this.#prismaDone;
      return;
    }
    await this.#prismaDone.catch(() => undefined);
  }

  /** The first answer left for COMMIT that failed, once all are in. */
  async firstFailure(): Promise<unknown> {
    return (await Promise.all(this.#atCommit)).find((failure) => failure !== undefined);
  }

  /**
   * COMMIT, sent behind whatever is still in flight; the client goes back to the pool as soon as it
   * is sent, and the answers left for it are checked once they are in (decision 13.s15-2). The
   * statements gathered in this turn leave first with a Sync of their own and COMMIT follows alone:
   * a refusal among them ends at that Sync, so COMMIT always runs and always ends the transaction
   * (answered ROLLBACK when it was aborted). The connection is thus never handed on inside a
   * transaction, and the next unit that takes it sends its BEGIN behind this COMMIT — in the same
   * write when it starts in this turn — instead of waiting for the server's answer first: under load
   * the server reads both from one wake-up.
   */
  async commit(): Promise<void> {
    if (!this.#begun) {
      this.#release();
      return;
    }
    this.#submitBatch();
    const committed = this.#track(this.#statement(COMMIT));
    this.#submitBatch();
    // A client to be destroyed is kept until COMMIT is answered: destroying it ends the connection.
    const handOn = this.#unusable() === undefined;
    if (handOn) this.#release();
    let answer: pg.QueryResult;
    try {
      answer = await committed;
    } catch (error) {
      throw (await this.firstFailure()) ?? error;
    } finally {
      if (!handOn) this.#release();
    }
    const failure = await this.firstFailure();
    if (failure !== undefined) throw failure;
    // COMMIT in an aborted transaction is answered ROLLBACK, without an error.
    if (answer.command === "ROLLBACK") throw new Error("the transaction was rolled back at COMMIT");
  }

  async rollback(): Promise<void> {
    if (this.#begun && this.#broken === undefined)
      await this.#track(this.#statement("ROLLBACK")).catch(() => undefined);
    this.#release();
  }

  #released = false;

  /** Why this client must not be pooled again: its own failure, or another unit's (`TrackingPool.condemn`). */
  #unusable(): Error | undefined {
    if (this.#broken !== undefined) return this.#broken as Error;
    return this.pool.isCondemned(this.client) ? new Error("found unusable by the unit before") : undefined;
  }

  #release(): void {
    this.#released = true;
    this.client.removeListener("error", this.onClientError);
    this.client.release(this.#unusable());
  }
}

/**
 * A stand-in for Prisma's transaction client: `tx.model.method(args)` and `tx.$queryRaw…(…)` open
 * the real one on first use and run there. What comes back is a plain promise (Prisma's own are
 * lazy thenables); the repositories only await them.
 */
function lazyTx(open: () => Promise<Tx>): Tx {
  const call =
    (path: readonly string[]) =>
    (...args: unknown[]): Promise<unknown> =>
      open().then((tx) => {
        const owner = path.length === 1 ? tx : (tx as unknown as Record<string, unknown>)[path[0]!];
        const method = (owner as Record<string, (...a: unknown[]) => unknown>)[path.at(-1)!]!;
        return method.apply(owner, args);
      });
  const models = new Map<string, unknown>();
  return new Proxy({} as Tx, {
    get(_target, property) {
      if (typeof property !== "string" || property === "then" || property === "$transaction") return undefined;
      if (property.startsWith("$")) return call([property]);
      let model = models.get(property);
      if (!model) {
        model = new Proxy(
          {},
          {
            get: (_m, method) =>
              typeof method !== "string" || method === "then" ? undefined : call([property, method]),
          },
        );
        models.set(property, model);
      }
      return model;
    },
  });
}

// The PostgreSQL pool Keypost owns and hands to Prisma's adapter (`new PrismaPg(pool)`, its
// documented way to bring one's own pool). Prisma's adapter starts an interactive transaction by
// taking a client with `pool.connect()` and sending BEGIN on it; every statement of that
// transaction then goes to that client. A unit of work that wants its hand-written statements in
// the same transaction asks, through async context, to be told which client that is: the first
// client this pool hands out while the unit's context is active. Only public APIs are used (pg's
// `Pool.connect`, Prisma's pool constructor); `test/infra/sql-session.test.ts` fails if a Prisma
// upgrade starts its transactions some other way (the statements would no longer roll back with it).
//
// A Keypost-owned transaction (pg-transaction.ts) goes the other way round: it takes a client
// itself (`connectOwn`) and, when Prisma joins it, lends that client (`lend`): the `connect()`
// Prisma's adapter makes inside `lend`'s work is answered with the lent client.
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import type { PoolFacts } from "./sql-session.ts";

interface Waiting {
  client?: pg.PoolClient;
  /** Handed out, instead of a pooled client, to a `connect()` made inside `lend`. */
  lent?: pg.PoolClient;
}

type Done = (release?: unknown) => void;

const CONDEMNED = "a client found unusable after its unit had handed it back";
type Callback = (err: Error | undefined, client: pg.PoolClient | undefined, done: Done) => void;

export class TrackingPool extends pg.Pool {
  readonly #waiting = new AsyncLocalStorage<Waiting>();
  /**
   * Clients found unusable after their unit had already handed them back (pg-transaction.ts gives a
   * client back once its COMMIT is sent): whoever holds one next destroys it instead of using it.
   */
  readonly #condemned = new WeakSet<pg.PoolClient>();
  /** What units of work learned about this database once (sql-session.ts). */
  readonly facts: PoolFacts = {};

  constructor(config?: pg.PoolConfig) {
    super(config);
    // An idle client the server ends (a restart, an administrator's terminate, a dropped database)
    // is an 'error' on the pool; pg then drops that client and the next query opens a new one.
    // Unheard, the event would crash the process. The service's readiness probe reports a database
    // that stays away; one lost idle connection is not news.
    this.on("error", () => undefined);
  }

  /** Runs `work`; `client()` then names the first client handed out inside it (its transaction's). */
  async track<T>(work: (client: () => pg.PoolClient | undefined) => Promise<T>): Promise<T> {
    const waiting: Waiting = {};
    return this.#waiting.run(waiting, () => work(() => waiting.client));
  }

  /** Runs `work`; a `connect()` made inside it is answered with `client` (which the lender releases). */
  lend<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
    return this.#waiting.run({ lent: client }, work);
  }

  /** A pooled client for the caller itself, outside any tracking or lending. */
  connectOwn(): Promise<pg.PoolClient> {
    return this.#usable();
  }

  /** `client` is not to be used again: destroyed at its next release, or when the pool next hands it out. */
  condemn(client: pg.PoolClient): void {
    this.#condemned.add(client);
  }

  isCondemned(client: pg.PoolClient): boolean {
    return this.#condemned.has(client);
  }

  /** A pooled client that was not condemned; a condemned one met on the way is destroyed. */
  async #usable(): Promise<pg.PoolClient> {
    for (;;) {
      const client = await super.connect();
      if (!this.#condemned.has(client)) return client;
      client.release(new Error(CONDEMNED));
    }
  }

  #note(client: pg.PoolClient | undefined): void {
    const waiting = this.#waiting.getStore();
    if (waiting && client && !waiting.client) waiting.client = client;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: Callback): void;
  override connect(callback?: Callback): Promise<pg.PoolClient> | void {
    const lent = this.#waiting.getStore()?.lent;
    if (lent) {
      if (!callback) return Promise.resolve(lent);
      queueMicrotask(() => callback(undefined, lent, () => undefined));
      return;
    }
    if (callback) {
      super.connect((err, client, done) => {
        if (client && this.#condemned.has(client)) {
          client.release(new Error(CONDEMNED));
          this.connect(callback);
          return;
        }
        this.#note(client);
        callback(err, client, done);
      });
      return;
    }
    return this.#usable().then((client) => {
      this.#note(client);
      return client;
    });
  }
}

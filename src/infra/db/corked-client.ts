// A pg client whose socket Keypost makes (pg's documented `stream` option, a factory) and so can
// cork: a unit of work's statements sent in one turn of the event loop then leave in one write
// instead of one each (decision 13.s9p-4). pg already corks the messages of one statement (parse,
// bind, execute, sync); a press sends four statements, then three, each pipelined behind the
// others, and under load each socket write was a system call costing more than the statement's
// own encoding (writev was an eighth of the busy main thread in bench:teams' profile). The pool
// builds its clients with this class (pg-pool's documented `Client` option).
import { Socket } from "node:net";
import pg from "pg";

export class CorkedClient extends pg.Client {
  /** The socket under this client (undefined if pg was given a stream some other way). */
  readonly socket: Socket | undefined;
  #corked = false;
  readonly #beforeUncork: (() => void)[] = [];

  constructor(config?: string | pg.ClientConfig) {
    let made: Socket | undefined;
    const options: pg.ClientConfig = typeof config === "string" ? { connectionString: config } : { ...config };
    // TLS and a stream given by the caller keep pg's own way; only a plain TCP connection is ours.
    const tls = Boolean(options.ssl) || /[?&](ssl|sslmode)=/i.test(options.connectionString ?? "");
    if (!tls && !options.stream) options.stream = () => (made = new Socket());
    super(options);
    this.socket = made;
  }

  /**
   * Holds this client's writes until the current turn of the event loop is over (its promise jobs
   * included), then sends them together. Nested calls within one turn share the one hold.
   * `beforeUncork`: runs at the end of the turn, just before the writes leave, so what it writes
   * leaves with them (a unit of work's batch of prepared statements, pg-batch.ts).
   */
  corkForThisTurn(beforeUncork?: () => void): void {
    const socket = this.socket;
    if (!socket) {
      if (beforeUncork) process.nextTick(beforeUncork);
      return;
    }
    if (beforeUncork) this.#beforeUncork.push(beforeUncork);
    if (this.#corked) return;
    this.#corked = true;
    socket.cork();
    process.nextTick(() => {
      try {
        for (const last of this.#beforeUncork.splice(0)) last();
      } finally {
        this.#corked = false;
        socket.uncork();
      }
    });
  }
}

// The inbox's receiving end on PostgreSQL, as group commit does: requests accepted while the last
// insert was on its way leave together, in one statement and one transaction
// (sql/insert-inbound-requests.sql.ts), and each is answered only once that statement has
// committed — so an ack still means "stored durably", and a replay is still found by the primary
// key. Why: a burst of presses (bench:slack's 200 at once) was 200 single-row inserts, each a
// query, a socket write and a commit on both sides of the pool's sockets, on a machine whose cores
// the service, the server and the presses being acted on share (decision 13.s13s-1).
//
// At most MAX_IN_FLIGHT statements are out at once; the others' requests wait for one to return.
// The requests read in one turn of the event loop join the same statement (the send waits for
// `setImmediate`). A statement the server refuses is tried again one row at a time, so one bad row
// fails its own request only, as a single insert would.
import type { InboxIntake, InboundRequest } from "../../ports/inbox.ts";
import type { Database } from "./database.ts";
import { insertInboundRequest, type InboundInsert } from "./sql/insert-inbound-request.sql.ts";
import { insertInboundRequests } from "./sql/insert-inbound-requests.sql.ts";

/** Statements out at once: two overlap one's round trip with the next one's gathering. */
const MAX_IN_FLIGHT = 2;
/** Rows in one statement (a stored press is a few hundred bytes of JSON). */
const MAX_ROWS = 128;

interface Waiting {
  readonly row: InboundInsert;
  readonly resolve: (inserted: boolean) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupedInboxIntake implements InboxIntake {
  #waiting: Waiting[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(private readonly db: Database) {}

  accept(request: Omit<InboundRequest, "attempts">): Promise<boolean> {
    const row = {
      key: request.key,
      platform: request.platform,
      payload: request.payload,
      receivedAt: request.receivedAt,
    };
    return new Promise((resolve, reject) => {
      this.#waiting.push({ row, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= MAX_IN_FLIGHT || this.#waiting.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      while (this.#inFlight < MAX_IN_FLIGHT && this.#waiting.length > 0) {
        const group = this.#waiting.splice(0, MAX_ROWS);
        this.#inFlight += 1;
        void this.#send(group).finally(() => {
          this.#inFlight -= 1;
          this.#schedule();
        });
      }
    });
  }

  async #send(group: readonly Waiting[]): Promise<void> {
    // A key twice in one group (a retry arriving beside its original): the first is sent, the
    // others are answered "seen before", as they would be one after another.
    const sent = new Map<string, Waiting>();
    const again: Waiting[] = [];
    for (const w of group) {
      if (sent.has(w.row.key)) again.push(w);
      else sent.set(w.row.key, w);
    }
    let inserted: Set<string>;
    try {
      inserted = await insertInboundRequests(
        this.db.sql(this.db.prisma),
        [...sent.values()].map((w) => w.row),
      );
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      // Each alone (the one-row statement), so that a row the server refuses fails its own request only.
      await Promise.all(group.map((w) => insertInboundRequest(this.db, w.row).then(w.resolve, w.reject)));
      return;
    }
    for (const w of sent.values()) w.resolve(inserted.has(w.row.key));
    for (const w of again) w.resolve(false);
  }
}

// Watches every statement any pg client of this test process is asked to send: `seen` gets its text
// and how many of that client's statements were still unanswered then (0: it starts a round trip;
// more: it is pipelined behind them). The round-trip tests count with it, as bench:teams counts
// (bench/pg-statements.ts watches with it too). A batch (src/infra/db/pg-batch.ts) is its statements,
// each seen in turn behind the ones before it. Returns the function that puts pg's own `query` back.
import pg from "pg";
import { PgBatch } from "../../src/infra/db/pg-batch.ts";

type Query = (...args: unknown[]) => unknown;

export function watchPgQueries(seen: (text: string, waiting: number) => void): () => void {
  const proto = pg.Client.prototype as unknown as { query: Query };
  const query = proto.query;
  const waitingOf = new WeakMap<object, number>();
  const waiting = (client: object) => waitingOf.get(client) ?? 0;
  /** One more of `client`'s statements unanswered until `answer` settles. */
  const track = (client: object, answer: Promise<unknown>) => {
    waitingOf.set(client, waiting(client) + 1);
    const done = () => waitingOf.set(client, waiting(client) - 1);
    answer.then(done, done);
  };
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; name?: string };
    if (first instanceof PgBatch) {
      for (const { text, answer } of first.statements) {
        seen(text, waiting(this));
        track(this, answer);
      }
      return query.apply(this, args);
    }
    seen(typeof first === "string" ? first : (first?.text ?? first?.name ?? "?"), waiting(this));
    const answer = query.apply(this, args);
    if (answer instanceof Promise) track(this, answer);
    return answer;
  };
  return () => {
    proto.query = query;
  };
}

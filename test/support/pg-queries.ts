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
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; name?: string };
    if (first instanceof PgBatch) {
      for (const { text, answer } of first.statements) {
        const waiting = waitingOf.get(this) ?? 0;
        seen(text, waiting);
        waitingOf.set(this, waiting + 1);
        const done = () => waitingOf.set(this, (waitingOf.get(this) ?? 1) - 1);
        answer.then(done, done);
      }
      return query.apply(this, args);
    }
    const waiting = waitingOf.get(this) ?? 0;
    seen(typeof first === "string" ? first : (first?.text ?? first?.name ?? "?"), waiting);
    const answer = query.apply(this, args);
    if (answer instanceof Promise) {
      waitingOf.set(this, waiting + 1);
      const done = () => waitingOf.set(this, (waitingOf.get(this) ?? 1) - 1);
      answer.then(done, done);
    }
    return answer;
  };
  return () => {
    proto.query = query;
  };
}

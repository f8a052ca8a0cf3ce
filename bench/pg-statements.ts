// Statements and round trips this process sends to PostgreSQL, counted at the pg driver (Prisma's
// adapter and Keypost's own sessions alike): each call of pg.Client's query is a statement; one
// sent while its client had none unanswered starts a round trip (the rest are pipelined behind it,
// decision 13.s8p-2). With KEYPOST_BENCH_SQL=1, also each statement's text (its first 90
// characters) and how often it was sent — to see which reads an answer repeats. Counting starts
// when this module is imported; read the counters around what is measured.
import pg from "pg";

export const pgSent = { statements: 0, roundTrips: 0 };
/** Statement text → times sent, while `pgTexts.on` (KEYPOST_BENCH_SQL=1). */
export const pgTexts = {
  on: process.env.KEYPOST_BENCH_SQL === "1",
  /** What is being measured now (a kind of question): counts are kept per tag; undefined: not counted. */
  tag: undefined as string | undefined,
  counts: new Map<string, Map<string, number>>(),
};

const waitingOf = new WeakMap<object, number>();
const sendQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
  this: pg.Client,
  ...args: unknown[]
) {
  pgSent.statements += 1;
  const waiting = waitingOf.get(this) ?? 0;
  if (waiting === 0) pgSent.roundTrips += 1;
  if (pgTexts.on && pgTexts.tag !== undefined) {
    const first = args[0] as string | { text?: string; name?: string };
    const text = (typeof first === "string" ? first : (first?.text ?? first?.name ?? "?")).replace(/\s+/g, " ");
    const counts = pgTexts.counts.get(pgTexts.tag) ?? new Map<string, number>();
    counts.set(text.slice(0, 90), (counts.get(text.slice(0, 90)) ?? 0) + 1);
    pgTexts.counts.set(pgTexts.tag, counts);
  }
  const answer = sendQuery.apply(this, args);
  if (answer instanceof Promise) {
    waitingOf.set(this, waiting + 1);
    const done = () => waitingOf.set(this, (waitingOf.get(this) ?? 1) - 1);
    answer.then(done, done);
  }
  return answer;
};

// Statements and round trips this process sends to PostgreSQL, counted at the pg driver (Prisma's
// adapter and Keypost's own sessions alike): each call of pg.Client's query is a statement; one
// sent while its client had none unanswered starts a round trip (the rest are pipelined behind it,
// decision 13.s8p-2). With KEYPOST_BENCH_SQL=1, also each statement's text (its first 90
// characters) and how often it was sent — to see which reads an answer repeats. Counting starts
// when this module is imported; read the counters around what is measured.
import { watchPgQueries } from "../test/support/pg-queries.ts";

export const pgSent = { statements: 0, roundTrips: 0 };
/** Statement text → times sent, while `pgTexts.on` (KEYPOST_BENCH_SQL=1). */
export const pgTexts = {
  on: process.env.KEYPOST_BENCH_SQL === "1",
  /** What is being measured now (a kind of question): counts are kept per tag; undefined: not counted. */
  tag: undefined as string | undefined,
  counts: new Map<string, Map<string, number>>(),
};

watchPgQueries((text, waiting) => {
  pgSent.statements += 1;
  if (waiting === 0) pgSent.roundTrips += 1;
  if (pgTexts.on && pgTexts.tag !== undefined) {
    const shown = text.replace(/\s+/g, " ").slice(0, 90);
    const counts = pgTexts.counts.get(pgTexts.tag) ?? new Map<string, number>();
    counts.set(shown, (counts.get(shown) ?? 0) + 1);
    pgTexts.counts.set(pgTexts.tag, counts);
  }
});

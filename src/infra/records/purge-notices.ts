// What every class purge shares besides the runner: id lists taken a slice at a time (a purge of
// years of records names more ids than one statement may bind — SQLite allows 32,766 parameters),
// and the chat side of a purged record: the notices (cards) about it and the button tokens behind
// them, found by subject, so no card can still point at a record that is gone.
import type { Tx } from "../db/database.ts";

const SLICE = 500;

/** Runs `work` on each slice of `ids` and sums what it counts. */
export async function bySlices(ids: readonly string[], work: (slice: string[]) => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < ids.length; i += SLICE) total += await work(ids.slice(i, i + SLICE));
  return total;
}

/** The rows `read` finds for each slice of `ids`, together. */
export async function readBySlices<T>(ids: readonly string[], read: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += SLICE) out.push(...(await read(ids.slice(i, i + SLICE))));
  return out;
}

export async function removeNotices(tx: Tx, subjectType: string, ids: readonly string[]): Promise<number> {
  return bySlices(ids, async (slice) => {
    const where = { subjectType, subjectId: { in: slice } };
    await tx.actionToken.deleteMany({ where });
    return (await tx.notice.deleteMany({ where })).count;
  });
}

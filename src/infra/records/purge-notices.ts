// The chat side of a purged record: the notices (cards) about it and the button tokens behind
// them, found by subject. Every class purge removes them with its rows, so no card can still
// point at a record that is gone.
import type { Tx } from "../db/database.ts";

export async function removeNotices(tx: Tx, subjectType: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const where = { subjectType, subjectId: { in: [...ids] } };
  await tx.actionToken.deleteMany({ where });
  return (await tx.notice.deleteMany({ where })).count;
}

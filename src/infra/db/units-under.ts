// "The units in this subtree" for the Prisma reads that filter by unit path. Prisma's `startsWith`
// turns into LIKE without escaping `_` and `%`, so a unit code holding them ("B_1") also matched
// its lookalikes ("/HO/B_1/" matched "/HO/BR1/…") and widened a manager's scope. The unit table
// is small (a few thousand rows): the index read stays coarse and the exact prefix test is done
// here, once, for every such read (decision 20.21). The reports' SQL tests the prefix in SQL
// (reports/scope-reads.sql.ts).
import type { Prisma, Tx } from "./database.ts";

/** Ids of the units whose path starts with one of `paths` (exactly: `_` and `%` are plain characters). */
export async function unitIdsUnder(db: Prisma | Tx, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const rows = await db.orgUnit.findMany({
    where: { OR: paths.map((path) => ({ path: { startsWith: path } })) },
    select: { id: true, path: true },
  });
  return rows.filter((u) => paths.some((p) => u.path.startsWith(p))).map((u) => u.id);
}

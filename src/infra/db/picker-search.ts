// What the people and post pickers (Slack external_select, Teams Data.Query) filter on: the units
// the chooser may choose in — exactly, through unitIdsUnder, so `_` and `%` in a unit code never
// widen it — and the typed text in a code or a name. Prisma's `mode: "insensitive"` is PostgreSQL's
// only: codes are matched upper-cased, English names as typed and capitalised (SQLite's LIKE ignores
// ASCII case anyway).
import type { Tx } from "./database.ts";
import { unitIdsUnder } from "./units-under.ts";

export interface PickerWhere {
  unitId: { in: string[] };
  AND?: { OR: object[] }[];
}

/** The where-clause of a picker's search, or undefined when the chooser may choose in no unit. */
export async function pickerWhere(
  db: Tx,
  text: string,
  unitPaths: readonly string[],
): Promise<PickerWhere | undefined> {
  const unitIds = await unitIdsUnder(db, unitPaths);
  if (unitIds.length === 0) return undefined;
  const t = text.trim();
  if (t === "") return { unitId: { in: unitIds } };
  const cap = t.charAt(0).toUpperCase() + t.slice(1);
  return {
    unitId: { in: unitIds },
    AND: [
      {
        OR: [
          { code: { contains: t.toUpperCase() } },
          { name: { contains: t } },
          { nameEn: { contains: t } },
          { nameEn: { contains: cap } },
        ],
      },
    ],
  };
}

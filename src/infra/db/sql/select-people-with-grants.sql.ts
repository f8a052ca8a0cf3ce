// People by id with their unit and every role grant, one row per grant (the busiest read: every
// action identifies its actor this way). The id list is padded to a power of two by repeating the
// last id, so a handful of statement texts serve every page size and stay prepared.
import type { SqlSession } from "../sql-session.ts";

export interface PersonGrantRow {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  email: string | null;
  unitId: string;
  status: string;
  locale: string | null;
  unitPath: string;
  unitTimeZone: string;
  grantRole: string | null;
  grantPath: string | null;
}

/** At most 512 ids; rows ordered by person id, then grant. */
export function selectPeopleWithGrants(sql: SqlSession, ids: readonly string[]): Promise<PersonGrantRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  if (ids.length > 512) throw new RangeError("selectPeopleWithGrants: at most 512 ids");
  let size = 1;
  while (size < ids.length) size *= 2;
  const padded = [...ids, ...Array<string>(size - ids.length).fill(ids.at(-1)!)];
  const list = padded.map((_, i) => `$${i + 1}`).join(", ");
  return sql.rows<PersonGrantRow>(
    `SELECT e."id", e."code", e."name", e."nameEn", e."email", e."unitId", e."status", e."locale",
            u."path" AS "unitPath", u."timeZone" AS "unitTimeZone", g."role" AS "grantRole", gu."path" AS "grantPath"
     FROM "Employee" e
     JOIN "OrgUnit" u ON u."id" = e."unitId"
     LEFT JOIN "RoleGrant" g ON g."employeeId" = e."id"
     LEFT JOIN "OrgUnit" gu ON gu."id" = g."unitId"
     WHERE e."id" IN (${list})
     ORDER BY e."id", g."id"`,
    ...padded,
  );
}

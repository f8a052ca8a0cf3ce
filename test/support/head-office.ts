// The smallest bank a press, fan-out or scan needs around its people: one working-week calendar and
// one head office on Shanghai time. The claim test and the benches (teams, fanout, scan) seed it
// alike; this is that one recipe.
import type { Database } from "../../src/infra/db/database.ts";

/** Writes calendar "CAL" and the head office (code "HO", path "/HO/") with id `unitId`. */
export async function seedHeadOffice(db: Pick<Database, "prisma">, unitId = "U0"): Promise<void> {
  await db.prisma.calendar.create({ data: { id: "CAL", code: "CAL", name: "Mon–Fri" } });
  await db.prisma.orgUnit.create({
    data: {
      id: unitId,
      code: "HO",
      name: "HO",
      kind: "head_office",
      path: "/HO/",
      timeZone: "Asia/Shanghai",
      calendarId: "CAL",
    },
  });
}

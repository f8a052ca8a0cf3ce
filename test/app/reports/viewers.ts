// The report bank's people as the access rules see them (plain data, from the small bank's cast).
import type { Actor, Role } from "../../../src/domain/access/roles.ts";
import { CAST, type CastName } from "../../support/small-bank.ts";
import type { ReportBank } from "./report-bank.ts";

export function actorOf(bank: ReportBank, name: CastName): Actor {
  const c = CAST[name];
  return {
    employeeId: bank.ids[name],
    unitPath: bank.units[c.unit].path,
    grants: c.roles.map(([role, unit]) => ({
      role: role as Role,
      unitPath: bank.units[unit as keyof ReportBank["units"]].path,
    })),
    onLeave: false,
  };
}

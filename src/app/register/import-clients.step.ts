// Clients and their relationship manager ("rotating the clients, not only the people"). A row
// names the client's current manager; a different manager closes the open assignment on the
// `since` date and opens a new one, so the portfolio's history is kept. An empty manager_code
// closes the open assignment; an empty `since` keeps the current manager's date, or is today
// (in the client's unit's time zone) for a new manager.
import { localDateOf } from "../../domain/calendar/time-zone.ts";
import type { ClientRecord, EmployeeRef, NewClientAssignment } from "../../ports/register-repository.ts";
import { changeLine, changed, type ImportContext, type Located } from "./import-context.ts";
import type { ClientRow } from "../../ports/register-rows.ts";
import type { RegisterSource } from "../../ports/register-source.ts";

type ClientFields = Omit<ClientRecord, "current">;

interface Writes {
  readonly creates: ClientFields[];
  readonly updates: ClientFields[];
  readonly ends: { id: string; endDate: string }[];
  readonly starts: { id: string; startDate: string }[];
  readonly opens: NewClientAssignment[];
}

function today(ctx: ImportContext, unitId: string | null): string {
  const unit = unitId === null ? undefined : ctx.units.get(ctx.unitCodeOf(unitId));
  return localDateOf(ctx.now, unit?.timeZone ?? "UTC");
}

/** The manager part of a client row: what it changes, or an error. */
function managerChanges(
  ctx: ImportContext,
  at: Located<ClientRow>,
  client: ClientFields,
  before: ClientRecord | undefined,
  manager: EmployeeRef | undefined,
  w: Writes,
): string | undefined {
  const current = before?.current ?? null;
  const { row } = at;
  const codeOfCurrent = current?.employeeCode ?? null;
  if (!manager) {
    if (current === null) return undefined;
    w.ends.push({ id: current.id, endDate: today(ctx, client.unitId) });
    return changed("manager_code", codeOfCurrent, null);
  }
  if (current !== null && current.employeeId === manager.id) {
    if (row.since === null || row.since === current.startDate) return undefined;
    w.starts.push({ id: current.id, startDate: row.since });
    return changed("since", current.startDate, row.since);
  }
  const since = row.since ?? today(ctx, client.unitId ?? manager.unitId);
  if (current !== null) {
    if (since < current.startDate) {
      ctx.error(
        at.file,
        at.line,
        "since",
        `${since} is before ${current.startDate}, when the current manager took the client over`,
      );
      return "error";
    }
    w.ends.push({ id: current.id, endDate: since });
  }
  w.opens.push({ id: ctx.newId(), clientId: client.id, employeeId: manager.id, startDate: since, reason: "import" });
  return changed("manager_code", codeOfCurrent, `${manager.code} since ${since}`);
}

async function applyChunk(ctx: ImportContext, chunk: readonly Located<ClientRow>[], fresh: boolean): Promise<void> {
  const managerCodes = [...new Set(chunk.flatMap((c) => (c.row.managerCode === null ? [] : [c.row.managerCode])))];
  const managers = new Map(
    (managerCodes.length > 0 ? await ctx.repo.employeeRefs(managerCodes) : []).map((e) => [e.code, e]),
  );
  const before = new Map(
    (fresh ? [] : await ctx.repo.clientsByCode(chunk.map((c) => c.row.code))).map((c) => [c.code, c]),
  );
  const w: Writes = { creates: [], updates: [], ends: [], starts: [], opens: [] };
  for (const at of chunk) {
    const { row } = at;
    const unit = row.unitCode === null ? null : ctx.units.get(row.unitCode);
    const manager = row.managerCode === null ? undefined : managers.get(row.managerCode);
    let ok = true;
    if (unit === undefined) {
      ctx.unknown("units", row.unitCode!, at, "unit_code", `unknown unit "${row.unitCode}"`);
      ok = false;
    }
    if (row.managerCode !== null && !manager) {
      ctx.unknown("employees", row.managerCode, at, "manager_code", `unknown employee "${row.managerCode}"`);
      ok = false;
    } else if (manager?.status === "left") {
      ctx.error(at.file, at.line, "manager_code", `employee ${manager.code} has left: give the client to someone else`);
      ok = false;
    }
    if (!ok) continue;
    const old = before.get(row.code);
    const client: ClientFields = {
      id: old?.id ?? ctx.newId(),
      code: row.code,
      name: row.name,
      nameEn: row.nameEn,
      unitId: unit?.id ?? null,
    };
    const managerChange = managerChanges(ctx, at, client, old, manager, w);
    if (managerChange === "error") continue;
    if (!old) {
      w.creates.push(client);
      ctx.count("clients", "created", `+ ${row.code} ${row.name}${manager ? ` (${manager.code})` : ""}`);
      continue;
    }
    const fieldDiffs = [
      changed("name", old.name, client.name),
      changed("name_en", old.nameEn, client.nameEn),
      old.unitId === client.unitId
        ? undefined
        : changed("unit_code", old.unitId && ctx.unitCodeOf(old.unitId), row.unitCode),
    ];
    const diffs = [...fieldDiffs, managerChange].filter((d) => d !== undefined);
    if (fieldDiffs.some((d) => d !== undefined)) w.updates.push(client);
    if (diffs.length === 0) ctx.count("clients", "unchanged");
    else ctx.count("clients", "updated", changeLine(row.code, diffs));
  }
  await ctx.repo.insertClients(w.creates);
  await ctx.repo.updateClients(w.updates);
  await ctx.repo.endClientAssignments(w.ends);
  await ctx.repo.updateClientAssignmentStarts(w.starts);
  await ctx.repo.insertClientAssignments(w.opens);
}

export async function importClients(ctx: ImportContext, sources: readonly RegisterSource[]): Promise<void> {
  if (sources.length === 0) return;
  const fresh = await ctx.isEmpty("clients");
  for (const source of sources)
    for await (const chunk of ctx.parsedChunks(source, "clients", true)) await applyChunk(ctx, chunk, fresh);
}

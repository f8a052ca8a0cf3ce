// Units: the whole tree is small (thousands of units at most), so it is merged in memory — the
// database's units and the files' — checked (parents exist, no cycles, a time zone for every unit)
// and every materialised path recomputed: moving a unit re-paths its whole subtree.
import type { UnitRecord } from "../../ports/register-repository.ts";
import { changeLine, changed, type ImportContext, type Located } from "./import-context.ts";
import type { UnitRow } from "../../ports/register-rows.ts";
import type { RegisterSource } from "../../ports/register-source.ts";

interface Node {
  readonly code: string;
  readonly parentCode: string | null;
  /** null = inherit the parent's. */
  readonly timeZone: string | null;
  readonly existing?: UnitRecord;
  readonly from?: Located<UnitRow>;
}

interface Placed {
  readonly path: string;
  readonly timeZone: string;
}

async function readUnitRows(ctx: ImportContext, sources: readonly RegisterSource[]): Promise<Located<UnitRow>[]> {
  const rows: Located<UnitRow>[] = [];
  for (const source of sources) for await (const chunk of ctx.parsedChunks(source, "units", true)) rows.push(...chunk);
  return rows;
}

/** Marks every file unit whose parent chain loops back to itself. */
function findCycles(
  ctx: ImportContext,
  nodes: Map<string, Node>,
  rows: readonly Located<UnitRow>[],
  bad: Set<string>,
): void {
  for (const r of rows) {
    const chain = [r.row.code];
    let next = nodes.get(r.row.code)?.parentCode ?? null;
    while (next !== null && chain.length <= nodes.size) {
      if (next === r.row.code) {
        ctx.error(r.file, r.line, "parent_code", `the parents make a cycle: ${[...chain, next].join(" → ")}`);
        bad.add(r.row.code);
        break;
      }
      chain.push(next);
      next = nodes.get(next)?.parentCode ?? null;
    }
  }
}

export async function importUnits(ctx: ImportContext, sources: readonly RegisterSource[]): Promise<void> {
  // Asked for first, awaited after the files are read: on SQLite the import's thread is still
  // starting (~50 ms) while this thread reads the units (decision 13.s14i-3).
  const stored = ctx.repo.allUnits();
  stored.catch(() => undefined); // a failure surfaces where it is awaited
  if (sources.length === 0) {
    ctx.units = new Map((await stored).map((u) => [u.code, u]));
    return;
  }
  const rows = await readUnitRows(ctx, sources);
  const existing = await stored;
  const byId = new Map(existing.map((u) => [u.id, u]));
  const nodes = new Map<string, Node>();
  for (const u of existing)
    nodes.set(u.code, {
      code: u.code,
      parentCode: u.parentId === null ? null : (byId.get(u.parentId)?.code ?? null),
      timeZone: u.timeZone,
      existing: u,
    });
  const bad = new Set<string>();
  const calendars = rows.some((r) => r.row.calendarCode !== null)
    ? await ctx.repo.calendarIds()
    : new Map<string, string>();

  for (const r of rows) {
    nodes.set(r.row.code, {
      code: r.row.code,
      parentCode: r.row.parentCode,
      timeZone: r.row.timeZone,
      existing: nodes.get(r.row.code)?.existing,
      from: r,
    });
    if (r.row.calendarCode !== null && !calendars.has(r.row.calendarCode)) {
      ctx.error(
        r.file,
        r.line,
        "calendar_code",
        `unknown calendar "${r.row.calendarCode}" (import calendars first: docs/calendars.md)`,
      );
      bad.add(r.row.code);
    }
  }
  for (const r of rows) {
    if (r.row.parentCode !== null && !nodes.has(r.row.parentCode)) {
      ctx.unknown("units", r.row.parentCode, r, "parent_code", `unknown parent unit "${r.row.parentCode}"`);
      bad.add(r.row.code);
    }
  }
  findCycles(ctx, nodes, rows, bad);

  const placed = new Map<string, Placed | null>();
  const place = (code: string): Placed | null => {
    if (placed.has(code)) return placed.get(code)!;
    placed.set(code, null); // guards against loops the cycle check already reported
    const node = nodes.get(code);
    if (!node || bad.has(code)) return null;
    const parent = node.parentCode === null ? undefined : place(node.parentCode);
    if (parent === null) return null; // under a unit that failed: already reported there
    const timeZone = node.timeZone ?? parent?.timeZone;
    if (timeZone === undefined) {
      if (node.from) ctx.error(node.from.file, node.from.line, "time_zone", "required for a unit without a parent");
      return null;
    }
    const result = { path: `${parent?.path ?? "/"}${code}/`, timeZone };
    placed.set(code, result);
    return result;
  };

  const ids = new Map<string, string>();
  for (const [code, node] of nodes) ids.set(code, node.existing?.id ?? ctx.newId());
  const codeOfId = new Map([...ids].map(([code, id]) => [id, code]));
  const parentCodeOf = (u: UnitRecord) => (u.parentId === null ? null : codeOfId.get(u.parentId));
  const creates: UnitRecord[] = [];
  const updates: UnitRecord[] = [];
  const final = new Map<string, UnitRecord>();

  for (const [code, node] of nodes) {
    const at = place(code);
    if (at === null) {
      ctx.reject("units", code);
      continue;
    }
    const before = node.existing;
    const r = node.from?.row;
    const record: UnitRecord = r
      ? {
          id: ids.get(code)!,
          code,
          name: r.name,
          nameEn: r.nameEn,
          kind: r.kind,
          parentId: r.parentCode === null ? null : ids.get(r.parentCode)!,
          path: at.path,
          timeZone: at.timeZone,
          calendarId: r.calendarCode === null ? null : calendars.get(r.calendarCode)!,
        }
      : { ...before!, path: at.path };
    final.set(code, record);
    if (!before) {
      creates.push(record);
      ctx.count("units", "created", `+ ${code} ${record.name}`);
      continue;
    }
    const diffs = [
      changed("name", before.name, record.name),
      changed("name_en", before.nameEn, record.nameEn),
      changed("kind", before.kind, record.kind),
      before.parentId === record.parentId
        ? undefined
        : changed("parent_code", parentCodeOf(before), parentCodeOf(record)),
      changed("time_zone", before.timeZone, record.timeZone),
      before.calendarId === record.calendarId ? undefined : "calendar_code",
      changed("path", before.path, record.path),
    ].filter((d) => d !== undefined);
    if (diffs.length === 0) {
      if (node.from) ctx.count("units", "unchanged");
      continue;
    }
    updates.push(record);
    ctx.count("units", "updated", changeLine(code, diffs));
  }

  // Valid units are written even when other rows failed: later steps look them up, and the
  // transaction is rolled back as a whole at the end anyway.
  ctx.units = final;
  const depth = (u: UnitRecord) => u.path.split("/").length;
  creates.sort((a, b) => depth(a) - depth(b));
  await ctx.repo.insertUnits(creates, ctx.now);
  await ctx.repo.updateUnits(updates, ctx.now);
}

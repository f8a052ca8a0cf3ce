// Secrecy as a property over roles × surfaces, on SQLite and PostgreSQL. Everything each of the
// matrix's eleven roles can read is taken as a snapshot — every typed command (status, tasks, audit,
// each report), an answer to every kind of question, App Home, the notices they may be sent, every
// report and its export tables, the dashboard's overview, trend and post history. Then HR plans a
// sealed leave and compliance's notice is recorded, and the snapshots are taken again at the same
// instant: for every role that may not see the leave, nothing differs (and nothing names its
// substitute or its dates), while HR, compliance and the audit team do see it (the probe can see a
// leave at all). Once the leave has started, the roles the rules name see it and the others still
// do not.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeChatCommand, type ChatCommandDeps } from "../../src/app/chat-commands/chat-command.router.ts";
import { dashboardOverview, dashboardTrend } from "../../src/app/dashboard/dashboard.query.ts";
import { postHistory } from "../../src/app/dashboard/records.query.ts";
import { ask } from "../../src/app/home/query.ts";
import { viewHome } from "../../src/app/home/view-home.ts";
import { formTeam } from "../../src/app/audit/form-team.ts";
import { execute, identify } from "../../src/app/kernel/execute.ts";
import { planLeave } from "../../src/app/leave/plan-leave.ts";
import { leaveNoticeDelivered } from "../../src/app/leave/record-compliance-notice.ts";
import { startLeave } from "../../src/app/leave/start-leave.ts";
import { envOf } from "../../src/app/kernel/execute.ts";
import { REPORTS } from "../../src/app/reports/reports.registry.ts";
import type { ReportDeps } from "../../src/app/reports/report-context.ts";
import { NEW } from "../../src/domain/machine/machine.ts";
import { reportDepsOf } from "../../src/infra/db/reports/report-sources.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { MATRIX_ROLES, MatrixWorld, type CellLeave, type MatrixRole } from "./leave-matrix.ts";

/** Who may see a sealed leave before it starts: HR and compliance in scope, its audit team. */
const INSIDERS: readonly MatrixRole[] = ["hr", "compliance", "auditor_of_this_audit"];
/** Who sees it once started (besides the insiders): the holder, the substitute, managers and executives in scope. */
const REVEALED: readonly MatrixRole[] = [...INSIDERS, "holder", "substitute", "manager_of_the_unit", "executive"];

/** The sealed leave: Monday 16 to Friday 20 March 2026 in Shanghai. */
const LEAVE = { startDate: "2026-03-16", endDate: "2026-03-20" } as const;
const STARTED_AT = "2026-03-16T02:00:00Z";

/** Every typed command a person can read an answer from, and a question of every kind. */
function typed(leave: CellLeave, holderName: string): string[] {
  return [
    "status",
    "tasks",
    "audit",
    "report",
    ...REPORTS.map((r) => `report ${r.name}`),
    "who is on leave",
    "who's off next week",
    "on leave 2026-03",
    "who is covering",
    "who is due for rotation",
    "overdue rotations",
    "open handovers",
    "notices nobody acknowledged",
    "open audits",
    "late audits",
    "overdue rectifications",
    `who took over ${leave.postCode}`,
    `where did ${holderName} go`,
    `status of ${holderName}`,
    `${holderName}的状态`,
    "status of SB1",
    "our key figures",
    "findings by severity",
    "谁在休假",
    "下周谁休假",
  ];
}

/** Cards carry fresh tokens and ids each time they are built: the comparison ignores them. */
function normalised(value: unknown): string {
  if (value === undefined) return "(nothing)";
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "string"
      ? v
          .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<id>")
          .replace(/[A-Za-z0-9_-]{22,}/g, "<token>")
      : v instanceof Map
        ? Object.fromEntries(v)
        : v,
  );
}

describe.each(ENGINES)("a sealed leave across every surface on %s", (engine) => {
  let db: TestDatabase;
  let world: MatrixWorld;
  let deps: ChatCommandDeps & { reports: ReportDeps };
  const unmappedId = randomUUID();
  beforeAll(async () => {
    db = await testDatabase(engine);
    world = await MatrixWorld.open(db);
    deps = { kernel: world.kernel, reports: reportDepsOf(db) };
  }, 120_000);
  afterAll(async () => db?.drop());

  /** Everything `personId` can read now, surface by surface. */
  async function snapshot(personId: string, leave: CellLeave, holderName: string): Promise<Record<string, string>> {
    const kernel = world.kernel;
    const now = kernel.clock.now();
    const invocation = { personId, platform: "slack" as const };
    const out: Record<string, string> = {};
    for (const text of typed(leave, holderName))
      out[`typed: ${text}`] = normalised(await routeChatCommand(deps, text, invocation));
    out["App Home"] = normalised(await ask(kernel, viewHome, { page: 1 }, invocation));
    const notices = await db.prisma.notice.findMany({
      where: { recipientId: personId },
      orderBy: { createdAt: "asc" },
    });
    out.notices = normalised(
      notices
        .filter((n) => n.visibleFrom === null || n.visibleFrom <= now)
        .map((n) => ({ kind: n.kind, subject: n.subjectType, card: JSON.parse(n.card) as unknown })),
    );
    const who = await kernel.uow
      .read((tx) => identify(tx, personId, kernel.orgLocale, "web"))
      .catch((error: unknown) => (error as { code?: string }).code ?? "refused");
    if (typeof who === "string") return { ...out, reader: who };
    const env = { now };
    for (const spec of REPORTS) {
      const report = await spec.run(deps.reports, who.actor, env, { leaveHorizonDays: 30 }).catch((e: unknown) => e);
      out[`report and export: ${spec.name}`] = normalised(
        report instanceof Error ? report.message : [report, spec.tables(report as never)],
      );
    }
    const refusal = (e: unknown) => (e instanceof Error ? e.message : String(e));
    out["dashboard overview"] = normalised(await dashboardOverview(deps.reports, who.actor, env).catch(refusal));
    out["dashboard trend"] = normalised(await dashboardTrend(deps.reports, who.actor, env, 2).catch(refusal));
    out["dashboard post history"] = normalised(
      await postHistory(kernel, deps.reports, who, env, leave.postCode).catch(refusal),
    );
    return out;
  }

  async function everyone(leave: CellLeave, holderName: string): Promise<Map<MatrixRole, Record<string, string>>> {
    const ids = world.idsFor(leave, unmappedId);
    const all = new Map<MatrixRole, Record<string, string>>();
    for (const role of MATRIX_ROLES) all.set(role, await snapshot(ids[role], leave, holderName));
    return all;
  }

  it("is absent for every role that may not see it until it starts, then visible where the rules say", async () => {
    const p = db.prisma;
    const leave = await world.leaveIn(NEW);
    const holder = await p.employee.findUniqueOrThrow({ where: { id: leave.holderId } });
    const substitute = await p.employee.findUniqueOrThrow({ where: { id: leave.substituteId } });
    // Distinct names, so that a leak names them.
    await p.employee.update({ where: { id: holder.id }, data: { name: "秘密持有人", nameEn: "Hidden Holder" } });
    await p.employee.update({ where: { id: substitute.id }, data: { name: "秘密代岗人", nameEn: "Secret Cover" } });
    const holderName = "Hidden Holder";
    // What names the leave: its substitute (who has no post: nothing else names them) — except to
    // the substitute, whose own name is everywhere they look — and, once it has started, its last day.
    // (Before the start "next week" is 16–20 March for everyone, so dates alone prove nothing then;
    // the snapshots' difference does.)
    const names = ["Secret Cover", "秘密代岗人", substitute.code];
    // Its last day (the first is today once it has started: every "as of" line shows it).
    const dates = [LEAVE.endDate, "3月20日", "20 Mar", "Mar 20"];
    const mentions = (role: MatrixRole, snap: Record<string, string>, withDates: boolean) => {
      const markers = [...(role === "substitute" ? [] : names), ...(withDates ? dates : [])];
      return Object.entries(snap)
        .filter(([, text]) => markers.some((m) => text.includes(m)))
        .map(([surface]) => surface);
    };

    const before = await everyone(leave, holderName);
    const ids = world.idsFor(leave, unmappedId);
    const planned = await execute(
      world.kernel,
      planLeave,
      { post: leave.postCode, ...LEAVE, kind: "triggered", trigger: "tip_off", substitute: substitute.code },
      { personId: ids.hr, platform: "console" },
    );
    expect(planned).toMatchObject({ ok: true });
    const row = await p.leave.findFirstOrThrow({ where: { holderId: holder.id } });
    const audit = await p.audit.findFirstOrThrow({ where: { leaveId: row.id } });
    const team = [
      { person: "E-A1", role: "team_leader" },
      { person: "E-A2", role: "lead_auditor" },
    ];
    expect(
      await execute(
        world.kernel,
        formTeam,
        { auditId: audit.id, team },
        { personId: ids.compliance, platform: "console" },
      ),
    ).toMatchObject({ ok: true });
    await world.kernel.uow.run((tx) => leaveNoticeDelivered(tx, envOf(world.kernel), row.id));
    const after = await everyone(leave, holderName);

    let surfaces = 0;
    const leaks: string[] = [];
    const seen: string[] = [];
    for (const role of MATRIX_ROLES) {
      const was = before.get(role)!;
      const now = after.get(role)!;
      surfaces += Object.keys(now).length;
      const changed = Object.keys(now).filter((s) => now[s] !== was[s]);
      if (INSIDERS.includes(role)) {
        if (changed.length > 0) seen.push(role);
        continue;
      }
      for (const surface of changed) leaks.push(`${role} · ${surface}: changed once the sealed leave was planned`);
      for (const surface of mentions(role, now, false)) leaks.push(`${role} · ${surface}: names the sealed leave`);
    }
    console.log(
      `secrecy (${engine}), sealed: ${MATRIX_ROLES.length} roles, ${surfaces} surfaces read (up to ${Math.max(...[...after.values()].map((s) => Object.keys(s).length))} each); ` +
        `leaks ${leaks.length}; insiders who see it ${seen.length}/${INSIDERS.length}`,
    );
    expect(leaks).toEqual([]);
    expect(seen.sort()).toEqual([...INSIDERS].sort());

    // The start: revealed to the holder, the substitute, managers and executives in scope.
    world.kernel.clock.set(STARTED_AT);
    expect(
      await execute(
        world.kernel,
        startLeave,
        { leaveId: row.id, witness: null },
        { personId: ids.hr, platform: "console" },
      ),
    ).toMatchObject({ ok: true });
    const started = await everyone(leave, holderName);
    const wrong: string[] = [];
    for (const role of MATRIX_ROLES) {
      const where = mentions(role, started.get(role)!, true);
      // The audit team saw it before the start (above); its cards name the post, not the cover.
      if (REVEALED.includes(role) && role !== "auditor_of_this_audit" && where.length === 0)
        wrong.push(`${role}: sees nothing of the started leave`);
      if (!REVEALED.includes(role) && where.length > 0)
        wrong.push(`${role}: sees the started leave on ${where.join(", ")}`);
    }
    console.log(`secrecy (${engine}), started: ${wrong.length} roles seeing what the rules do not say`);
    expect(wrong).toEqual([]);
  }, 600_000);
});

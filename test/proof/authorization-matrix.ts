// The authorization matrix through the use-case layer (run on SQLite and on PostgreSQL by the two
// authorization-matrix.<engine>.test.ts files): every leave command
// × eleven roles × every state of a sealed leave, plus choosing one's language and asking about the
// leave's unit. Each cell is allowed exactly where the leave machine's table (and the named use-case
// rules in leave-matrix.ts) say, and refused with the rule's code everywhere else. A refused cell
// changes nothing, writes exactly one `<command>.refused` entry to the audit log with its code (an
// unmapped user is not a person of the register: decision 17.3), and tells compliance exactly when
// the refusal's sentence says compliance has been told. The figures are printed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Provider } from "../../src/infra/db/database.ts";
import { ask } from "../../src/app/home/query.ts";
import { setLocale } from "../../src/app/home/set-locale.ts";
import { execute } from "../../src/app/kernel/execute.ts";
import type { UseCase } from "../../src/app/kernel/use-case.ts";
import { askQuestion } from "../../src/app/questions/ask-question.query.ts";
import type { LogPlatform } from "../../src/ports/audit-log.ts";
import { NEW } from "../../src/domain/machine/machine.ts";
import {
  expectedMajorEvent,
  MAJOR_EVENT_COMMANDS,
  MAJOR_EVENT_MATRIX_STATES,
  type MajorEventCommand,
} from "./major-event-matrix.ts";
import { testDatabase, type TestDatabase } from "../support/databases.ts";
import {
  actorFor,
  expected,
  expectedQuestion,
  expectedSetLocale,
  inputOf,
  LEAVE_COMMANDS,
  MATRIX_ROLES,
  MATRIX_STATES,
  MatrixWorld,
  SYSTEM_ONLY_EVENTS,
  type CellLeave,
  type Expected,
  type LeaveCommand,
} from "./leave-matrix.ts";

const PLATFORMS: readonly LogPlatform[] = ["slack", "teams", "console"];
const TOLD = /compliance has been told/i;

interface Figures {
  allowed: number;
  allowedAsRuled: number;
  refused: number;
  refusedAsRuled: number;
  mustLog: number;
  logged: number;
  toldWhereSaid: number;
}

/** The suite on one engine (one file per engine, so that the two run side by side). */
export function matrixSuite(engine: Provider): void {
  describe(`the authorization matrix through the use cases on ${engine}`, () => {
    let db: TestDatabase;
    let world: MatrixWorld;
    const unmappedId = randomUUID();
    beforeAll(async () => {
      db = await testDatabase(engine);
      world = await MatrixWorld.open(db);
    }, 120_000);
    afterAll(async () => db?.drop());

    it("allows exactly what the rules allow, refuses the rest with their code, logs every refusal", async () => {
      const p = db.prisma;
      const figures: Figures = {
        allowed: 0,
        allowedAsRuled: 0,
        refused: 0,
        refusedAsRuled: 0,
        mustLog: 0,
        logged: 0,
        toldWhereSaid: 0,
      };
      const wrong: string[] = [];
      const newSubstitute = await p.employee.findUniqueOrThrow({ where: { code: "E-XX" } });
      let cell = 0;

      /** Tries one cell and checks what it did against what was expected. */
      const tryCell = async (
        label: string,
        exp: Expected,
        leave: CellLeave,
        personId: string,
        name: string,
        run: (platform: LogPlatform) => Promise<{ ok: true } | { ok: false; code: string; message: { en: string } }>,
        /** What must not change when refused (default: the leave's row), and whose status an allowed cell moves. */
        subject?: () => Promise<unknown>,
      ) => {
        const platform = PLATFORMS[cell++ % PLATFORMS.length]!;
        world.nextInstant();
        const lastSeq = (await p.auditLogEntry.aggregate({ _max: { seq: true } }))._max.seq ?? 0;
        const told = () => p.notice.count({ where: { kind: "suspended_attempt" } });
        const toldBefore = await told();
        const row =
          subject ??
          (() =>
            leave.leaveId === null
              ? p.leave.count({ where: { holderId: leave.holderId } }).then((n) => ({ leaves: n }))
              : p.leave.findUniqueOrThrow({ where: { id: leave.leaveId } }).then((l) => ({
                  status: l.status,
                  version: l.version,
                  substituteId: l.substituteId,
                  endDate: l.endDate,
                })));
        const before = await row();
        const out = await run(platform);
        const got = out.ok ? "allowed" : out.code;
        const want = exp.ok ? "allowed" : exp.code;
        if (exp.ok) {
          figures.allowed += 1;
          const after = await row();
          const moved = exp.to === null || (after as { status?: string }).status === exp.to;
          if (out.ok && moved) figures.allowedAsRuled += 1;
          else
            wrong.push(
              `${label}: expected allowed${exp.to ? ` → ${exp.to}` : ""}, got ${got} ${JSON.stringify(after)}`,
            );
          return;
        }
        figures.refused += 1;
        const after = await row();
        if (got === want && JSON.stringify(after) === JSON.stringify(before)) figures.refusedAsRuled += 1;
        else
          wrong.push(
            `${label}: expected ${want}, got ${got}${JSON.stringify(after) === JSON.stringify(before) ? "" : " and it changed"}`,
          );
        const entries = await p.auditLogEntry.findMany({ where: { seq: { gt: lastSeq } } });
        if (exp.code !== "UNKNOWN_USER") {
          figures.mustLog += 1;
          const one = entries.length === 1 ? entries[0]! : undefined;
          if (
            one &&
            one.action === `${name}.refused` &&
            one.actorId === personId &&
            one.platform === platform &&
            (JSON.parse(one.data) as { code?: string }).code === exp.code
          )
            figures.logged += 1;
          else
            wrong.push(`${label}: refusal not logged once: ${entries.map((e) => `${e.action} ${e.data}`).join("; ")}`);
        } else if (entries.length > 0)
          wrong.push(`${label}: an unmapped user's attempt wrote ${entries.length} entries`);
        const toldNow = (await told()) - toldBefore;
        const says = !out.ok && TOLD.test(out.message.en);
        if (toldNow > 0 === says && toldNow > 0 === (exp.code === "SUSPENDED")) figures.toldWhereSaid += 1;
        else wrong.push(`${label}: compliance told ${toldNow}, the sentence ${says ? "says" : "does not say"} so`);
      };

      for (const state of MATRIX_STATES) {
        const shared = await world.leaveIn(state);
        const commands = (Object.keys(LEAVE_COMMANDS) as LeaveCommand[]).filter((c) => state !== NEW || c === "plan");
        for (const command of commands) {
          for (const role of MATRIX_ROLES) {
            const sharedIds = world.idsFor(shared, unmappedId);
            const first = expected(command, role, shared, sharedIds, newSubstitute.id);
            // An allowed cell changes its leave: it gets a leave of its own in the same state.
            const leave = first.ok ? await world.leaveIn(state) : shared;
            const ids = world.idsFor(leave, unmappedId);
            const exp = first.ok ? expected(command, role, leave, ids, newSubstitute.id) : first;
            const useCase = LEAVE_COMMANDS[command] as unknown as UseCase<unknown>;
            await tryCell(`${state} × ${command} × ${role}`, exp, leave, ids[role], useCase.name, (platform) =>
              execute(world.kernel, useCase, inputOf(command, leave, newSubstitute.code), {
                personId: ids[role],
                platform,
              }),
            );
          }
        }
        for (const role of MATRIX_ROLES) {
          const ids = world.idsFor(shared, unmappedId);
          const actor = actorFor(role, ids, shared);
          await tryCell(
            `${state} × settings × ${role}`,
            expectedSetLocale(actor),
            shared,
            ids[role],
            "profile.set_locale",
            (platform) => execute(world.kernel, setLocale, { locale: "en" }, { personId: ids[role], platform }),
          );
          await tryCell(
            `${state} × question × ${role}`,
            expectedQuestion(actor),
            shared,
            ids[role],
            "question.ask",
            (platform) => ask(world.kernel, askQuestion, { text: "status of SB1" }, { personId: ids[role], platform }),
          );
        }
      }

      // Major-event reports: filing one's own and compliance's three decisions, the holder as reporter.
      let reportCells = 0;
      for (const state of MAJOR_EVENT_MATRIX_STATES) {
        const shared = await world.reportIn(state);
        const commands = (Object.keys(MAJOR_EVENT_COMMANDS) as MajorEventCommand[]).filter(
          (c) => (state === NEW) === (c === "file"),
        );
        for (const command of commands) {
          for (const role of MATRIX_ROLES) {
            const actorOf = (r: typeof shared) => actorFor(role, world.idsFor(r.reporter, unmappedId), r.reporter);
            const first = expectedMajorEvent(command, actorOf(shared), state, shared.reporter.holderId);
            const report = first.ok ? await world.reportIn(state) : shared;
            const ids = world.idsFor(report.reporter, unmappedId);
            const exp = first.ok
              ? expectedMajorEvent(command, actorOf(report), state, report.reporter.holderId)
              : first;
            const useCase = MAJOR_EVENT_COMMANDS[command] as unknown as UseCase<unknown>;
            reportCells += 1;
            const input =
              command === "file"
                ? { kind: "large_debt", description: `matrix cell ${cell}`, occurredOn: "2026-03-01" }
                : { reportId: report.reportId, note: "matrix note" };
            const subject = () =>
              report.reportId === null
                ? p.majorEventReport.count({ where: { reporterId: ids[role] } }).then((n) => ({ reports: n }))
                : p.majorEventReport
                    .findUniqueOrThrow({ where: { id: report.reportId } })
                    .then((r) => ({ status: r.status, version: r.version }));
            await tryCell(
              `report ${state} × ${command} × ${role}`,
              exp,
              report.reporter,
              ids[role],
              useCase.name,
              (platform) => execute(world.kernel, useCase, input, { personId: ids[role], platform }),
              subject,
            );
          }
        }
      }

      const total = figures.allowed + figures.refused;
      console.log(
        `authorization matrix (${engine}): ${total} cells (${MATRIX_ROLES.length} roles × ${MATRIX_STATES.length} states × ` +
          `${Object.keys(LEAVE_COMMANDS).length + 2} commands, and ${reportCells} major-event cells; ` +
          `system-only events: ${SYSTEM_ONLY_EVENTS.join(", ")}); ` +
          `allowed ${figures.allowedAsRuled}/${figures.allowed}, refused ${figures.refusedAsRuled}/${figures.refused}, ` +
          `refusals logged ${figures.logged}/${figures.mustLog}, compliance told where said ${figures.toldWhereSaid}/${figures.refused}`,
      );
      expect(wrong).toEqual([]);
      expect(figures.allowed).toBeGreaterThan(0);
    }, 1_500_000);
  });
}

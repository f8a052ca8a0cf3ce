// The authorization matrix through the use-case layer (run on SQLite and on PostgreSQL by the two
// authorization-matrix.<engine>.test.ts files): every leave command
// × eleven roles × every state of a sealed leave, plus choosing one's language and asking about the
// leave's unit. Each cell is allowed exactly where the leave machine's table (and the named use-case
// rules in leave-matrix.ts) say, and refused with the rule's code everywhere else. A refused cell
// changes nothing, writes exactly one `<command>.refused` entry to the audit log with its code (an
// unmapped user is not a person of the register: decision 17.3), and tells compliance exactly when
// the refusal's sentence says compliance has been told. The figures are printed.
import type { Provider } from "../../src/infra/db/database.ts";
import { ask } from "../../src/app/home/query.ts";
import { setLocale } from "../../src/app/home/set-locale.ts";
import { execute, type Kernel } from "../../src/app/kernel/execute.ts";
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
import { matrixSuite, type CellOptions, type CellOutcome, type TryCell } from "./matrix-cells.ts";
import {
  actorFor,
  expected,
  expectedQuestion,
  expectedSetLocale,
  inputOf,
  LEAVE_COMMANDS,
  MATRIX_ROLES,
  MATRIX_STATES,
  SYSTEM_ONLY_EVENTS,
  type CellLeave,
  type Expected,
  type LeaveCommand,
} from "./leave-matrix.ts";

/** The suite on one engine (one file per engine, so that the two run side by side). */
export function leaveMatrixSuite(engine: Provider): void {
  matrixSuite(
    "the authorization matrix",
    engine,
    "allows exactly what the rules allow, refuses the rest with their code, logs every refusal",
    async (world, runner, unmappedId) => {
      const p = world.db.prisma;
      const newSubstitute = await p.employee.findUniqueOrThrow({ where: { code: "E-XX" } });
      let cell = 0;
      /** The leave's row is what must not change when refused, unless another subject is named. */
      const leaveRow = (leave: CellLeave) => () =>
        leave.leaveId === null
          ? p.leave.count({ where: { holderId: leave.holderId } }).then((n) => ({ leaves: n }))
          : p.leave.findUniqueOrThrow({ where: { id: leave.leaveId } }).then((l) => ({
              status: l.status,
              version: l.version,
              substituteId: l.substituteId,
              endDate: l.endDate,
            }));
      let judge: TryCell = () => undefined;
      const tryCell = (
        label: string,
        exp: Expected,
        leave: CellLeave,
        personId: string,
        name: string,
        run: (platform: LogPlatform, kernel: Kernel) => Promise<CellOutcome>,
        subject?: () => Promise<unknown>,
        options?: CellOptions,
      ) => {
        cell += 1;
        judge(label, exp, personId, name, run, subject ?? leaveRow(leave), options);
      };

      // Each state's leave is built once; the cells that change it get it back as built (13.s10m-1).
      for (const state of MATRIX_STATES) {
        const leave = await world.leaveIn(state);
        const commands = (Object.keys(LEAVE_COMMANDS) as LeaveCommand[]).filter((c) => state !== NEW || c === "plan");
        const ids = world.idsFor(leave, unmappedId);
        await runner.stage((add) => {
          judge = add;
          for (const command of commands) {
            for (const role of MATRIX_ROLES) {
              const exp = expected(command, role, leave, ids, newSubstitute.id);
              const useCase = LEAVE_COMMANDS[command] as unknown as UseCase<unknown>;
              tryCell(`${state} × ${command} × ${role}`, exp, leave, ids[role], useCase.name, (platform, kernel) =>
                execute(kernel, useCase, inputOf(command, leave, newSubstitute.code), {
                  personId: ids[role],
                  platform,
                }),
              );
            }
          }
          // Choosing one's language and asking a question change no leave: tried on the world as the cells leave it.
          const asBefore = { pristine: false };
          for (const role of MATRIX_ROLES) {
            const actor = actorFor(role, ids, leave);
            tryCell(
              `${state} × settings × ${role}`,
              expectedSetLocale(actor),
              leave,
              ids[role],
              "profile.set_locale",
              (platform, kernel) => execute(kernel, setLocale, { locale: "en" }, { personId: ids[role], platform }),
              undefined,
              asBefore,
            );
            tryCell(
              `${state} × question × ${role}`,
              expectedQuestion(actor),
              leave,
              ids[role],
              "question.ask",
              (platform, kernel) =>
                ask(kernel, askQuestion, { text: "status of SB1" }, { personId: ids[role], platform }),
              undefined,
              asBefore,
            );
          }
        });
      }

      // Major-event reports: filing one's own and compliance's three decisions, the holder as reporter.
      let reportCells = 0;
      for (const state of MAJOR_EVENT_MATRIX_STATES) {
        const report = await world.reportIn(state);
        const commands = (Object.keys(MAJOR_EVENT_COMMANDS) as MajorEventCommand[]).filter(
          (c) => (state === NEW) === (c === "file"),
        );
        const ids = world.idsFor(report.reporter, unmappedId);
        await runner.stage((add) => {
          judge = add;
          for (const command of commands) {
            for (const role of MATRIX_ROLES) {
              const exp = expectedMajorEvent(
                command,
                actorFor(role, ids, report.reporter),
                state,
                report.reporter.holderId,
              );
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
              tryCell(
                `report ${state} × ${command} × ${role}`,
                exp,
                report.reporter,
                ids[role],
                useCase.name,
                (platform, kernel) => execute(kernel, useCase, input, { personId: ids[role], platform }),
                subject,
              );
            }
          }
        });
      }

      return (
        `authorization matrix (${engine}): ${cell} cells (${MATRIX_ROLES.length} roles × ${MATRIX_STATES.length} states × ` +
        `${Object.keys(LEAVE_COMMANDS).length + 2} commands, and ${reportCells} major-event cells; ` +
        `system-only events: ${SYSTEM_ONLY_EVENTS.join(", ")})`
      );
    },
  );
}

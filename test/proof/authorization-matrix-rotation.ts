// The authorization matrix of job rotation and of handovers through the use-case layer (run on SQLite
// and on PostgreSQL by the two authorization-matrix-rotation.<engine>.test.ts files): plan, approve,
// notify and cancel a rotation × the matrix's eleven roles × every state a rotation rests in, and
// confirming an item or the whole sheet × the roles × every purpose and state a handover rests in.
// Each cell is judged as the leave matrix's are (matrix-cells.ts); the oracles are in
// rotation-handover-matrix.ts.
import type { Provider } from "../../src/infra/db/database.ts";
import { execute } from "../../src/app/kernel/execute.ts";
import type { UseCase } from "../../src/app/kernel/use-case.ts";
import { NEW } from "../../src/domain/machine/machine.ts";
import { actorFor, MATRIX_ROLES } from "./leave-matrix.ts";
import { matrixSuite } from "./matrix-cells.ts";
import {
  expectedHandover,
  expectedRotation,
  HANDOVER_COMMANDS,
  HANDOVER_STAGES,
  handoverIn,
  handoverInputOf,
  handoverStageName,
  ROTATION_COMMANDS,
  ROTATION_MATRIX_STATES,
  ROTATION_SYSTEM_EVENTS,
  rotationIn,
  rotationInputOf,
  TRANSIENT_ROTATION_STATES,
  UNREACHED_HANDOVER_STATES,
  type CellHandover,
  type CellRotation,
  type HandoverCommand,
  type RotationCommand,
} from "./rotation-handover-matrix.ts";

export function rotationMatrixSuite(engine: Provider): void {
  matrixSuite(
    "the rotation and handover authorization matrix",
    engine,
    "allows exactly what the rotation table and the handover rules allow, refuses the rest with their code, logs every refusal",
    async (world, runner, unmappedId) => {
      const p = world.db.prisma;
      let rotationCells = 0;
      let handoverCells = 0;

      const rotationRow = (r: CellRotation) => () =>
        p.rotation.findUniqueOrThrow({ where: { id: r.rotationId } }).then((row) => ({
          status: row.status,
          version: row.version,
          incomingId: row.incomingId,
          plannedDate: row.plannedDate,
        }));
      // Each state's rotation (and below each stage's handover) is built once; a cell that changes it
      // gets it back as built (13.s10m-1).
      for (const state of ROTATION_MATRIX_STATES) {
        const rotation = await rotationIn(world, state);
        await runner.stage((tryCell) => {
          for (const command of Object.keys(ROTATION_COMMANDS) as RotationCommand[]) {
            const useCase = ROTATION_COMMANDS[command] as unknown as UseCase<unknown>;
            for (const role of MATRIX_ROLES) {
              const exp = expectedRotation(
                command,
                actorFor(role, world.idsFor(rotation.post, unmappedId), rotation.post),
                rotation,
              );
              const personId = world.idsFor(rotation.post, unmappedId)[role];
              rotationCells += 1;
              tryCell(
                `rotation ${state} × ${command} × ${role}`,
                exp,
                personId,
                useCase.name,
                (platform, kernel) =>
                  execute(kernel, useCase, rotationInputOf(command, rotation), { personId, platform }),
                rotationRow(rotation),
              );
            }
          }
        });
      }

      const handoverRow = (h: CellHandover) => () =>
        p.handover
          .findUniqueOrThrow({ where: { id: h.handoverId }, include: { confirms: true } })
          .then((row) => ({ status: row.status, version: row.version, confirmations: row.confirms.length }));
      for (const stage of HANDOVER_STAGES) {
        const handover = await handoverIn(world, stage);
        await runner.stage((tryCell) => {
          for (const command of Object.keys(HANDOVER_COMMANDS) as HandoverCommand[]) {
            const useCase = HANDOVER_COMMANDS[command] as unknown as UseCase<unknown>;
            for (const role of MATRIX_ROLES) {
              const exp = expectedHandover(
                command,
                actorFor(role, world.idsFor(handover.leave, unmappedId), {
                  ...handover.leave,
                  state: handover.leaveState ?? NEW,
                }),
                handover,
                world.now(),
              );
              const personId = world.idsFor(handover.leave, unmappedId)[role];
              handoverCells += 1;
              tryCell(
                `handover ${handoverStageName(stage)} × ${command} × ${role}`,
                exp,
                personId,
                useCase.name,
                (platform, kernel) =>
                  execute(kernel, useCase, handoverInputOf(command, handover), { personId, platform }),
                handoverRow(handover),
              );
            }
          }
        });
      }

      return (
        `rotation and handover authorization matrix (${engine}): ${rotationCells + handoverCells} cells (${rotationCells} rotation cells: ` +
        `${MATRIX_ROLES.length} roles × ${ROTATION_MATRIX_STATES.length} states × ${Object.keys(ROTATION_COMMANDS).length} commands, ` +
        `system-only events: ${ROTATION_SYSTEM_EVENTS.join(", ")}, never at rest: ${TRANSIENT_ROTATION_STATES.join(", ")}; ` +
        `${handoverCells} handover cells: ${MATRIX_ROLES.length} roles × ${HANDOVER_STAGES.length} purposes and states × ` +
        `${Object.keys(HANDOVER_COMMANDS).length} commands, never reached: ${UNREACHED_HANDOVER_STATES.join(", ")})`
      );
    },
  );
}

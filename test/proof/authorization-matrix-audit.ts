// The authorization matrix of the off-post audit and its rectification items through the use-case
// layer (run on SQLite and on PostgreSQL by the two authorization-matrix-audit.<engine>.test.ts
// files): every audit command (form the team, draft, reject and approve the plan, issue the notice,
// mark a checklist item, record a finding, draft the report, the holder's opinion, the executive's
// signature, closing) and both rectification commands × twelve roles × every state an audit rests in.
// Each cell is judged as the leave matrix's are (matrix-cells.ts): allowed exactly where the tables
// and the named use-case rules in audit-matrix.ts say, refused with the rule's code elsewhere,
// nothing changed, every refusal logged once, compliance told exactly where the sentence says.
import type { Provider } from "../../src/infra/db/database.ts";
import { execute } from "../../src/app/kernel/execute.ts";
import type { UseCase } from "../../src/app/kernel/use-case.ts";
import {
  AUDIT_COMMANDS,
  AUDIT_ROLES,
  AUDIT_STAGES,
  AUDIT_SYSTEM_EVENTS,
  auditActorFor,
  auditIdsFor,
  auditIn,
  auditInputOf,
  expectedAudit,
  expectedRectification,
  OWNER_CODE,
  RECTIFICATION_COMMANDS,
  rectificationInputOf,
  stageName,
  TRANSIENT_AUDIT_STATES,
  type AuditCommand,
  type AuditOracleIds,
  type CellAudit,
  type RectificationCommand,
} from "./audit-matrix.ts";
import type { Expected } from "./leave-matrix.ts";
import { matrixSuite, type TryCell } from "./matrix-cells.ts";

export function auditMatrixSuite(engine: Provider): void {
  matrixSuite(
    "the audit and rectification authorization matrix",
    engine,
    "allows exactly what the audit and rectification tables allow, refuses the rest with their code, logs every refusal",
    async (world, runner, unmappedId) => {
      const p = world.db.prisma;
      const ids = world.bank.ids;
      const owner = await p.employee.findUniqueOrThrow({ where: { code: OWNER_CODE } });
      const people: AuditOracleIds = {
        leader: ids.leader,
        lead: ids.lead,
        executive: ids.executive,
        ownerId: owner.id,
      };
      let n = 0;
      let rectificationCells = 0;
      /** What a refused cell must leave alone: the audit's row (every change moves its version) and its items. */
      const subject = (audit: CellAudit) => async () => {
        const [row, rectifications] = await Promise.all([
          p.audit.findUniqueOrThrow({ where: { id: audit.auditId } }),
          p.rectification.findMany({
            where: { auditId: audit.auditId },
            select: { id: true, status: true },
            orderBy: { id: "asc" },
          }),
        ]);
        return { status: row.status, version: row.version, rectifications };
      };

      /** One cell on the stage's audit (built once; a cell that changes it gets it back as built: 13.s10m-1). */
      const cell = (
        tryCell: TryCell,
        audit: CellAudit,
        label: string,
        role: (typeof AUDIT_ROLES)[number],
        useCase: UseCase<unknown>,
        exp: Expected,
        input: Record<string, unknown>,
      ) => {
        n += 1;
        const personId = auditIdsFor(world, audit, unmappedId)[role];
        tryCell(
          label,
          exp,
          personId,
          useCase.name,
          (platform, kernel) => execute(kernel, useCase, input, { personId, platform }),
          subject(audit),
        );
      };

      for (const stage of AUDIT_STAGES) {
        const audit = await auditIn(world, stage);
        await runner.stage((tryCell) => {
          for (const command of Object.keys(AUDIT_COMMANDS) as AuditCommand[]) {
            const useCase = AUDIT_COMMANDS[command] as unknown as UseCase<unknown>;
            for (const role of AUDIT_ROLES) {
              const exp = expectedAudit(
                command,
                auditActorFor(role, auditIdsFor(world, audit, unmappedId), audit),
                audit,
                people,
                world.now(),
              );
              cell(
                tryCell,
                audit,
                `${stageName(stage)} × ${command} × ${role}`,
                role,
                useCase,
                exp,
                auditInputOf(command, audit, n),
              );
            }
          }
          for (const command of Object.keys(RECTIFICATION_COMMANDS) as RectificationCommand[]) {
            // Closing an item needs one: the stages in which the world has raised one (open, then closed).
            if (command === "close" && audit.rectification === null) continue;
            const useCase = RECTIFICATION_COMMANDS[command] as unknown as UseCase<unknown>;
            for (const role of AUDIT_ROLES) {
              rectificationCells += 1;
              const exp = expectedRectification(
                command,
                auditActorFor(role, auditIdsFor(world, audit, unmappedId), audit),
                audit,
                people,
                world.now(),
              );
              cell(
                tryCell,
                audit,
                `${stageName(stage)} × rectification.${command} × ${role}`,
                role,
                useCase,
                exp,
                rectificationInputOf(command, audit, n),
              );
            }
          }
        });
      }

      return (
        `audit authorization matrix (${engine}): ${n} cells (${AUDIT_ROLES.length} roles × ${AUDIT_STAGES.length} stages × ` +
        `${Object.keys(AUDIT_COMMANDS).length} audit commands, and ${rectificationCells} rectification cells; ` +
        `system-only events: ${AUDIT_SYSTEM_EVENTS.join(", ")}; never at rest: ${TRANSIENT_AUDIT_STATES.join(", ")})`
      );
    },
  );
}

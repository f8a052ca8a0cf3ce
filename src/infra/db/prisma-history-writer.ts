// Writes past mandatory leaves (src/app/history) inside the import's transaction, after the
// register rows of the same command, so a ledger may name employees and posts imported with it.
// A past leave is stored closed and unsealed (it is over: nothing to keep secret), in the post's
// unit; plannedById is the holder (Keypost did not plan it) and reason says it was imported.
// Upsert by (holder, post, start): the same file again changes nothing.
import type { PastLeave } from "../../app/history/leave-history-rows.ts";
import type { RowError } from "../../ports/register-source.ts";
import { newId as defaultNewId, type NewId } from "../../ports/ids.ts";
import { appendLogEntry } from "./audit-log-writer.ts";
import type { Provider, Tx } from "./database.ts";

export const IMPORTED_REASON = "imported history";

export interface HistoryWriteReport {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

export async function writePastLeaves(
  tx: Tx,
  provider: Provider,
  file: string,
  leaves: readonly PastLeave[],
  at: Date,
  newId: NewId = defaultNewId,
): Promise<{ errors: RowError[]; report: HistoryWriteReport }> {
  const errors: RowError[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const employees = new Map(
    (
      await tx.employee.findMany({
        where: { code: { in: [...new Set(leaves.map((l) => l.employeeCode))] } },
        select: { id: true, code: true },
      })
    ).map((e) => [e.code, e.id]),
  );
  const posts = new Map(
    (
      await tx.keyPost.findMany({
        where: { code: { in: [...new Set(leaves.map((l) => l.postCode))] } },
        select: { id: true, code: true, unitId: true },
      })
    ).map((p) => [p.code, p]),
  );
  for (const leave of leaves) {
    const holderId = employees.get(leave.employeeCode);
    const post = posts.get(leave.postCode);
    if (!holderId)
      errors.push({
        file,
        line: leave.line,
        column: "employee_code",
        reason: `unknown employee "${leave.employeeCode}"`,
      });
    if (!post) errors.push({ file, line: leave.line, column: "post_code", reason: `unknown post "${leave.postCode}"` });
    if (!holderId || !post || errors.length > 0) continue;
    const existing = await tx.leave.findFirst({
      where: { holderId, postId: post.id, startDate: leave.startDate, reason: IMPORTED_REASON },
      select: { id: true, endDate: true, kind: true },
    });
    const fields = {
      endDate: leave.endDate,
      kind: leave.kind,
      startedAt: new Date(`${leave.startDate}T00:00:00Z`),
      closedAt: new Date(`${leave.endDate}T00:00:00Z`),
    };
    if (existing) {
      if (existing.endDate === leave.endDate && existing.kind === leave.kind) counts.unchanged += 1;
      else {
        await tx.leave.update({ where: { id: existing.id }, data: fields });
        counts.updated += 1;
      }
      continue;
    }
    await tx.leave.create({
      data: {
        id: newId(),
        holderId,
        postId: post.id,
        unitId: post.unitId,
        startDate: leave.startDate,
        sealed: false,
        status: "closed",
        reason: IMPORTED_REASON,
        plannedById: holderId,
        ...fields,
      },
    });
    counts.created += 1;
  }
  if (errors.length === 0 && counts.created + counts.updated > 0)
    await appendLogEntry(tx, provider, {
      at,
      actorId: null,
      platform: "cli",
      action: "history.imported",
      subjectType: "history",
      subjectId: "leaves",
      data: { file, ...counts },
    });
  return { errors, report: counts };
}

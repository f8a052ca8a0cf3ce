// Moving clients from one person to another: each open ClientAssignment is ended and a new one
// started on the same day, with the reason (rotation | manual) and the rotation's id, and one log
// entry per client — so "who serves client C, and who did before" reads straight off the rows.
import type { LogPlatform } from "../../ports/audit-log.ts";
import type { ClientServed } from "../../ports/client-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Env } from "../kernel/use-case.ts";

export interface ClientMove {
  readonly fromId: string;
  readonly toId: string;
  /** The clients to move, as `servedBy(fromId)` returned them. */
  readonly clients: readonly ClientServed[];
  readonly date: string;
  readonly reason: "rotation" | "manual";
  readonly rotationId: string | null;
  readonly by: { readonly actorId: string | null; readonly platform: LogPlatform };
  readonly note?: string;
}

/** Returns the codes of the clients moved. */
export async function moveClients(tx: TxPorts, env: Env, move: ClientMove): Promise<string[]> {
  if (move.clients.length === 0) return [];
  const [from, to] = [await tx.people.byId(move.fromId), await tx.people.byId(move.toId)];
  const started = await tx.clients.move(
    move.clients.map((c) => ({ assignmentId: c.assignment.id, clientId: c.client.id })),
    { employeeId: move.toId, date: move.date, reason: move.reason, rotationId: move.rotationId },
  );
  for (const [i, served] of move.clients.entries()) {
    await tx.log.append({
      at: env.now,
      actorId: move.by.actorId,
      platform: move.by.platform,
      action: "client.reassigned",
      subjectType: "client",
      subjectId: served.client.id,
      data: {
        client: served.client.code,
        from: from?.code ?? move.fromId,
        to: to?.code ?? move.toId,
        date: move.date,
        reason: move.reason,
        rotationId: move.rotationId,
        assignmentId: started[i]?.id ?? null,
        ...(move.note ? { note: move.note } : {}),
      },
      // Employee codes are personal data; the note is the actor's typed text.
      personal: {
        from: move.fromId,
        to: move.toId,
        ...(move.note && move.by.actorId ? { note: move.by.actorId } : {}),
      },
    });
  }
  return move.clients.map((c) => c.client.code);
}

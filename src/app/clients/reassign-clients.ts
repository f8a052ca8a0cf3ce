// clients.reassign — HR moves named clients from one relationship manager to another, with history
// (each move ends a ClientAssignment row and starts one, reason "manual"). HR must cover the
// manager giving the clients, the one taking them, and each client's unit. Clients the receiving
// manager already serves are left as they are; when that is all of them, it is ALREADY_DONE.
import { z } from "zod";
import { roleCheck } from "../../domain/access/roles.ts";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import { localDateOf } from "../../domain/calendar/index.ts";
import { DomainError } from "../../domain/errors.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { Code, personByCode } from "../rotation/rotation-inputs.ts";
import { moveClients } from "./move-clients.ts";

const Input = z
  .object({
    from: Code,
    to: Code,
    clients: z.array(Code).min(1).max(1000),
    note: z.string().trim().max(500).default(""),
  })
  .refine((i) => i.from !== i.to, { message: "the clients must go to another person", path: ["to"] });

export const reassignClients = useCase({
  name: "clients.reassign",
  input: Input,
  async run(input, who, tx, env) {
    const suspended = suspensionCheck(who.actor, { name: "clients.reassign" });
    if (suspended) throw new DomainError(suspended);
    const from = await personByCode(tx, input.from, "from");
    const to = await personByCode(tx, input.to, "to");
    const codes = [...new Set(input.clients)];
    const clients = await tx.clients.byCodes(codes);
    const missing = codes.find((c) => !clients.some((k) => k.code === c));
    if (missing !== undefined) throw new DomainError("NOT_FOUND", { subject: "client", code: missing });
    for (const path of [from.unitPath, to.unitPath, ...clients.map((c) => c.unitPath ?? from.unitPath)]) {
      const refused = roleCheck(who.actor, ["hr"], path);
      if (refused) throw new DomainError(refused);
    }
    const current = new Map((await tx.clients.currentOf(clients.map((c) => c.id))).map((a) => [a.clientId, a]));
    const already = clients.filter((c) => current.get(c.id)?.employeeId === to.id);
    const notFroms = clients.find(
      (c) => current.get(c.id)?.employeeId !== from.id && current.get(c.id)?.employeeId !== to.id,
    );
    if (notFroms) throw new DomainError("NOT_FOUND", { subject: "client_of_from", code: notFroms.code });
    if (already.length === clients.length) throw new DomainError("ALREADY_DONE");
    const served = (await tx.clients.servedBy(from.id)).filter((s) => codes.includes(s.client.code));
    const moved = await moveClients(tx, env, {
      fromId: from.id,
      toId: to.id,
      clients: served,
      date: localDateOf(env.now, from.unitTimeZone),
      reason: "manual",
      rotationId: null,
      by: { actorId: who.person.id, platform: who.platform },
      note: input.note,
    });
    return {
      message: bi(
        `已将 ${moved.length} 名客户从 ${from.code} 移交给 ${to.code}。`,
        `${moved.length} client(s) moved from ${from.code} to ${to.code}.`,
      ),
      touched: [],
    };
  },
});

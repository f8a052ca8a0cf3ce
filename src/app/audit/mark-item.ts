// audit.mark_item: a team member marks one checklist item pass, exception (a note is required) or
// not applicable, with an evidence link. A button names the item's result it was offered on
// ("pending"): if someone marked the item first, the press is STALE_ACTION and the card refreshed.
// Without it (a command), a marked item may be corrected; the same mark again is ALREADY_DONE.
import { z } from "zod";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { ITEM_RESULTS, checkItemMark } from "../../domain/audit/checklist.ts";
import { DomainError } from "../../domain/errors.ts";
import { decideOrThrow } from "../../domain/machine/machine.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { auditId, evidenceUrl, note } from "./audit-inputs.ts";
import { admit, auditContext, auditRef, bump, loadAudit, logAudit } from "./audit-subject.ts";

export const markItem = useCase({
  name: "audit.mark_item",
  input: z.object({
    auditId,
    seq: z.number().int().positive(),
    result: z.enum(["pass", "exception", "not_applicable"]),
    note,
    evidenceUrl,
    /** The item's result on the card the button came from. */
    expectedResult: z.enum(ITEM_RESULTS).optional(),
  }),
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    admit(who, audit, "mark_item", env.now);
    const item = audit.items.find((i) => i.seq === input.seq);
    if (!item) throw new DomainError("NOT_FOUND", { item: input.seq });
    if (input.expectedResult !== undefined && item.result !== input.expectedResult)
      throw new DomainError("STALE_ACTION", { item: input.seq, result: item.result });
    if (item.result === input.result && item.note === input.note && item.evidenceUrl === input.evidenceUrl)
      throw new DomainError("ALREADY_DONE");
    decideOrThrow(auditMachine, audit.status, "mark_item", auditContext(audit, who.actor, env.now));
    const refused = checkItemMark(input.result, input.note);
    if (refused) throw new DomainError(refused, { item: input.seq });

    await bump(tx, audit);
    const mark = {
      result: input.result,
      note: input.note,
      evidenceUrl: input.evidenceUrl,
      markedById: who.person.id,
      markedAt: env.now,
    };
    if (!(await tx.audits.markItem(audit.id, item.seq, item.result, mark)))
      throw new DomainError("STALE_ACTION", { item: input.seq });
    await logAudit(tx, env, who, audit, {
      action: "audit.item_marked",
      data: {
        seq: item.seq,
        result: input.result,
        previous: item.result,
        note: input.note,
        evidenceUrl: input.evidenceUrl,
      },
    });
    return { message: bi(`第 ${item.seq} 项已标记。`, `Item ${item.seq} is marked.`), touched: [auditRef(audit.id)] };
  },
});

// audit.close_rectification: the owner, or the audit team (or an auditor in scope), closes an item
// with a note saying what was done. The team hears of it; when the last open item of a rectifying
// audit closes, compliance is asked to close the audit.
import { z } from "zod";
import { rectificationMachine } from "../../domain/audit/rectification.machine.ts";
import { openRectifications } from "../../domain/audit/checklist.ts";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import { DomainError } from "../../domain/errors.ts";
import { decideOrThrow } from "../../domain/machine/machine.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { note } from "./audit-inputs.ts";
import { partyPeople, tell, tellAboutRectification } from "./audit-notify.ts";
import { auditRef, bump, canSeeAudit, loadAudit, logAudit, rectificationRef } from "./audit-subject.ts";
import { RECTIFIABLE_STATES } from "./checklist.card.ts";
import { rectificationVersion } from "./rectification.cards.ts";

export const closeRectification = useCase({
  name: "audit.close_rectification",
  input: z.object({
    rectificationId: z.string().min(1).max(64),
    note,
    expectedVersion: z.number().int().positive().optional(),
  }),
  async run(input, who, tx, env) {
    const suspended = suspensionCheck(who.actor, { name: "rectification.close" });
    if (suspended) throw new DomainError(suspended, { action: "rectification.close" });
    const item = await tx.audits.rectificationById(input.rectificationId);
    if (!item) throw new DomainError("NOT_FOUND", { rectification: input.rectificationId });
    const audit = await loadAudit(tx, item.auditId);
    if (!canSeeAudit(who.actor, audit, env.now)) throw new DomainError("NOT_FOUND", { rectification: item.id });
    if (item.status === "closed") throw new DomainError("ALREADY_DONE");
    if (input.expectedVersion !== undefined && input.expectedVersion !== rectificationVersion(item))
      throw new DomainError("STALE_ACTION");
    decideOrThrow(rectificationMachine, item.status, "close", {
      actor: who.actor,
      unitPath: audit.unit.path,
      ownerId: item.ownerId,
      auditTeam: audit.members,
      note: input.note,
    });
    if (!(RECTIFIABLE_STATES as readonly string[]).includes(audit.status))
      throw new DomainError("INVALID_TRANSITION", { machine: "rectification", from: audit.status, event: "close" });

    await bump(tx, audit);
    if (
      !(await tx.audits.closeRectification(item.id, { note: input.note, closedById: who.person.id, closedAt: env.now }))
    )
      throw new DomainError("ALREADY_DONE");
    await logAudit(tx, env, who, audit, {
      action: "audit.rectification_closed",
      subject: rectificationRef(item.id),
      data: { note: input.note },
      personal: { note: who.person.id },
    });
    const now = await loadAudit(tx, audit.id);
    const closed = now.rectifications.find((r) => r.id === item.id);
    if (closed)
      await tellAboutRectification(
        tx,
        env,
        now,
        closed,
        "rectification_closed",
        (await partyPeople(tx, now, "audit_team", null)).filter((p) => p.id !== who.person.id),
      );
    if (now.status === "rectifying" && openRectifications(now.rectifications).length === 0) {
      await tell(tx, env, now, "audit_ready_to_close", ["compliance", "compliance_head"], who.person.id);
    }
    return {
      message: bi("整改事项已完成。", "The rectification item is closed."),
      touched: [rectificationRef(item.id), auditRef(audit.id)],
    };
  },
});

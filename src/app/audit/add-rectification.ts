// audit.add_rectification: the team raises a rectification item (整改) from a finding, with an owner
// and a due date (not before today in the post's unit). Owners hear of their items once the report is
// signed: raised before, they wait; raised after, the owner is told at once (and a signed audit
// moves on to rectifying).
import { inputDetail } from "../kernel/input-problem.ts";
import { z } from "zod";
import { auditMachine } from "../../domain/audit/audit.machine.ts";
import { rectificationMachine } from "../../domain/audit/rectification.machine.ts";
import { compareLocalDates, localDateOf } from "../../domain/calendar/index.ts";
import { suspensionCheck } from "../../domain/access/suspension.ts";
import { DomainError } from "../../domain/errors.ts";
import { NEW, decideOrThrow } from "../../domain/machine/machine.ts";
import { bi } from "../../ports/locale.ts";
import { AppError } from "../kernel/app-error.ts";
import { useCase } from "../kernel/use-case.ts";
import { auditId, localDate, personRef } from "./audit-inputs.ts";
import { carryOut, tellOwner } from "./audit-notify.ts";
import { auditContext, auditRef, bump, canSeeAudit, loadAudit, logAudit, rectificationRef } from "./audit-subject.ts";
import { RECTIFIABLE_STATES } from "./checklist.card.ts";
import { textDigest } from "../records/text-digest.ts";

export const addRectification = useCase({
  name: "audit.add_rectification",
  input: z.object({
    auditId,
    findingSeq: z.number().int().positive(),
    owner: personRef,
    dueDate: localDate,
    description: z.string().trim().max(4000).default(""),
  }),
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    if (!canSeeAudit(who.actor, audit, env.now)) throw new DomainError("NOT_FOUND", { audit: audit.id });
    const suspended = suspensionCheck(who.actor, { name: "rectification.open" });
    if (suspended) throw new DomainError(suspended, { action: "rectification.open" });
    if (!(RECTIFIABLE_STATES as readonly string[]).includes(audit.status)) {
      throw new DomainError("INVALID_TRANSITION", { machine: "rectification", from: audit.status, event: "open" });
    }
    const finding = audit.findings.find((f) => f.seq === input.findingSeq);
    if (!finding) throw new DomainError("NOT_FOUND", { finding: input.findingSeq });
    const owner = (await tx.people.byId(input.owner)) ?? (await tx.people.byCode(input.owner));
    if (!owner || owner.status === "left") throw new DomainError("NOT_FOUND", { person: input.owner });
    const ctx = { actor: who.actor, unitPath: audit.unit.path, ownerId: owner.id, auditTeam: audit.members, note: "" };
    decideOrThrow(rectificationMachine, NEW, "open", ctx);
    if (compareLocalDates(input.dueDate, localDateOf(env.now, audit.unit.timeZone)) < 0)
      throw new AppError("INVALID_INPUT", inputDetail("dueDate", "before_today"));
    const description = input.description || finding.description;
    const twin = audit.rectifications.find(
      (r) =>
        r.findingSeq === finding.seq &&
        r.ownerId === owner.id &&
        r.dueDate === input.dueDate &&
        r.description === description,
    );
    if (twin) throw new DomainError("ALREADY_DONE", { rectification: twin.id });

    const withNew = [...audit.rectifications.map((r) => ({ status: r.status })), { status: "open" as const }];
    const start =
      audit.status === "signed"
        ? decideOrThrow(
            auditMachine,
            "signed",
            "start_rectification",
            auditContext(audit, null, env.now, { rectifications: withNew }),
          )
        : null;
    await bump(tx, audit, start ? { status: start.to } : {});
    const id = await tx.audits.addRectification(audit.id, {
      findingSeq: finding.seq,
      description,
      ownerId: owner.id,
      dueDate: input.dueDate,
      createdAt: env.now,
    });
    await logAudit(tx, env, who, audit, {
      action: "audit.rectification_opened",
      subject: rectificationRef(id),
      data: {
        findingSeq: finding.seq,
        ownerId: owner.id,
        dueDate: input.dueDate,
        descriptionSha256: textDigest(description),
      },
    });
    if (start) {
      await logAudit(tx, env, null, audit, {
        action: "audit.rectification_started",
        data: { open: withNew.filter((r) => r.status === "open").length },
      });
      await carryOut(tx, env, audit.id, start.effects, who.person.id);
    } else if (audit.status === "rectifying") {
      const now = await loadAudit(tx, audit.id);
      const item = now.rectifications.find((r) => r.id === id);
      if (item) await tellOwner(tx, env, now, item);
    }
    return { message: bi("整改事项已提出。", "The rectification item is raised."), touched: [auditRef(audit.id)] };
  },
});

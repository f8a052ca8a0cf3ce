// audit.view_checklist: another page of the checklist card ("next page", "previous page"). It only
// reads: the team and compliance in scope may look; nothing is logged, nothing changes.
import { z } from "zod";
import { hasAnyRole } from "../../domain/access/roles.ts";
import { DomainError } from "../../domain/errors.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { isOnTeam } from "./audit-card-parts.ts";
import { auditId } from "./audit-inputs.ts";
import { canSeeAudit, loadAudit } from "./audit-subject.ts";
import { checklistCard, pageCount } from "./checklist.card.ts";

export const viewChecklist = useCase({
  name: "audit.view_checklist",
  input: z.object({ auditId, page: z.number().int().min(0).max(1000) }),
  async run(input, who, tx, env) {
    const audit = await loadAudit(tx, input.auditId);
    if (!canSeeAudit(who.actor, audit, env.now)) throw new DomainError("NOT_FOUND", { audit: audit.id });
    if (!isOnTeam(audit, who.person.id) && !hasAnyRole(who.actor, ["compliance", "compliance_head"], audit.unit.path))
      throw new DomainError("NOT_A_PARTY");
    const card = await checklistCard(tx, audit, who.person.id, who.actor, env.now, input.page);
    const page = Math.min(input.page, pageCount(audit) - 1) + 1;
    return { message: bi(`检查清单第 ${page} 页。`, `Checklist page ${page}.`), card };
  },
});

// major_event.file — any staff member reports a personal event about themselves (family change, a
// relative's business loss, large debts, legal trouble, other). Compliance over their unit is told;
// nobody else. The same report sent twice (a double submit, a platform retry) is filed once.
import { inputDetail } from "../kernel/input-problem.ts";
import { createHash } from "node:crypto";
import { z } from "zod";
import { compareLocalDates, localDateOf } from "../../domain/calendar/index.ts";
import { DomainError } from "../../domain/errors.ts";
import { decide, NEW } from "../../domain/machine/machine.ts";
import { MAJOR_EVENT_KINDS, majorEventMachine } from "../../domain/major-event/major-event.machine.ts";
import { AppError } from "../kernel/app-error.ts";
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { LocalDateInput } from "../rotation/rotation-inputs.ts";
import { majorEventCard } from "./major-event.card.ts";
import { loadReport } from "./major-event-facts.ts";
import { carryOutReportEffects, logReport } from "./major-event-transition.ts";

const Input = z.object({
  kind: z.enum(MAJOR_EVENT_KINDS),
  description: z.string().trim().min(1).max(2000),
  occurredOn: LocalDateInput,
});

/** One id per reporter and content: a repeat finds the report already there. */
export function reportId(reporterId: string, input: z.infer<typeof Input>): string {
  const h = createHash("sha256")
    .update(JSON.stringify([reporterId, input.kind, input.occurredOn, input.description]))
    .digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-b${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const fileMajorEvent = useCase({
  name: "major_event.file",
  input: Input,
  async run(input, who, tx, env) {
    const decision = decide(majorEventMachine, NEW, "file", {
      actor: who.actor,
      unitPath: who.person.unitPath,
      reporterId: who.person.id,
    });
    if (!decision.ok) throw new DomainError(decision.code);
    if (compareLocalDates(input.occurredOn, localDateOf(env.now, who.person.unitTimeZone)) > 0) {
      throw new AppError("INVALID_INPUT", inputDetail("occurredOn", "in_future"));
    }
    const id = reportId(who.person.id, input);
    if (await tx.majorEvents.byId(id)) throw new DomainError("ALREADY_DONE");
    await tx.majorEvents.create({
      id,
      reporterId: who.person.id,
      kind: input.kind,
      description: input.description,
      occurredOn: input.occurredOn,
      filedAt: env.now,
    });
    const facts = await loadReport(tx, id);
    await logReport(tx, env, who, facts, "file", { from: NEW, to: decision.to, version: facts.report.version });
    await carryOutReportEffects(tx, env, facts, decision.effects);
    const card = await majorEventCard(tx, { subjectId: id, kind: "", recipient: who.person }, { now: env.now });
    return {
      message: bi(
        "您的重大事项报告已提交，仅合规部门可见。",
        "Your major-event report is filed. Only compliance can see it.",
      ),
      ...(card ? { card } : {}),
      touched: [{ type: "major_event", id }],
    };
  },
});

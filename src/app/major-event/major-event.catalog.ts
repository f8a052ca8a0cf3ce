// The major-event area: filing a report, compliance's three decisions (from the card's note form),
// and the card of a report.
import type { AreaCatalog } from "../catalog.ts";
import { bind } from "../kernel/press-action.ts";
import type { UseCase } from "../kernel/use-case.ts";
import { closeMajorEvent } from "./close-major-event.ts";
import { fileMajorEvent } from "./file-major-event.ts";
import { majorEventCard } from "./major-event.card.ts";
import { triageMajorEvent } from "./triage-major-event.ts";
import { triggerLeaveFromMajorEvent } from "./trigger-leave.ts";

const decision = (token: { subjectId: string; subjectVersion: number }, values: Readonly<Record<string, string>>) => ({
  reportId: token.subjectId,
  expectedVersion: token.subjectVersion,
  note: values.note ?? "",
});

export const majorEventCatalog: AreaCatalog = {
  useCases: [fileMajorEvent, triageMajorEvent, closeMajorEvent, triggerLeaveFromMajorEvent] as UseCase<unknown>[],
  actions: {
    "major_event.triage": bind(triageMajorEvent, decision),
    "major_event.close": bind(closeMajorEvent, decision),
    "major_event.trigger_leave": bind(triggerLeaveFromMajorEvent, decision),
  },
  cards: { major_event: majorEventCard },
};

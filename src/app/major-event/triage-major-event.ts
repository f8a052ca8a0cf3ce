// major_event.triage — compliance over the reporter's unit (never the reporter) notes its reading.
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { DecisionInput, decideReport } from "./compliance-decision.ts";

export const triageMajorEvent = useCase({
  name: "major_event.triage",
  input: DecisionInput,
  run: (input, who, tx, env) =>
    decideReport("triage", input, who, tx, env, bi("已受理并记录研判意见。", "Triaged: your note is recorded.")),
});

// major_event.close — compliance closes a report that calls for nothing more; the reporter is told
// it is closed.
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { DecisionInput, decideReport } from "./compliance-decision.ts";

export const closeMajorEvent = useCase({
  name: "major_event.close",
  input: DecisionInput,
  run: (input, who, tx, env) =>
    decideReport(
      "close",
      input,
      who,
      tx,
      env,
      bi("报告已办结，已告知报告人。", "Report closed; the reporter is told."),
    ),
});

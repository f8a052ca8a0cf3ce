// major_event.trigger_leave — compliance finds that the report calls for a triggered mandatory
// leave: HR is told (`leave_required`, with the report's reference and the trigger major_event) and
// plans the leave through the leave area. The reporter is not told: that leave is sealed.
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { DecisionInput, decideReport } from "./compliance-decision.ts";

export const triggerLeaveFromMajorEvent = useCase({
  name: "major_event.trigger_leave",
  input: DecisionInput,
  run: (input, who, tx, env) =>
    decideReport(
      "trigger_leave",
      input,
      who,
      tx,
      env,
      bi("已通知人力资源部安排触发式强制休假（保密）。", "HR is asked to plan a triggered mandatory leave (sealed)."),
    ),
});

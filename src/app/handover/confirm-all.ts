// handover.confirm_all: one side (or the witness) confirms the whole sheet at once (item 0).
import { z } from "zod";
import { useCase } from "../kernel/use-case.ts";
import { IdSchema, VersionSchema } from "../leave/leave-inputs.ts";
import { confirmHandover } from "./confirm-handover.ts";

export const confirmHandoverAll = useCase({
  name: "handover.confirm_all",
  input: z.object({ handoverId: IdSchema, expectedVersion: VersionSchema }),
  run: (input, who, tx, env) =>
    confirmHandover(tx, env, who, "handover.confirm_all", {
      handoverId: input.handoverId,
      item: "all",
      expectedVersion: input.expectedVersion,
    }),
});

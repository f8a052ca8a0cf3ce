// handover.confirm_item: one side (or the witness) confirms one item of the sheet.
import { z } from "zod";
import { useCase } from "../kernel/use-case.ts";
import { IdSchema, VersionSchema } from "../leave/leave-inputs.ts";
import { confirmHandover } from "./confirm-handover.ts";

export const confirmHandoverItem = useCase({
  name: "handover.confirm_item",
  input: z.object({ handoverId: IdSchema, itemSeq: z.number().int().min(1).max(1000), expectedVersion: VersionSchema }),
  run: (input, who, tx, env) =>
    confirmHandover(tx, env, who, "handover.confirm_item", {
      handoverId: input.handoverId,
      item: input.itemSeq,
      expectedVersion: input.expectedVersion,
    }),
});

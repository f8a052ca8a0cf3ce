// The handover area: confirming items (or the whole sheet) from the card, and its card builder.
import type { AreaCatalog } from "../catalog.ts";
import { bind } from "../kernel/press-action.ts";
import type { UseCase } from "../kernel/use-case.ts";
import { confirmHandoverAll } from "./confirm-all.ts";
import { confirmHandoverItem } from "./confirm-item.ts";
import { handoverCardBuilder } from "./handover.cards.ts";

export const handoverCatalog: AreaCatalog = {
  useCases: [confirmHandoverItem, confirmHandoverAll] as unknown as readonly UseCase<unknown>[],
  actions: {
    "handover.confirm_item": bind(confirmHandoverItem, (token) => ({
      handoverId: token.subjectId,
      itemSeq: Number(token.args.itemSeq),
      expectedVersion: token.subjectVersion,
    })),
    "handover.confirm_all": bind(confirmHandoverAll, (token) => ({
      handoverId: token.subjectId,
      expectedVersion: token.subjectVersion,
    })),
  },
  cards: { handover: handoverCardBuilder },
};

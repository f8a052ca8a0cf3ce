import type { AreaCatalog } from "../catalog.ts";
import { bind } from "../kernel/press-action.ts";
import type { UseCase } from "../kernel/use-case.ts";
import { acknowledgeNotice } from "./acknowledge-notice.ts";

export const noticesCatalog: AreaCatalog = {
  useCases: [acknowledgeNotice as UseCase<unknown>],
  actions: {
    "notice.acknowledge": bind(acknowledgeNotice, (token) => ({
      subjectType: token.subjectType,
      subjectId: token.subjectId,
    })),
  },
  cards: {},
};

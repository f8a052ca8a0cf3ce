// The questions area's buttons: a card's "more" and candidate buttons re-ask question.ask through
// question.follow_up with what the token kept (text, page, choice). No use case of its own for
// `do`: asking is a read (question.ask, through `ask`).
import type { AreaCatalog } from "../catalog.ts";
import { bind } from "../kernel/press-action.ts";
import { followUpQuestion } from "./follow-up-question.ts";
import { FOLLOW_UP_ACTION } from "./question-card.ts";

export const questionCatalog: AreaCatalog = {
  useCases: [],
  actions: {
    [FOLLOW_UP_ACTION]: bind(followUpQuestion, (token) => ({
      text: token.args.text,
      ...(token.args.page !== undefined ? { page: token.args.page } : {}),
      ...(token.args.choice !== undefined ? { choice: token.args.choice } : {}),
    })),
  },
  cards: {},
};

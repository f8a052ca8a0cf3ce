// A press on a question card's button: "more" (the next page) or a candidate (the name chosen).
// The token (offered to the asker only, usable once) keeps the question's text and the page or
// the choice; pressing re-asks it as the presser and answers the new card. It changes nothing
// but the token's use, so it touches no subject and writes no log entry.
import { bi } from "../../ports/locale.ts";
import { useCase } from "../kernel/use-case.ts";
import { answerQuestion, questionInput } from "./ask-question.query.ts";

export const followUpQuestion = useCase({
  name: "question.follow_up",
  input: questionInput,
  async run(input, who, tx, env) {
    const card = await answerQuestion(input, who, tx, env);
    const message = input.page !== undefined ? bi(`第 ${input.page} 页`, `Page ${input.page}`) : bi("已选择", "Chosen");
    return { message, card };
  },
});

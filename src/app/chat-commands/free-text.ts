// A question in the person's own words (`status <text>`, or a free-text message to the bot): the
// questions area answers it (question.ask, src/app/questions/) with one card — its More and
// candidate buttons are ordinary card actions, pressed through pressAction like any other. A
// refusal (no reporting role, a unit outside the person's scope, a text too long) is a sentence.
import { ask } from "../home/query.ts";
import type { Kernel } from "../kernel/execute.ts";
import type { Invocation } from "../kernel/use-case.ts";
import { askQuestion } from "../questions/ask-question.query.ts";
import { textReply, type ChatReply } from "./chat-reply.ts";

export async function answerFreeText(
  kernel: Kernel,
  text: string,
  invocation: Invocation,
  page = 1,
): Promise<ChatReply> {
  const answer = await ask(kernel, askQuestion, { text, page }, invocation);
  if (!answer.ok) return textReply(answer.message, answer.code);
  return { kind: "cards", cards: [answer.value] };
}

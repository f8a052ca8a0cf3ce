// A question in the person's own words (`status <text>`, or a free-text message to the bot): the
// questions area's read-side query (`question.ask`, src/app/questions/) answers it with a card,
// within the person's units and under the secrecy rule. This is the one place it plugs in.
import { ask } from "../home/query.ts";
import type { Kernel } from "../kernel/execute.ts";
import type { Invocation } from "../kernel/use-case.ts";
import { askQuestion } from "../questions/ask-question.query.ts";
import { textReply, type ChatReply } from "./chat-reply.ts";

export async function answerFreeText(kernel: Kernel, text: string, invocation: Invocation, page?: number): Promise<ChatReply> {
  const answer = await ask(kernel, askQuestion, { text, ...(page !== undefined ? { page } : {}) }, invocation);
  if (!answer.ok) return textReply(answer.message, answer.code);
  return { kind: "cards", cards: [answer.value] };
}

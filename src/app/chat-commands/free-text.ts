// A question in the person's own words (`status <text>`, or a free-text message to the bot). The
// read-side query that answers it (`question.ask`, src/app/questions/) is built separately; this
// is the one place it plugs in. Until it does, the person is told what the bot can answer.
import { bi } from "../i18n/locale.ts";
import type { Kernel } from "../kernel/execute.ts";
import type { Invocation } from "../kernel/use-case.ts";
import { textReply, type ChatReply } from "./chat-reply.ts";

export async function answerFreeText(_kernel: Kernel, text: string, _invocation: Invocation, _page = 1): Promise<ChatReply> {
  return textReply(
    bi(
      `暂时无法回答“${text.slice(0, 80)}”这样的提问。可用的命令：status、tasks、audit、report、leave、event、lang、help。`,
      `I cannot answer questions like "${text.slice(0, 80)}" yet. Commands: status, tasks, audit, report, leave, event, lang, help.`,
    ),
  );
}

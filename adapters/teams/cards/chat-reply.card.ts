// A chat command's neutral reply (src/app/chat-commands) as Teams message content: a sentence,
// cards (each an Adaptive Card, shown as a list), or a form as a card whose button submits it.
import { randomUUID } from "node:crypto";
import type { ChatReply } from "../../../src/app/chat-commands/chat-reply.ts";
import { bi, pick, type Locale } from "../../../src/ports/locale.ts";
import { VERB } from "./card-data.ts";
import { formCard } from "./form.card.ts";
import { renderCard, type AdaptiveCard } from "./keypost.card.ts";

export interface MessageContent {
  readonly text?: string;
  readonly cards: readonly AdaptiveCard[];
}

const NEXT = (command: string) => bi(`输入“${command}”查看下一页。`, `Type "${command}" for the next page.`);

export function renderChatReply(reply: ChatReply, locale: Locale, userId: string): MessageContent {
  switch (reply.kind) {
    case "text":
      return { text: `${reply.refused ? "✗ " : ""}${pick(reply.text, locale)}`, cards: [] };
    case "cards": {
      const lines = [
        reply.text ? pick(reply.text, locale) : "",
        reply.page?.next ? pick(NEXT(reply.page.next), locale) : "",
      ].filter((l) => l !== "");
      return {
        ...(lines.length > 0 ? { text: lines.join("\n\n") } : {}),
        cards: reply.cards.map((c) => renderCard(c, locale, c.subject ? { refreshFor: [userId] } : {})),
      };
    }
    case "form": {
      const { form } = reply;
      const data = { kp: VERB.form, form: form.id, requestId: randomUUID() };
      return { cards: [formCard(form, locale, { verb: VERB.form, data })] };
    }
  }
}

// Answering a person on Slack: a chat reply or an outcome as blocks, in their language.
import type { ChatReply } from "../../../src/app/chat-commands/chat-reply.ts";
import { pick, type Locale } from "../../../src/ports/locale.ts";
import type { Outcome } from "../../../src/app/kernel/outcome.ts";
import { divider, escapeMrkdwn, section, type Block } from "../blocks/block-kit.ts";
import { cardBlocks, cardFallbackText } from "../blocks/card.blocks.ts";
import { replyBlocks, replyFallbackText } from "../blocks/reply.blocks.ts";
import { refusalSentence } from "../slack-errors.ts";

export function outcomeSentence(outcome: Outcome, locale: Locale): string {
  return outcome.ok
    ? `✓ ${pick(outcome.message, locale)}`
    : `✗ ${refusalSentence(outcome.code, outcome.detail, locale)}`;
}

/** The sentence, then the card (the subject as it is now), within a message's limits. */
export function outcomeMessage(outcome: Outcome, locale: Locale): { text: string; blocks: Block[] } {
  const sentence = outcomeSentence(outcome, locale);
  const blocks: Block[] = [section(escapeMrkdwn(sentence))];
  if (outcome.card) blocks.push(divider, ...cardBlocks(outcome.card, locale));
  return {
    text: outcome.card ? `${sentence} — ${cardFallbackText(outcome.card, locale)}` : sentence,
    blocks: blocks.slice(0, 50),
  };
}

export function chatMessage(
  reply: Exclude<ChatReply, { kind: "form" }>,
  locale: Locale,
): { text: string; blocks: Block[] } {
  return { text: replyFallbackText(reply, locale), blocks: replyBlocks(reply, locale) };
}

// A chat command's reply (src/app/chat-commands) as Block Kit: a sentence, or cards with their
// buttons and page buttons, kept within a message's 50 blocks.
import type { ChatReply } from "../../../src/app/chat-commands/chat-reply.ts";
import { pick, type Locale } from "../../../src/ports/locale.ts";
import {
  actionRows,
  button,
  chunks,
  divider,
  escapeMrkdwn,
  LIMITS,
  section,
  withinBlockLimit,
  type Block,
} from "./block-kit.ts";
import { cardBlocks } from "./card.blocks.ts";

/** Page buttons carry the command that shows that page ("tasks 2"), not a token: they only read. */
export const PAGE_ACTION = "kp.page";

export function textBlocks(text: string): Block[] {
  return chunks(escapeMrkdwn(text), LIMITS.sectionText).map(section);
}

export function replyBlocks(reply: Exclude<ChatReply, { kind: "form" }>, locale: Locale): Block[] {
  if (reply.kind === "text") return textBlocks(pick(reply.text, locale));
  const blocks: Block[] = reply.text ? textBlocks(pick(reply.text, locale)) : [];
  reply.cards.forEach((card, i) => {
    if (i > 0 || blocks.length > 0) blocks.push(divider);
    blocks.push(...cardBlocks(card, locale, { prefix: `c${i}.` }));
  });
  const page = reply.page;
  const pager: Block[] = [];
  if (page && page.pages > 1) {
    const buttons: Block[] = [];
    if (page.previous)
      buttons.push(button(`${PAGE_ACTION}.prev`, locale === "en" ? "◀ Previous" : "◀ 上一页", page.previous));
    if (page.next) buttons.push(button(`${PAGE_ACTION}.next`, locale === "en" ? "Next ▶" : "下一页 ▶", page.next));
    pager.push(
      section(locale === "en" ? `Page ${page.page} of ${page.pages}` : `第 ${page.page} / ${page.pages} 页`),
      ...actionRows(buttons, "kp.pager"),
    );
  }
  const more = (n: number) =>
    locale === "en"
      ? `…and ${n} more blocks: use the page buttons or a narrower command.`
      : `……另有 ${n} 个区块未显示，请翻页或缩小查询范围。`;
  return [...withinBlockLimit(blocks, LIMITS.messageBlocks - pager.length, more), ...pager];
}

export function replyFallbackText(reply: Exclude<ChatReply, { kind: "form" }>, locale: Locale): string {
  if (reply.kind === "text") return pick(reply.text, locale).slice(0, LIMITS.messageText);
  return (
    reply.text ? pick(reply.text, locale) : reply.cards[0] ? pick(reply.cards[0].title, locale) : "Keypost"
  ).slice(0, LIMITS.messageText);
}

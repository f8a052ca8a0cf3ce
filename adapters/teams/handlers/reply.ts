// Replies into the conversation an activity came from (a message is answered by a new message:
// only invokes are answered in the HTTP response). Several cards go in one message, as a list.
import { ADAPTIVE_CARD_TYPE, type AdaptiveCard } from "../cards/keypost.card.ts";
import type { IncomingActivity } from "../activity.schema.ts";
import type { TeamsContext } from "../teams-context.ts";

export interface ReplyContent {
  readonly text?: string;
  readonly card?: AdaptiveCard;
  readonly cards?: readonly AdaptiveCard[];
}

export async function reply(ctx: TeamsContext, to: IncomingActivity, content: ReplyContent): Promise<void> {
  const cards = [...(content.card ? [content.card] : []), ...(content.cards ?? [])];
  const activity = {
    type: "message",
    ...(to.id ? { replyToId: to.id } : {}),
    ...(content.text ? { text: content.text } : {}),
    ...(cards.length > 0
      ? {
          attachmentLayout: "list",
          attachments: cards.map((content) => ({ contentType: ADAPTIVE_CARD_TYPE, content })),
        }
      : {}),
  };
  const result = await ctx.connector.send({ serviceUrl: to.serviceUrl, conversationId: to.conversation.id }, activity);
  if (result.kind !== "ok")
    ctx.log.warn("teams: reply not delivered", {
      result: result.kind,
      ...(result.kind === "http" ? { status: result.status } : { reason: result.reason }),
    });
}

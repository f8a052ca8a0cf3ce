// A notice for a platform that is not configured: the log says, with ids and codes only, that it
// was held back (never the recipient's name nor the card's text — a sealed leave's notice to HR
// names its holder). It is recorded as delivered so the outbox does not retry it forever; to read
// such notices while developing, turn on the console notifier (KEYPOST_DEV_NOTICES=console).
import type { Card } from "../../ports/card.ts";
import { pick, type Locale } from "../../ports/locale.ts";
import type { Delivery, DeliveryResult, Notifier } from "../../ports/notifier.ts";
import type { Logger } from "../logger.ts";

/** A card as one line of text in one language (the console notifier, test fakes). */
export function cardAsLine(card: Card, locale: Locale): string {
  const facts = card.fields.map((f) => `${pick(f.label, locale)}: ${pick(f.value, locale)}`).join("; ");
  const actions = card.actions.map((a) => `[${pick(a.label, locale)}]`).join(" ");
  return [pick(card.title, locale), facts, actions].filter((part) => part.length > 0).join(" — ");
}

export class LogNotifier implements Notifier {
  readonly platform = "log" as const;
  constructor(private readonly log: Logger) {}

  async deliver({ notice }: Delivery): Promise<DeliveryResult> {
    this.log.info("notice not sent: its platform is not configured", {
      noticeId: notice.id,
      kind: notice.kind,
      platform: notice.platform,
      recipientId: notice.recipientId,
    });
    return { kind: "sent", messageRef: `log:${notice.id}` };
  }

  async update({ notice }: Delivery): Promise<DeliveryResult> {
    this.log.debug("notice update not sent: its platform is not configured", {
      noticeId: notice.id,
      kind: notice.kind,
      platform: notice.platform,
    });
    return { kind: "sent", messageRef: `log:${notice.id}` };
  }
}

// Without chat credentials a notice goes to the log: one line with the card's title and facts in
// the recipient's language. It also stands in for a platform whose credentials are not configured.
import type { Card } from "../../app/cards/card.ts";
import { pick, type Locale } from "../../app/i18n/locale.ts";
import type { Delivery, DeliveryResult, Notifier } from "../../ports/notifier.ts";
import type { Logger } from "../logger.ts";

export function cardAsLine(card: Card, locale: Locale): string {
  const facts = card.fields.map((f) => `${pick(f.label, locale)}: ${pick(f.value, locale)}`).join("; ");
  const actions = card.actions.map((a) => `[${pick(a.label, locale)}]`).join(" ");
  return [pick(card.title, locale), facts, actions].filter((part) => part.length > 0).join(" — ");
}

export class LogNotifier implements Notifier {
  readonly platform = "log" as const;
  constructor(private readonly log: Logger) {}

  async deliver({ notice, recipient, locale }: Delivery): Promise<DeliveryResult> {
    this.log.info(
      `notice to ${recipient.name} (${recipient.code}) via ${notice.platform}: ${cardAsLine(notice.card, locale)}`,
      { kind: notice.kind },
    );
    return { kind: "sent", messageRef: `log:${notice.id}` };
  }

  async update({ notice, recipient, locale }: Delivery): Promise<DeliveryResult> {
    this.log.info(`notice updated for ${recipient.name} (${recipient.code}): ${cardAsLine(notice.card, locale)}`, {
      kind: notice.kind,
    });
    return { kind: "sent", messageRef: `log:${notice.id}` };
  }
}

// Development only (KEYPOST_DEV_NOTICES=console, refused in production): notices for a platform that
// is not configured are printed in full to standard output, in the recipient's language, so the
// product can be tried without a chat account. Standard output, not the service log: the log never
// holds names or notice text.
import type { Delivery, DeliveryResult, Notifier } from "../../ports/notifier.ts";
import { cardAsLine } from "./log-notifier.ts";

export class ConsoleNotifier implements Notifier {
  readonly platform = "log" as const;
  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(line + "\n")) {}

  async deliver({ notice, recipient, locale }: Delivery): Promise<DeliveryResult> {
    this.write(
      `[notice to ${recipient.name} (${recipient.code}) via ${notice.platform}] ${cardAsLine(notice.card, locale)}`,
    );
    return { kind: "sent", messageRef: `console:${notice.id}` };
  }

  async update({ notice, recipient, locale }: Delivery): Promise<DeliveryResult> {
    this.write(`[notice updated for ${recipient.name} (${recipient.code})] ${cardAsLine(notice.card, locale)}`);
    return { kind: "sent", messageRef: `console:${notice.id}` };
  }
}

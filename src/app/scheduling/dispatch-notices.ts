// The dispatcher: takes due notices from the outbox and hands each to its platform's notifier,
// outside any database transaction; every step is a conditional update, so a notice is sent once
// even with two dispatchers. A platform without a configured notifier falls back to the log.
import type { Kernel } from "../kernel/execute.ts";
import { localeOf } from "../i18n/locale.ts";
import type { Notifier } from "../../ports/notifier.ts";
import type { StoredNotice } from "../../ports/outbox.ts";

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
  unknown: number;
  updated: number;
}

export interface Notifiers {
  readonly byPlatform: ReadonlyMap<StoredNotice["platform"], Notifier>;
  readonly fallback: Notifier;
}

function notifierFor(notifiers: Notifiers, notice: StoredNotice): Notifier {
  return notifiers.byPlatform.get(notice.platform) ?? notifiers.fallback;
}

export async function dispatchNotices(kernel: Kernel, notifiers: Notifiers, batch = 200): Promise<DispatchReport> {
  const report: DispatchReport = { sent: 0, retried: 0, failed: 0, unknown: 0, updated: 0 };
  const now = kernel.clock.now();
  const due = await kernel.uow.run((tx) => tx.deliveries.due(now, batch));
  for (const notice of due) {
    const delivery = await kernel.uow.run(async (tx) => {
      if (!(await tx.deliveries.take(notice.id, now))) return undefined;
      const recipient = await tx.people.byId(notice.recipientId);
      const identity = (await tx.people.identitiesOf(notice.recipientId)).find((i) => i.platform === notice.platform);
      return recipient ? { notice, recipient, identity, locale: localeOf(recipient.locale, kernel.orgLocale) } : undefined;
    });
    if (!delivery) continue;
    const result = await notifierFor(notifiers, notice).deliver(delivery);
    await kernel.uow.run(async (tx) => {
      if (result.kind === "sent") {
        await tx.deliveries.sent(notice.id, result.messageRef, kernel.clock.now());
        report.sent += 1;
      } else if (result.kind === "retry") {
        await tx.deliveries.retry(notice.id, new Date(kernel.clock.now().getTime() + result.afterMs), result.reason);
        report.retried += 1;
      } else if (result.kind === "failed") {
        await tx.deliveries.failed(notice.id, result.reason);
        report.failed += 1;
      } else {
        await tx.deliveries.unknown(notice.id, result.reason);
        report.unknown += 1;
      }
    });
  }
  const stale = await kernel.uow.run((tx) => tx.deliveries.needingUpdate(batch));
  for (const notice of stale) {
    const notifier = notifierFor(notifiers, notice);
    const delivery = await kernel.uow.run(async (tx) => {
      const recipient = await tx.people.byId(notice.recipientId);
      const identity = (await tx.people.identitiesOf(notice.recipientId)).find((i) => i.platform === notice.platform);
      return recipient ? { notice, recipient, identity, locale: localeOf(recipient.locale, kernel.orgLocale) } : undefined;
    });
    if (!delivery || !notifier.update) continue;
    const result = await notifier.update(delivery);
    if (result.kind === "sent") {
      await kernel.uow.run((tx) => tx.deliveries.updated(notice.id));
      report.updated += 1;
    }
  }
  return report;
}

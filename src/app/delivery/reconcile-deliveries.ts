// An unknown outcome (the request went out, no answer came back) is never sent again blindly: the
// platform is asked first. Found → sent with its reference; certainly absent → pending again (a
// resend cannot duplicate it); still unknown → asked again later, and after the retry policy's cap
// the notice stays unknown for good and compliance is told ("outcome unknown"). A notifier that
// cannot reconcile gets the same at once: the message may well have arrived.
import type { Delivery, Notifier, ReconcileResult } from "../../ports/notifier.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { TriedNotice } from "../../ports/delivery-queue.ts";
import { DeliveryContext, notifierFor, type Notifiers } from "./delivery-context.ts";
import { escalateDelivery } from "./delivery-escalation.ts";
import type { OutcomeEnv } from "./delivery-outcome.ts";
import { exhausted, retryDelayMs } from "./retry-policy.ts";

/**
 * Unknown rows asked about at once. Large: a notifier asks once per conversation for the whole page,
 * and a dead sender may leave its whole held fan-out unknown — 2 000 rows to 40 people is 40 history
 * reads in one page, but 800 in pages of 100 (Slack allows 50 a minute: decision 17.19).
 */
const PAGE = 1_000;

async function giveUp(tx: TxPorts, env: OutcomeEnv, row: TriedNotice, reason: string, now: Date): Promise<void> {
  if (await tx.deliveries.giveUp(row.notice.id, reason))
    env.report.escalated += await escalateDelivery(tx, "unknown", row.notice, reason, row.attempts, now);
}

/** Reconciles every unknown outcome due now; returns how many were looked at. */
export async function reconcileDue(env: OutcomeEnv, notifiers: Notifiers): Promise<number> {
  const { kernel, policy, report } = env;
  let looked = 0;
  for (;;) {
    const now = kernel.clock.now();
    const rows = await kernel.uow.run((tx) => tx.deliveries.unknownDue(now, PAGE, env.scope));
    // Each notifier is asked once for the whole page (once per conversation, where it can).
    const asked = new Map<string, ReconcileResult>();
    const byNotifier = new Map<Notifier, Delivery[]>();
    const contexts = new Map<string, Delivery | undefined>();
    await kernel.uow.run(async (tx) => {
      const context = new DeliveryContext(tx, kernel.orgLocale);
      await context.load(rows.map((r) => r.notice));
      for (const row of rows) contexts.set(row.notice.id, await context.of(row.notice));
    });
    const byId = new Map(rows.map((row) => [row.notice.id, row]));
    const written = new Set<string>();
    // One row's answer, written in its own transaction as soon as it is known.
    const write = async (row: TriedNotice, found: ReconcileResult) => {
      if (written.has(row.notice.id)) return;
      written.add(row.notice.id);
      looked += 1;
      const notifier = notifierFor(notifiers, row.notice);
      const delivery = contexts.get(row.notice.id);
      const at = kernel.clock.now();
      await kernel.uow.run(async (tx) => {
        if (found.kind === "found") {
          if (await tx.deliveries.sent(row.notice.id, found.messageRef, at)) report.reconciled += 1;
        } else if (found.kind === "absent") {
          if (await tx.deliveries.absent(row.notice.id, at)) report.reconciled += 1;
        } else if (!notifier.reconcile || !delivery || exhausted(policy, row.attempts + 1)) {
          await giveUp(tx, env, row, `outcome unknown: ${found.reason}`, at);
        } else {
          await tx.deliveries.stillUnknown(
            row.notice.id,
            found.reason,
            new Date(at.getTime() + retryDelayMs(policy, row.attempts + 1, 0, env.random)),
          );
        }
      });
    };
    // A conversation's answers are written as soon as it was read (decision 17.s9c-3): a sender
    // killed in the middle of a page's paced reads keeps what it learnt, and the next sender does not
    // read those conversations again.
    const settled = async (results: ReadonlyMap<string, ReconcileResult>) => {
      for (const [id, result] of results) {
        const row = byId.get(id);
        if (row) await write(row, result);
      }
    };
    for (const row of rows) {
      const delivery = contexts.get(row.notice.id);
      const notifier = notifierFor(notifiers, row.notice);
      if (delivery && notifier.reconcile) byNotifier.set(notifier, [...(byNotifier.get(notifier) ?? []), delivery]);
    }
    for (const [notifier, deliveries] of byNotifier) {
      try {
        if (notifier.reconcileMany) {
          for (const [id, result] of await notifier.reconcileMany(deliveries, env.paced, settled))
            asked.set(id, result);
        } else {
          for (const d of deliveries) asked.set(d.notice.id, await notifier.reconcile!(d));
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        for (const d of deliveries) if (!asked.has(d.notice.id)) asked.set(d.notice.id, { kind: "unknown", reason });
      }
    }
    for (const row of rows) {
      const notifier = notifierFor(notifiers, row.notice);
      const delivery = contexts.get(row.notice.id);
      await write(
        row,
        !notifier.reconcile || !delivery
          ? { kind: "unknown", reason: "this platform cannot be asked whether the message arrived" }
          : (asked.get(row.notice.id) ?? { kind: "unknown", reason: "not_asked" }),
      );
    }
    if (rows.length < PAGE) return looked;
  }
}

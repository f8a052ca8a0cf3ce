// What the dispatcher writes after a notifier answered: sent (with the platform's message reference),
// due again (Retry-After exactly, else backoff), failed for good (escalated once), or unknown (to be
// reconciled, never resent blindly). Each write is conditional on the row still being ours; the
// dispatcher writes many answers in one transaction.
import type { Kernel } from "../kernel/execute.ts";
import type { DeliveryResult, PacedCall } from "../../ports/notifier.ts";
import type { StoredNotice } from "../../ports/outbox.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import { escalateDelivery } from "./delivery-escalation.ts";
import { tellHeld } from "./delivery-held.ts";
import { exhausted, retryDelayMs, type RetryPolicy } from "./retry-policy.ts";

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
  unknown: number;
  updated: number;
  /** Unknown outcomes resolved by asking the platform (found or certainly absent). */
  reconciled: number;
  /** Escalation notices written (to managers and compliance). */
  escalated: number;
  /** Rows left mid-send by a dispatcher that stopped, turned over to reconciliation. */
  expired: number;
  /** Sends held because the platform refused Keypost's credentials (waiting, not failed). */
  held: number;
}

export function emptyReport(): DispatchReport {
  return { sent: 0, retried: 0, failed: 0, unknown: 0, updated: 0, reconciled: 0, escalated: 0, expired: 0, held: 0 };
}

export function addReports(into: DispatchReport, from: DispatchReport): void {
  for (const key of Object.keys(into) as (keyof DispatchReport)[]) into[key] += from[key];
}

export interface OutcomeEnv {
  readonly kernel: Kernel;
  readonly policy: RetryPolicy;
  readonly random: () => number;
  readonly report: DispatchReport;
  /** Told when writing answers or reconciling fails (the rows stay leased or unknown and are looked at again). */
  readonly onError?: (error: unknown) => void;
  /** The platforms this drain may touch (this process is their elected sender); all when absent. */
  readonly scope?: readonly string[];
  /** Paces platform reads (reconciliation) through the dispatcher's limiter. */
  readonly paced?: PacedCall;
}

/** Records, inside `tx`, the answer to send attempt number `attempts` of `notice`. */
export async function recordOutcome(
  tx: TxPorts,
  env: OutcomeEnv,
  notice: StoredNotice,
  attempts: number,
  result: DeliveryResult,
): Promise<void> {
  const { kernel, policy, report } = env;
  const now = kernel.clock.now();
  switch (result.kind) {
    case "sent":
      if (await tx.deliveries.sent(notice.id, result.messageRef, now)) report.sent += 1;
      return;
    case "retry": {
      // The platform pacing Keypost (a 429 with its Retry-After) is no failure of the notice: the try
      // is given back, so a long rate-limit storm never gives a notice up (decision 13.s17-4).
      const paced = result.paced === true;
      if (!paced && exhausted(policy, attempts)) {
        const reason = `gave up after ${attempts} attempts: ${result.reason}`;
        if (await tx.deliveries.failed(notice.id, reason)) {
          report.failed += 1;
          report.escalated += await escalateDelivery(tx, "failed", notice, reason, attempts, now);
        }
        return;
      }
      const delay = retryDelayMs(policy, paced ? 1 : attempts, result.afterMs, env.random);
      if (await tx.deliveries.retry(notice.id, new Date(now.getTime() + delay), result.reason, paced))
        report.retried += 1;
      return;
    }
    case "held":
      // Back to pending, the attempt not counted: a bad token must not use up a notice's tries.
      if (await tx.deliveries.release(notice.id, new Date(now.getTime() + result.afterMs))) {
        report.held += 1;
        await tellHeld(tx, notice, result.reason, now);
      }
      return;
    case "failed":
      if (await tx.deliveries.failed(notice.id, result.reason)) {
        report.failed += 1;
        report.escalated += await escalateDelivery(tx, "failed", notice, result.reason, attempts, now);
      }
      return;
    case "unknown": {
      const reconcileAt = new Date(now.getTime() + retryDelayMs(policy, 1, 0, env.random));
      if (await tx.deliveries.unknown(notice.id, result.reason, reconcileAt)) report.unknown += 1;
      return;
    }
  }
}

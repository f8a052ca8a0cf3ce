// Delivery of one notice to one person on one platform. Slack, Teams and the log each implement it;
// the dispatcher (src/app/delivery) paces, retries, reconciles and escalates around it.
import type { Locale } from "./locale.ts";
import type { StoredNotice } from "./outbox.ts";
import type { ChatIdentityRef, Person } from "./people-repository.ts";

export type DeliveryResult =
  | { readonly kind: "sent"; readonly messageRef: string }
  /**
   * Try again later (rate limited, a passing fault). `afterMs` is the platform's Retry-After, honoured
   * exactly; 0 when the platform named no time (the dispatcher then backs off exponentially with jitter).
   * The dispatcher also pauses a limit key for `afterMs`: the one `limitKey` names (e.g. the tenant's,
   * when the platform says the tenant's limit was hit), else the delivery's first (narrowest) key.
   * `paced`: the platform asked to slow down (HTTP 429): not a failure, so the try is not counted
   * against the notice's attempts (decision 13.s17-4).
   */
  | {
      readonly kind: "retry";
      readonly afterMs: number;
      readonly reason: string;
      readonly limitKey?: string;
      readonly paced?: boolean;
    }
  /**
   * The platform refused Keypost's own credentials (a revoked or bad token): nobody can be reached
   * until an administrator fixes it. Not a failure: the notice waits (its attempt not counted), the
   * app-wide `limitKey` is paused for `afterMs`, and an administrator is told.
   */
  | { readonly kind: "held"; readonly afterMs: number; readonly reason: string; readonly limitKey: string }
  /** Never retried: user unknown, app not installed, blocked. Escalated to the manager and compliance. */
  | { readonly kind: "failed"; readonly reason: string }
  /** The request went out but its outcome is unknown (timeout): reconcile before any retry. */
  | { readonly kind: "unknown"; readonly reason: string };

/** What reconciling an unknown outcome found on the platform. */
export type ReconcileResult =
  /** The message did arrive: record it as sent with this reference. */
  | { readonly kind: "found"; readonly messageRef: string }
  /** The platform certainly has no such message: sending again cannot duplicate it. */
  | { readonly kind: "absent" }
  /** Still cannot tell: ask again later (never resend blindly). */
  | { readonly kind: "unknown"; readonly reason: string };

export interface Delivery {
  readonly notice: StoredNotice;
  readonly recipient: Person;
  readonly identity: ChatIdentityRef | undefined;
  readonly locale: Locale;
}

/**
 * One rate limit a delivery counts against (list the narrowest first: conversation, then tenant/app): at most `limit` sends per `windowMs` for `key`
 * (e.g. Slack "slack:channel:D123" 1 per 1000 ms; Teams "teams:conv:…" 7 per 1000 ms and
 * 60 per 30 000 ms, "teams:tenant:…" the tenant cap). The dispatcher waits rather than exceed one.
 */
export interface RateLimit {
  readonly key: string;
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Runs a platform read within its rate limits (the dispatcher's limiter, waiting for a grant first):
 * reconciliation reads are paced like sends (decision 17.19), under their own keys.
 */
export type PacedCall = <T>(limits: readonly RateLimit[], call: () => Promise<T>) => Promise<T>;

export interface Notifier {
  readonly platform: StoredNotice["platform"];
  deliver(delivery: Delivery): Promise<DeliveryResult>;
  /** Update a delivered message in place with the notice's current card. */
  update?(delivery: Delivery): Promise<DeliveryResult>;
  /** The rate limits this delivery counts against; none when absent. */
  limitsFor?(delivery: Delivery): readonly RateLimit[];
  /** After an "unknown" outcome: look on the platform for the message before sending again. */
  reconcile?(delivery: Delivery): Promise<ReconcileResult>;
  /**
   * The same for many notices at once (by notice id), asking the platform once per conversation
   * rather than once per notice: after a crash a replica may have held hundreds of one person's.
   */
  reconcileMany?(
    deliveries: readonly Delivery[],
    paced?: PacedCall,
    /**
     * Called with each conversation's results as soon as they are known, before the next conversation
     * is read: a caller that writes them at once keeps what was learnt if it dies mid-page (paced
     * reads of 40 conversations take ~48 s; decision 17.s9c-3).
     */
    settled?: (results: ReadonlyMap<string, ReconcileResult>) => Promise<void>,
  ): Promise<ReadonlyMap<string, ReconcileResult>>;
}

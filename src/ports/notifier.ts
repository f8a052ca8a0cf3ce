// Delivery of one notice to one person on one platform. Slack, Teams and the log each implement it.
import type { Locale } from "../app/i18n/locale.ts";
import type { StoredNotice } from "./outbox.ts";
import type { ChatIdentityRef, Person } from "./people-repository.ts";

export type DeliveryResult =
  | { readonly kind: "sent"; readonly messageRef: string }
  /** Try again later (rate limited, a passing fault); `afterMs` honours Retry-After when given. */
  | { readonly kind: "retry"; readonly afterMs: number; readonly reason: string }
  /** Never retried: user unknown, app not installed, blocked. Escalated to the manager and compliance. */
  | { readonly kind: "failed"; readonly reason: string }
  /** The request went out but its outcome is unknown (timeout): reconcile before any retry. */
  | { readonly kind: "unknown"; readonly reason: string };

export interface Delivery {
  readonly notice: StoredNotice;
  readonly recipient: Person;
  readonly identity: ChatIdentityRef | undefined;
  readonly locale: Locale;
}

export interface Notifier {
  readonly platform: StoredNotice["platform"];
  deliver(delivery: Delivery): Promise<DeliveryResult>;
  /** Update a delivered message in place with the notice's current card. */
  update?(delivery: Delivery): Promise<DeliveryResult>;
}

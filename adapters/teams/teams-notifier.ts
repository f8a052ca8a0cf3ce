// Delivers notices into each person's personal chat with the bot, as Adaptive Cards, and updates
// them in place when their subject moves on. Maps Bot Connector answers onto the notifier port:
// 429, 412 and 502–504 are retried (Retry-After when given, else a jittered backoff); 403 and 404
// (the app is not installed, the user blocked the bot) are failures never retried, about the person
// (`teams_unreachable`: one finding however many notices fail); 401 and 403 `BotDisabledByAdmin`
// (the bot refused for everyone) hold delivery on the tenant's key; a timeout is an unknown outcome. Teams offers a bot no way to read back the messages of a personal chat, so
// an unknown outcome cannot be reconciled: `reconcile` says so rather than guess.
import { pick } from "../../src/ports/locale.ts";
import type { Delivery, DeliveryResult, Notifier, RateLimit } from "../../src/ports/notifier.ts";
import type { BotConnectorClient, ConnectorResult } from "./connector/bot-connector.client.ts";
import { ADAPTIVE_CARD_TYPE, renderCard } from "./cards/keypost.card.ts";
import { parseRef, type ConversationRef } from "./conversation-ref.ts";

export interface TeamsNotifierOptions {
  /** Per-bot, per-tenant cap (messages per second). */
  readonly tenantPerSecond: number;
  /** Random in [0, 1): injectable so the backoff can be tested. */
  readonly random?: () => number;
}

const RETRIABLE = new Set([412, 429, 502, 503, 504]);
/** How long delivery is held after Teams refused the bot's token, before it is tried again. */
export const CREDENTIAL_HOLD_MS = 60_000;
/** A 403 that refuses the bot for the whole tenant (an administrator disabled it), not one person. */
const TENANT_REFUSALS = new Set(["BotDisabledByAdmin"]);
export const NOT_INSTALLED =
  "teams_not_installed: the Keypost app is not installed for this person in Teams (no conversation reference)";

export function cardActivity(delivery: Delivery, ref: ConversationRef): Record<string, unknown> {
  const card = renderCard(delivery.notice.card, delivery.locale, {
    refreshFor: [ref.userId],
    kind: delivery.notice.kind,
  });
  return {
    type: "message",
    summary: pick(delivery.notice.card.title, delivery.locale),
    attachments: [{ contentType: ADAPTIVE_CARD_TYPE, content: card }],
  };
}

export class TeamsNotifier implements Notifier {
  readonly platform = "teams" as const;
  private readonly random: () => number;

  constructor(
    private readonly connector: BotConnectorClient,
    private readonly options: TeamsNotifierOptions,
  ) {
    this.random = options.random ?? Math.random;
  }

  async deliver(delivery: Delivery): Promise<DeliveryResult> {
    const ref = parseRef(delivery.identity?.conversationRef);
    if (!ref) return { kind: "failed", reason: NOT_INSTALLED };
    const result = await this.connector.send(ref, cardActivity(delivery, ref));
    return this.outcome(result, ref, (body) => {
      const id = (body as { id?: unknown } | undefined)?.id;
      return typeof id === "string" && id !== "" ? id : `teams:${delivery.notice.id}`;
    });
  }

  async update(delivery: Delivery): Promise<DeliveryResult> {
    const ref = parseRef(delivery.identity?.conversationRef);
    if (!ref) return { kind: "failed", reason: NOT_INSTALLED };
    const activityId = delivery.notice.messageRef;
    if (!activityId || activityId.startsWith("teams:"))
      return { kind: "failed", reason: "teams_no_message_id: the delivered message cannot be addressed" };
    const result = await this.connector.update(ref, activityId, cardActivity(delivery, ref));
    return this.outcome(result, ref, () => activityId);
  }

  limitsFor(delivery: Delivery): readonly RateLimit[] {
    const ref = parseRef(delivery.identity?.conversationRef);
    if (!ref) return [];
    const conv = `teams:conv:${ref.conversationId}`;
    return [
      { key: conv, limit: 7, windowMs: 1_000 },
      { key: conv, limit: 60, windowMs: 30_000 },
      { key: `teams:tenant:${ref.tenantId}`, limit: this.options.tenantPerSecond, windowMs: 1_000 },
    ];
  }

  // No `reconcile`: Teams gives a bot no way to list the messages of a personal chat, so whether a
  // send arrived cannot be checked. Without it the dispatcher marks each send on the wire first and
  // gives an unknown outcome up at once, told to compliance (decisions 17.9, 17.s10f-2, 17.s10f-4).

  /** A jittered backoff between 1 and 5 seconds when Teams does not say how long to wait. */
  private backoff(retryAfterMs: number | undefined): number {
    const jitter = Math.floor(this.random() * 1000);
    return retryAfterMs !== undefined ? retryAfterMs + jitter : 1_000 + Math.floor(this.random() * 4_000);
  }

  private outcome(
    result: ConnectorResult,
    ref: ConversationRef,
    messageRef: (body: unknown) => string,
  ): DeliveryResult {
    switch (result.kind) {
      case "ok":
        return { kind: "sent", messageRef: messageRef(result.body) };
      case "unknown":
        return { kind: "unknown", reason: `teams: ${result.reason}` };
      case "not_sent":
        return result.reason === "service_url_not_allowed"
          ? {
              kind: "failed",
              reason: "teams_service_url_not_allowed: the stored service URL is not on TEAMS_ALLOWED_SERVICE_URLS",
            }
          : { kind: "retry", afterMs: this.backoff(undefined), reason: `teams: ${result.reason}` };
      case "http": {
        const what = `teams ${result.status}${result.code ? ` ${result.code}` : ""}`;
        if (RETRIABLE.has(result.status))
          return {
            kind: "retry",
            afterMs: this.backoff(result.retryAfterMs),
            reason: what,
            ...(result.status === 429 ? { paced: true } : {}),
          };
        // The bot's own token refused, or the bot disabled for the tenant: every Teams notice waits
        // (held, paused on the tenant's key) until it works.
        if (result.status === 401 || (result.status === 403 && TENANT_REFUSALS.has(result.code ?? "")))
          return {
            kind: "held",
            afterMs: CREDENTIAL_HOLD_MS,
            reason: `${what}: the bot's token was refused`,
            limitKey: `teams:tenant:${ref.tenantId}`,
          };
        if (result.status === 500) return { kind: "unknown", reason: what };
        // The reason's first word is the code the escalation reads: about the person, one finding.
        if (result.status === 403 || result.status === 404)
          return {
            kind: "failed",
            reason: `teams_unreachable: ${what}: the app is not installed or the bot is blocked`,
          };
        return { kind: "failed", reason: what };
      }
    }
  }
}

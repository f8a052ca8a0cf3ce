// Notices as Slack DMs. deliver = conversations.open + chat.postMessage, with message metadata
// naming the notice so that `reconcile` can find a message whose post timed out
// (conversations.history) instead of posting it twice; update = chat.update of the same message.
// The Web API client never retries by itself: a 429 comes back as `retry` after Retry-After, an
// unreachable person as `failed`, a timeout, a network error or an `internal_error` after the post
// went out as `unknown`,
// a refused token (`invalid_auth`, `token_revoked`, …) as `held`: every Slack notice waits, paused
// on the app-wide key, until the token works again (src/app/delivery/delivery-held.ts).
// Talks HTTP to Slack only; the dispatcher (src/app/delivery) records every outcome.
import type { webApi } from "@slack/bolt";
import type {
  Delivery,
  DeliveryResult,
  Notifier,
  PacedCall,
  RateLimit,
  ReconcileResult,
} from "../../src/ports/notifier.ts";
import type { Logger } from "../../src/infra/logger.ts";
import { LIMITS, withinBlockLimit } from "./blocks/block-kit.ts";
import { cardBlocks, cardFallbackText } from "./blocks/card.blocks.ts";
import { AMBIGUOUS_ERRORS, CREDENTIAL_ERRORS, UNREACHABLE_ERRORS, webApiErrorCode } from "./slack-errors.ts";

export const NOTICE_EVENT_TYPE = "keypost_notice";
/** Slack's ~1 message per second per channel; a person's DM is one channel (SLACK_CHANNEL_RATE, default 1). */
export const PER_CHANNEL: Omit<RateLimit, "key"> = { limit: 1, windowMs: 1_000 };
/** Every Slack delivery counts against this key (generous), so a refused token can pause them all at once. */
export const APP_KEY: RateLimit = { key: "slack:app", limit: 10_000, windowMs: 1_000 };
/**
 * conversations.history is Tier 3: about 50 calls a minute for the app. Reconciliation reads go
 * through the dispatcher's limiter under this key (decision 17.19), on the elected sender only.
 */
export const HISTORY_LIMIT: RateLimit = { key: "slack:history", limit: 50, windowMs: 60_000 };
/** How long delivery is held after Slack refused the token, before it is tried again. */
export const CREDENTIAL_HOLD_MS = 60_000;
/** A passing fault with no Retry-After: try again after this long. */
export const FAULT_RETRY_MS = 30_000;
/** How far back reconcile looks before the notice was written (clock skew). */
const RECONCILE_SLACK_SECONDS = 300;

export interface SlackNotifierOptions {
  readonly log: Logger;
  /** Called after a notice to a person was delivered or updated (the App Home shows it too). */
  readonly onDelivered?: (personId: string) => void;
  /**
   * Messages a second to one channel (PER_CHANNEL's 1 unless set): tests that are not about pacing
   * raise it, so that a person sent three notices does not wait two real seconds (decision 13.s11t-6).
   */
  readonly channelPerSecond?: number;
}

type Failure =
  | { kind: "rate_limited"; afterMs: number }
  | { kind: "unreachable"; code: string }
  | { kind: "credentials"; code: string }
  | { kind: "not_sent"; code: string }
  | { kind: "unknown"; code: string };

function classify(error: unknown): Failure {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number };
  if (e?.code === "slack_webapi_rate_limited_error")
    return { kind: "rate_limited", afterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
  const code = webApiErrorCode(error);
  if (e?.code === "slack_webapi_platform_error") {
    if (code === "ratelimited") return { kind: "rate_limited", afterMs: 1000 };
    if (UNREACHABLE_ERRORS.has(code)) return { kind: "unreachable", code };
    if (CREDENTIAL_ERRORS.has(code)) return { kind: "credentials", code };
    if (AMBIGUOUS_ERRORS.has(code)) return { kind: "unknown", code };
    return { kind: "not_sent", code };
  }
  if (e?.code === "slack_webapi_http_error" && (e.statusCode === 401 || e.statusCode === 403))
    return { kind: "credentials", code: `http_${e.statusCode}` };
  if (e?.code === "slack_webapi_http_error" && e.statusCode !== undefined && e.statusCode < 500)
    return { kind: "not_sent", code: `http_${e.statusCode}` };
  return { kind: "unknown", code };
}

function held(code: string): DeliveryResult {
  return { kind: "held", afterMs: CREDENTIAL_HOLD_MS, reason: `slack_${code}`, limitKey: APP_KEY.key };
}

export function parseMessageRef(ref: string | null): { channel: string; ts: string } | undefined {
  const m = /^([A-Z0-9]+):(\d+\.\d+)$/.exec(ref ?? "");
  return m ? { channel: m[1]!, ts: m[2]! } : undefined;
}

export class SlackNotifier implements Notifier {
  readonly platform = "slack" as const;

  constructor(
    private readonly web: webApi.WebClient,
    private readonly options: SlackNotifierOptions,
  ) {}

  private message(delivery: Delivery): { text: string; blocks: never } {
    const { card } = delivery.notice;
    const blocks = withinBlockLimit(
      cardBlocks(card, delivery.locale, { kind: delivery.notice.kind }),
      LIMITS.messageBlocks,
      (n) =>
        delivery.locale === "en"
          ? `…${n} more blocks: open Keypost's App Home.`
          : `……另有 ${n} 个区块，请在 Keypost 应用主页查看。`,
    );
    return { text: cardFallbackText(card, delivery.locale), blocks: blocks as never };
  }

  private async userOf(delivery: Delivery): Promise<string | undefined> {
    if (delivery.identity?.platform === "slack") return delivery.identity.externalId;
    if (!delivery.recipient.email) return undefined;
    const found = await this.web.users.lookupByEmail({ email: delivery.recipient.email });
    return found.user?.id;
  }

  /** Opening a DM sends nothing: any failure here can be retried safely. */
  private async channelOf(delivery: Delivery): Promise<{ channel: string } | DeliveryResult> {
    try {
      const user = await this.userOf(delivery);
      if (!user) return { kind: "failed", reason: "user_not_found" };
      const opened = await this.web.conversations.open({ users: user });
      const channel = opened.channel?.id;
      return channel ? { channel } : { kind: "retry", afterMs: FAULT_RETRY_MS, reason: "no_channel" };
    } catch (error) {
      const f = classify(error);
      if (f.kind === "rate_limited") return { kind: "retry", afterMs: f.afterMs, reason: "rate_limited", paced: true };
      if (f.kind === "unreachable") return { kind: "failed", reason: f.code };
      if (f.kind === "credentials") return held(f.code);
      return { kind: "retry", afterMs: FAULT_RETRY_MS, reason: f.code };
    }
  }

  limitsFor(delivery: Delivery): readonly RateLimit[] {
    const who = delivery.identity?.platform === "slack" ? delivery.identity.externalId : delivery.recipient.id;
    const limit = this.options.channelPerSecond ?? PER_CHANNEL.limit;
    return [{ key: `slack:channel:${who}`, limit, windowMs: PER_CHANNEL.windowMs }, APP_KEY];
  }

  async deliver(delivery: Delivery): Promise<DeliveryResult> {
    const opened = await this.channelOf(delivery);
    if (!("channel" in opened)) return opened;
    try {
      const posted = await this.web.chat.postMessage({
        channel: opened.channel,
        ...this.message(delivery),
        metadata: { event_type: NOTICE_EVENT_TYPE, event_payload: { notice_id: delivery.notice.id } },
      });
      if (!posted.ts) return { kind: "unknown", reason: "no_ts" };
      this.options.onDelivered?.(delivery.recipient.id);
      return { kind: "sent", messageRef: `${opened.channel}:${posted.ts}` };
    } catch (error) {
      return this.outcomeOf(error, "post");
    }
  }

  async update(delivery: Delivery): Promise<DeliveryResult> {
    const ref = parseMessageRef(delivery.notice.messageRef);
    if (!ref) return { kind: "failed", reason: "no_message_ref" };
    try {
      await this.web.chat.update({ channel: ref.channel, ts: ref.ts, ...this.message(delivery) });
      this.options.onDelivered?.(delivery.recipient.id);
      return { kind: "sent", messageRef: `${ref.channel}:${ref.ts}` };
    } catch (error) {
      const result = this.outcomeOf(error, "update");
      // An update carries the whole card: sending it again cannot duplicate anything.
      return result.kind === "unknown" ? { kind: "retry", afterMs: FAULT_RETRY_MS, reason: result.reason } : result;
    }
  }

  async reconcile(delivery: Delivery): Promise<ReconcileResult> {
    const found = await this.reconcileMany([delivery]);
    return found.get(delivery.notice.id) ?? { kind: "unknown", reason: "not_asked" };
  }

  /**
   * One conversations.open and one read of the history (up to 10 pages of 200) per conversation,
   * however many of its notices are unknown: Slack rate-limits conversations.history (Tier 3), and
   * reconciling a killed replica's rows one notice at a time took thousands of calls. Each history
   * call waits for a grant under HISTORY_LIMIT when the dispatcher paces it (`paced`).
   */
  async reconcileMany(
    deliveries: readonly Delivery[],
    paced: PacedCall = (_, call) => call(),
    settled?: (results: ReadonlyMap<string, ReconcileResult>) => Promise<void>,
  ): Promise<ReadonlyMap<string, ReconcileResult>> {
    const results = new Map<string, ReconcileResult>();
    const byPerson = new Map<string, Delivery[]>();
    for (const d of deliveries) {
      const who = d.identity?.platform === "slack" ? d.identity.externalId : d.recipient.id;
      byPerson.set(who, [...(byPerson.get(who) ?? []), d]);
    }
    for (const group of byPerson.values()) {
      const settle = (result: ReconcileResult) => {
        for (const d of group) if (!results.has(d.notice.id)) results.set(d.notice.id, result);
      };
      await this.reconcileConversation(group, results, settle, paced);
      if (settled) await settled(new Map(group.map((d) => [d.notice.id, results.get(d.notice.id)!])));
    }
    return results;
  }

  /** Reads one person's conversation for the notices of `group`, recording each result in `results`. */
  private async reconcileConversation(
    group: readonly Delivery[],
    results: Map<string, ReconcileResult>,
    settle: (result: ReconcileResult) => void,
    paced: PacedCall,
  ): Promise<void> {
    const opened = await this.channelOf(group[0]!);
    if (!("channel" in opened)) {
      settle({
        kind: "unknown",
        reason: opened.kind === "failed" || opened.kind === "retry" ? opened.reason : "no_channel",
      });
      return;
    }
    const wanted = new Set(group.map((d) => d.notice.id));
    const earliest = Math.min(...group.map((d) => d.notice.createdAt.getTime()));
    const oldest = String(Math.floor(earliest / 1000) - RECONCILE_SLACK_SECONDS);
    try {
      let cursor: string | undefined;
      let complete = false;
      for (let page = 0; page < 10 && wanted.size > 0; page += 1) {
        const history = await paced([HISTORY_LIMIT], () =>
          this.web.conversations.history({
            channel: opened.channel,
            oldest,
            limit: 200,
            include_all_metadata: true,
            ...(cursor ? { cursor } : {}),
          }),
        );
        for (const m of history.messages ?? []) {
          const meta = (m as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
          const id = meta?.event_type === NOTICE_EVENT_TYPE ? meta.event_payload?.notice_id : undefined;
          if (typeof id === "string" && wanted.has(id) && m.ts) {
            results.set(id, { kind: "found", messageRef: `${opened.channel}:${m.ts}` });
            wanted.delete(id);
          }
        }
        cursor = history.response_metadata?.next_cursor || undefined;
        if (!history.has_more || !cursor) {
          complete = true;
          break;
        }
      }
      settle(complete || wanted.size === 0 ? { kind: "absent" } : { kind: "unknown", reason: "history_too_long" });
    } catch (error) {
      settle({ kind: "unknown", reason: webApiErrorCode(error) });
    }
  }

  private outcomeOf(error: unknown, what: "post" | "update"): DeliveryResult {
    const f = classify(error);
    this.options.log.warn(`slack ${what} failed`, { error: f.kind === "rate_limited" ? "rate_limited" : f.code });
    if (f.kind === "credentials") {
      this.options.log.error("slack refused the bot token: delivery held until it works again", { error: f.code });
      return held(f.code);
    }
    if (f.kind === "rate_limited") return { kind: "retry", afterMs: f.afterMs, reason: "rate_limited", paced: true };
    if (f.kind === "unreachable") return { kind: "failed", reason: f.code };
    if (f.kind === "not_sent") return { kind: "retry", afterMs: FAULT_RETRY_MS, reason: f.code };
    return { kind: "unknown", reason: f.code };
  }
}

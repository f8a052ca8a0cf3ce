// A notifier that speaks HTTP to the FakePlatform, mapping its answers the way the Slack and Teams
// notifiers map theirs: 200 → sent (with the message reference); 429 → retry after Retry-After,
// naming the limit key of the scope the platform reported; 5xx → retry with backoff; 404 → failed for
// good; connection refused → retry (nothing was sent); any other lost answer → unknown (reconcile).
import type { Delivery, DeliveryResult, Notifier, RateLimit, ReconcileResult } from "../../src/ports/notifier.ts";
import { httpText, type HttpAnswer } from "../../src/infra/http/http-client.ts";
import { cardAsLine } from "../../src/infra/notifiers/log-notifier.ts";
import type { FakeLimit } from "./fake-platform.ts";

export interface FakeNotifierOptions {
  readonly platform: "slack" | "teams";
  readonly url: string;
  /** The limits the platform documents (the dispatcher paces by them); usually the fake's own. */
  readonly limits: readonly FakeLimit[];
  readonly timeoutMs?: number;
}

function refused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code === "ECONNREFUSED";
}

export class FakePlatformNotifier implements Notifier {
  readonly platform: "slack" | "teams";
  readonly calls = { deliver: 0, update: 0, reconcile: 0 };

  constructor(private readonly options: FakeNotifierOptions) {
    this.platform = options.platform;
  }

  #where(delivery: Delivery): { conversation: string; tenant: string } | undefined {
    const identity = delivery.identity;
    if (!identity) return undefined;
    return { conversation: identity.conversationRef ?? identity.externalId, tenant: identity.tenantId };
  }

  #keyOf(scope: FakeLimit["scope"], where: { conversation: string; tenant: string }): string {
    return `${this.platform}:${scope}:${scope === "conversation" ? where.conversation : where.tenant}`;
  }

  limitsFor(delivery: Delivery): readonly RateLimit[] {
    const where = this.#where(delivery);
    if (!where) return [];
    // Narrowest first: the conversation's limits, then the tenant's.
    const ordered = [...this.options.limits].sort((a, b) =>
      a.scope === b.scope ? 0 : a.scope === "conversation" ? -1 : 1,
    );
    return ordered.map((l) => ({ key: this.#keyOf(l.scope, where), limit: l.limit, windowMs: l.windowMs }));
  }

  async #call(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    // The same HTTP client as the Teams connector (keep-alive node:http; errors shaped like fetch's).
    return httpText(`${this.options.url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      timeoutMs: this.options.timeoutMs ?? 10_000,
    });
  }

  #json(response: HttpAnswer): { ref?: string; error?: string } {
    try {
      return JSON.parse(response.text) as { ref?: string; error?: string };
    } catch {
      return {};
    }
  }

  async #write(method: "POST" | "PATCH", delivery: Delivery): Promise<DeliveryResult> {
    const where = this.#where(delivery);
    if (!where) return { kind: "failed", reason: `no ${this.platform} account` };
    let response: HttpAnswer;
    try {
      response = await this.#call(method, "/messages", {
        key: delivery.notice.dedupeKey,
        conversation: where.conversation,
        tenant: where.tenant,
        text: cardAsLine(delivery.notice.card, delivery.locale),
        ref: delivery.notice.messageRef,
      });
    } catch (error) {
      if (refused(error)) return { kind: "retry", afterMs: 0, reason: "platform unreachable" };
      return { kind: "unknown", reason: `no answer: ${error instanceof Error ? error.message : String(error)}` };
    }
    const answer = this.#json(response);
    if (response.ok && answer.ref) return { kind: "sent", messageRef: answer.ref };
    if (response.status === 429) {
      const scope = response.header("x-limit-scope") === "tenant" ? "tenant" : "conversation";
      const afterMs = Number(response.header("retry-after") ?? "1") * 1000;
      return { kind: "retry", afterMs, reason: "rate limited (429)", limitKey: this.#keyOf(scope, where), paced: true };
    }
    if (response.status >= 500) return { kind: "retry", afterMs: 0, reason: `platform error ${response.status}` };
    return { kind: "failed", reason: answer.error ?? `refused (${response.status})` };
  }

  deliver(delivery: Delivery): Promise<DeliveryResult> {
    this.calls.deliver += 1;
    return this.#write("POST", delivery);
  }

  update(delivery: Delivery): Promise<DeliveryResult> {
    this.calls.update += 1;
    return this.#write("PATCH", delivery);
  }

  async reconcile(delivery: Delivery): Promise<ReconcileResult> {
    this.calls.reconcile += 1;
    try {
      const response = await this.#call("GET", `/messages?key=${encodeURIComponent(delivery.notice.dedupeKey)}`);
      const answer = this.#json(response);
      if (response.ok && answer.ref) return { kind: "found", messageRef: answer.ref };
      if (response.status === 404) return { kind: "absent" };
      return { kind: "unknown", reason: `lookup answered ${response.status}` };
    } catch (error) {
      return { kind: "unknown", reason: error instanceof Error ? error.message : String(error) };
    }
  }
}

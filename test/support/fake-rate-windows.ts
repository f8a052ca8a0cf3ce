// Sliding-window rate limits as a platform counts them, for the fakes that speak Slack's and the Bot
// Connector's real APIs (FakeSlack, FakeBotConnector): per conversation and per tenant, across every
// connection that reaches the fake, so several replicas together are held to one tenant's limit
// (`bench:fanout -- --replicas 3`). The same rule as FakePlatform's: a request is refused when the
// window already holds `limit` accepted requests, with the wait until the oldest leaves it.
import type { FakeLimit } from "./fake-platform.ts";

export type LimitDecision =
  { readonly kind: "ok" } | { readonly kind: "limited"; readonly scope: FakeLimit["scope"]; readonly waitMs: number };

export class RateWindows {
  /** Accepted request times per (scope, id, window), in time order. */
  readonly #arrivals = new Map<string, number[]>();
  readonly refused = { conversation: 0, tenant: 0 };

  constructor(
    readonly limits: readonly FakeLimit[],
    private readonly now: () => number = Date.now,
  ) {}

  /** Accepts (and counts) the request, or says which limit refused it and for how long. */
  take(conversation: string, tenant: string): LimitDecision {
    const now = this.now();
    for (const limit of this.limits) {
      const times = this.#arrivals.get(this.#key(limit, conversation, tenant)) ?? [];
      let inWindow = 0;
      for (let i = times.length - 1; i >= 0 && times[i]! > now - limit.windowMs && inWindow < limit.limit; i -= 1)
        inWindow += 1;
      if (inWindow >= limit.limit) {
        this.refused[limit.scope] += 1;
        return {
          kind: "limited",
          scope: limit.scope,
          waitMs: times[times.length - limit.limit]! + limit.windowMs - now,
        };
      }
    }
    for (const limit of this.limits) {
      const key = this.#key(limit, conversation, tenant);
      const times = this.#arrivals.get(key) ?? [];
      times.push(now);
      this.#arrivals.set(key, times);
    }
    return { kind: "ok" };
  }

  #key(limit: FakeLimit, conversation: string, tenant: string): string {
    return `${limit.scope}:${limit.scope === "conversation" ? conversation : tenant}:${limit.windowMs}`;
  }
}

// A fake chat platform on loopback (node:http) that enforces rate limits the way Slack and Teams do:
// sliding windows per conversation and per tenant, answering 429 with Retry-After (whole seconds)
// when one is exceeded. It can inject faults — random 429s and 503s, answers lost after the message
// was stored ("drop": the sender cannot know), requests refused before storing ("reset"), and
// recipients that do not exist (404) — and it counts what it stored per dedupe key, so a test or a
// benchmark can tell lost and duplicated notices. Time comes from `now()` (real or virtual).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeLimit {
  readonly scope: "conversation" | "tenant";
  readonly limit: number;
  readonly windowMs: number;
}

export interface FakeFaults {
  /** Chance per request of a spurious 429 (Retry-After 1, scope conversation). */
  readonly rate429?: number;
  /** Chance per request of a 503 with no Retry-After (nothing stored). */
  readonly rate503?: number;
  /** Chance per request that the message is stored but the answer is lost (connection destroyed). */
  readonly rateDrop?: number;
  /** Chance per request that the connection is destroyed before anything is stored. */
  readonly rateReset?: number;
}

export interface FakePlatformOptions {
  readonly now: () => number;
  readonly limits: readonly FakeLimit[];
  readonly faults?: FakeFaults;
  readonly random?: () => number;
}

export interface StoredMessage {
  readonly ref: string;
  readonly key: string;
  readonly conversation: string;
  text: string;
  readonly at: number;
  updates: number;
}

type Decision =
  | { kind: "ok" }
  | { kind: "fault"; fault: "429" | "503" | "drop" | "reset" }
  | { kind: "limited"; scope: FakeLimit["scope"]; waitMs: number };

export class FakePlatform {
  readonly messages: StoredMessage[] = [];
  readonly byKey = new Map<string, StoredMessage[]>();
  /** Conversations whose user does not exist (answers 404 user_not_found). */
  readonly unknownUsers = new Set<string>();
  /** Dedupe keys whose next send is answered with a forced fault (once each). */
  readonly forced = new Map<string, "429" | "503" | "drop" | "reset" | { retryAfterS: number }>();
  /** Dedupe keys whose lookup (reconcile) fails with 503. */
  readonly lookupFails = new Set<string>();
  readonly stats = {
    requests: 0,
    stored: 0,
    limited429: 0,
    limitedTenant429: 0,
    injected429: 0,
    injected503: 0,
    dropped: 0,
    reset: 0,
    lookups: 0,
    updates: 0,
  };
  /** Accepted request times per (scope, id, window) — for the limit checks and for tests. */
  readonly #arrivals = new Map<string, number[]>();
  #server: Server | undefined;
  #url = "";
  #seq = 0;

  constructor(private readonly options: FakePlatformOptions) {}

  get url(): string {
    return this.#url;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.#handle(req, res));
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.#server = server;
    this.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** How many messages `key` was stored as (exactly-once means 1). */
  count(key: string): number {
    return this.byKey.get(key)?.length ?? 0;
  }

  /** The most accepted in any window of `limit` for one conversation or tenant (a test asserts ≤ limit). */
  maxInWindow(scope: FakeLimit["scope"], id: string, windowMs: number): number {
    const times = this.#arrivals.get(`${scope}:${id}:${windowMs}`) ?? [];
    let max = 0;
    let start = 0;
    for (let end = 0; end < times.length; end += 1) {
      while ((times[end] as number) - (times[start] as number) >= windowMs) start += 1;
      max = Math.max(max, end - start + 1);
    }
    return max;
  }

  #decide(conversation: string, tenant: string, key: string): Decision {
    const forced = this.forced.get(key);
    if (forced !== undefined) {
      this.forced.delete(key);
      if (typeof forced === "object")
        return { kind: "limited", scope: "conversation", waitMs: forced.retryAfterS * 1000 };
      return { kind: "fault", fault: forced };
    }
    const now = this.options.now();
    for (const limit of this.options.limits) {
      const times =
        this.#arrivals.get(
          `${limit.scope}:${limit.scope === "conversation" ? conversation : tenant}:${limit.windowMs}`,
        ) ?? [];
      // Arrivals are in time order: look back from the newest while inside the window.
      let inWindow = 0;
      for (
        let i = times.length - 1;
        i >= 0 && (times[i] as number) > now - limit.windowMs && inWindow < limit.limit;
        i -= 1
      )
        inWindow += 1;
      if (inWindow >= limit.limit)
        return {
          kind: "limited",
          scope: limit.scope,
          waitMs: (times[times.length - limit.limit] as number) + limit.windowMs - now,
        };
    }
    const faults = this.options.faults ?? {};
    const random = this.options.random ?? Math.random;
    const roll = random();
    let edge = 0;
    for (const [fault, rate] of [
      ["429", faults.rate429],
      ["503", faults.rate503],
      ["drop", faults.rateDrop],
      ["reset", faults.rateReset],
    ] as const) {
      edge += rate ?? 0;
      if (roll < edge) return { kind: "fault", fault };
    }
    return { kind: "ok" };
  }

  #accept(conversation: string, tenant: string): void {
    const now = this.options.now();
    for (const limit of this.options.limits) {
      const id = `${limit.scope}:${limit.scope === "conversation" ? conversation : tenant}:${limit.windowMs}`;
      const times = this.#arrivals.get(id) ?? [];
      times.push(now);
      this.#arrivals.set(id, times);
    }
  }

  #store(key: string, conversation: string, text: string): StoredMessage {
    this.#seq += 1;
    const message: StoredMessage = {
      ref: `${conversation}:${this.#seq}`,
      key,
      conversation,
      text,
      at: this.options.now(),
      updates: 0,
    };
    this.messages.push(message);
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), message]);
    this.stats.stored += 1;
    return message;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://fake");
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    this.stats.requests += 1;
    if (req.method === "GET" && url.pathname === "/messages") {
      this.stats.lookups += 1;
      const key = url.searchParams.get("key") ?? "";
      if (this.lookupFails.has(key)) return json(503, { error: "service_unavailable" });
      const found = this.byKey.get(key)?.[0];
      return found ? json(200, { ref: found.ref }) : json(404, { error: "message_not_found" });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as {
      key?: string;
      conversation?: string;
      tenant?: string;
      text?: string;
      ref?: string;
    };
    const conversation = body.conversation ?? "";
    const tenant = body.tenant ?? "";
    if (
      (req.method === "POST" && url.pathname === "/messages") ||
      (req.method === "PATCH" && url.pathname === "/messages")
    ) {
      if (this.unknownUsers.has(conversation)) return json(404, { error: "user_not_found" });
      const decision = this.#decide(conversation, tenant, body.key ?? "");
      if (decision.kind === "limited") {
        this.stats.limited429 += 1;
        if (decision.scope === "tenant") this.stats.limitedTenant429 += 1;
        return json(
          429,
          { error: "ratelimited" },
          { "retry-after": String(Math.max(1, Math.ceil(decision.waitMs / 1000))), "x-limit-scope": decision.scope },
        );
      }
      if (decision.kind === "fault") {
        if (decision.fault === "429") {
          this.stats.injected429 += 1;
          return json(429, { error: "ratelimited" }, { "retry-after": "1", "x-limit-scope": "conversation" });
        }
        if (decision.fault === "503") {
          this.stats.injected503 += 1;
          return json(503, { error: "service_unavailable" });
        }
        if (decision.fault === "reset") {
          this.stats.reset += 1;
          req.socket.destroy();
          return;
        }
      }
      this.#accept(conversation, tenant);
      if (req.method === "PATCH") {
        const message = this.messages.find((m) => m.ref === body.ref);
        if (!message) return json(404, { error: "message_not_found" });
        message.text = body.text ?? "";
        message.updates += 1;
        this.stats.updates += 1;
        return json(200, { ref: message.ref });
      }
      const message = this.#store(body.key ?? "", conversation, body.text ?? "");
      if (decision.kind === "fault" && decision.fault === "drop") {
        this.stats.dropped += 1;
        req.socket.destroy();
        return;
      }
      return json(200, { ref: message.ref });
    }
    return json(404, { error: "unknown_method" });
  }
}

// A small client for the Bot Connector REST API — the calls Keypost makes to Teams:
// send (POST /v3/conversations/{id}/activities), update (PUT …/activities/{activityId}) and a
// conversation member's profile (GET …/members/{userId}, for the e-mail address on first contact).
// Every call checks the service URL against the allow-list, carries the bot's token when
// credentials are set, has a timeout, and answers what happened without throwing, so that the
// notifier can tell "not sent, safe to retry" from "sent, outcome unknown".
import { z } from "zod";
import { httpText, type HttpAnswer } from "../../../src/infra/http/http-client.ts";
import { PROXY_REFUSED, type Outbound } from "../../../src/infra/http/outbound.ts";
import type { TokenSource } from "./bot-token.ts";
import type { ServiceUrlAllowList } from "./service-urls.ts";

export type ConnectorResult =
  | { readonly kind: "ok"; readonly status: number; readonly body: unknown }
  | { readonly kind: "http"; readonly status: number; readonly retryAfterMs?: number; readonly code?: string }
  /** Nothing reached Teams (refused address, no connection, no token): sending again is safe. */
  | { readonly kind: "not_sent"; readonly reason: string }
  /** The request may have reached Teams (timeout, connection dropped): its outcome is unknown. */
  | { readonly kind: "unknown"; readonly reason: string };

export interface ConnectorTarget {
  readonly serviceUrl: string;
  readonly conversationId: string;
}

export interface BotConnectorOptions {
  readonly allowList: ServiceUrlAllowList;
  /** Absent only in the unauthenticated development mode. */
  readonly token?: TokenSource;
  readonly timeoutMs?: number;
  /** How requests leave the process (the proxy, when one is configured); default: directly. */
  readonly http?: Outbound["text"];
}

const errorBody = z.object({ error: z.object({ code: z.string().optional() }).loose() }).loose();
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ERR_INVALID_URL",
  // The proxy would not open a tunnel to Teams: nothing reached it.
  PROXY_REFUSED,
]);

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value.trim()) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
}

export class BotConnectorClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: BotConnectorOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  allows(serviceUrl: string): boolean {
    return this.options.allowList.allows(serviceUrl);
  }

  send(target: ConnectorTarget, activity: Record<string, unknown>): Promise<ConnectorResult> {
    return this.call(
      "POST",
      target.serviceUrl,
      `/v3/conversations/${encodeURIComponent(target.conversationId)}/activities`,
      activity,
    );
  }

  update(target: ConnectorTarget, activityId: string, activity: Record<string, unknown>): Promise<ConnectorResult> {
    const path = `/v3/conversations/${encodeURIComponent(target.conversationId)}/activities/${encodeURIComponent(activityId)}`;
    return this.call("PUT", target.serviceUrl, path, { ...activity, id: activityId });
  }

  member(target: ConnectorTarget, userId: string): Promise<ConnectorResult> {
    return this.call(
      "GET",
      target.serviceUrl,
      `/v3/conversations/${encodeURIComponent(target.conversationId)}/members/${encodeURIComponent(userId)}`,
    );
  }

  private async call(
    method: "GET" | "POST" | "PUT",
    serviceUrl: string,
    path: string,
    body?: unknown,
  ): Promise<ConnectorResult> {
    if (!this.allows(serviceUrl)) return { kind: "not_sent", reason: "service_url_not_allowed" };
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json; charset=utf-8";
    if (this.options.token) {
      try {
        headers.authorization = `Bearer ${await this.options.token.get()}`;
      } catch (error) {
        return { kind: "not_sent", reason: `no_token: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    const url = serviceUrl.replace(/\/+$/, "") + path;
    let response: HttpAnswer;
    try {
      response = await (this.options.http ?? httpText)(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      const code = causeCode(error);
      if (code && NOT_SENT_CODES.has(code)) return { kind: "not_sent", reason: code };
      const name = error instanceof Error ? error.name : "error";
      return { kind: "unknown", reason: name === "TimeoutError" ? "timeout" : (code ?? name) };
    }
    let parsed: unknown;
    try {
      parsed = response.text === "" ? undefined : JSON.parse(response.text);
    } catch {
      parsed = undefined;
    }
    if (response.status === 401) this.options.token?.invalidate();
    if (response.ok) return { kind: "ok", status: response.status, body: parsed };
    const error = errorBody.safeParse(parsed);
    const retryAfterMs = parseRetryAfter(response.header("retry-after"));
    return {
      kind: "http",
      status: response.status,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(error.success && error.data.error.code ? { code: error.data.error.code } : {}),
    };
  }
}

// Signed Slack requests, as Slack sends them: JSON (Events API), a form with `payload`
// (interactivity), a plain form (slash commands); signed with the signing secret at an instant.
import { slackSignature } from "../../adapters/slack/slack-signature.ts";

export const TEST_SIGNING_SECRET = "test-signing-secret-not-real";
export const TEST_BOT_TOKEN = "xoxb-test-not-a-real-token";

export interface Sent {
  readonly status: number;
  readonly text: string;
  json(): unknown;
}

export type SlackBody =
  { readonly json: unknown } | { readonly payload: unknown } | { readonly form: Record<string, string> };

export function encode(body: SlackBody): { raw: string; contentType: string } {
  if ("json" in body) return { raw: JSON.stringify(body.json), contentType: "application/json" };
  if ("payload" in body)
    return {
      raw: new URLSearchParams({ payload: JSON.stringify(body.payload) }).toString(),
      contentType: "application/x-www-form-urlencoded",
    };
  return { raw: new URLSearchParams(body.form).toString(), contentType: "application/x-www-form-urlencoded" };
}

export interface SignOptions {
  /** Seconds since the epoch the request says it was sent at. */
  readonly timestamp: number;
  readonly secret?: string;
  readonly retryNum?: number;
  /** Send this signature instead of the right one. */
  readonly signature?: string;
}

export function signedHeaders(raw: string, contentType: string, options: SignOptions): Record<string, string> {
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(options.timestamp),
    "x-slack-signature":
      options.signature ?? slackSignature(options.secret ?? TEST_SIGNING_SECRET, options.timestamp, raw),
    ...(options.retryNum !== undefined
      ? { "x-slack-retry-num": String(options.retryNum), "x-slack-retry-reason": "http_timeout" }
      : {}),
  };
}

export async function post(url: string, raw: string, headers: Record<string, string>): Promise<Sent> {
  const res = await fetch(url, { method: "POST", headers, body: raw });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

export async function sendSigned(url: string, body: SlackBody, options: SignOptions): Promise<Sent> {
  const { raw, contentType } = encode(body);
  return post(url, raw, signedHeaders(raw, contentType, options));
}

// Slack's request signing, checked before anything else: v0 HMAC-SHA256 of "v0:<timestamp>:<raw
// body>" with the signing secret, compared in constant time; the timestamp must be within five
// minutes of now either way (Bolt itself only refuses old ones, not future ones).
import { createHmac, timingSafeEqual } from "node:crypto";

export const MAX_SKEW_SECONDS = 5 * 60;

export type SignatureCheck =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: "missing_headers" | "bad_timestamp" | "stale" | "future" | "bad_signature" };

export function slackSignature(secret: string, timestamp: number | string, rawBody: string): string {
  return "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex");
}

export function verifySlackSignature(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  rawBody: string,
  now: Date,
): SignatureCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "bad_timestamp" };
  const ts = Number(timestamp);
  const skew = Math.floor(now.getTime() / 1000) - ts;
  if (skew > MAX_SKEW_SECONDS) return { ok: false, reason: "stale" };
  if (skew < -MAX_SKEW_SECONDS) return { ok: false, reason: "future" };
  const expected = Buffer.from(slackSignature(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: "bad_signature" };
  return { ok: true, timestamp: ts };
}

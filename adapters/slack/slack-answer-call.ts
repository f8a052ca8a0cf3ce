// The Web API calls that answer a press (`chat.update` of the card pressed, `chat.postEphemeral`
// of a sentence), made over the keep-alive node:http client (src/infra/http via Outbound.text)
// instead of @slack/web-api's client. Every acted-on press makes one; in bench:slack's profile the
// client's fetch (undici: web streams for the body, an iterable written in several writes) was the
// largest share of acting on a press (decision 13.s11p-1). The request is the one @slack/web-api
// sends — the same form-encoded body (objects as JSON strings), the bot token as a Bearer header —
// and a failure is thrown in its error shapes (`code`, and `data.error` for Slack's refusals), so
// `webApiErrorCode` and the callers read it as before. A call that meets a kept-alive socket the
// server had just closed is sent once more (http-client.ts): these two calls do no harm if
// repeated, where a press whose answer failed would be acted on again and refused as already done.
// Every other call keeps @slack/web-api (slack-web-client.ts).
import { stringify } from "node:querystring";
import type { Outbound } from "../../src/infra/http/outbound.ts";

/** One Web API method called with its arguments; resolves with Slack's answer when `ok`. */
export type AnswerCall = (
  method: "chat.update" | "chat.postEphemeral",
  args: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

const SLACK_API_URL = "https://slack.com/api/";

/** The form body @slack/web-api sends: strings, numbers and booleans as they are, anything else as JSON. */
function formBody(args: Record<string, unknown>): string {
  const fields: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue;
    fields[key] =
      typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? value
        : JSON.stringify(value);
  }
  return stringify(fields);
}

function coded(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

export function slackAnswerCall(
  token: string,
  apiUrl: string | undefined,
  text: Outbound["text"],
  timeoutMs = 10_000,
): AnswerCall {
  const base = apiUrl ?? SLACK_API_URL;
  const headers = {
    authorization: `Bearer ${token}`,
    accept: "application/json",
    "content-type": "application/x-www-form-urlencoded",
  };
  return async (method, args) => {
    let answer;
    try {
      answer = await text(`${base}${method}`, {
        method: "POST",
        headers,
        body: formBody(args),
        timeoutMs,
        retryStaleSocket: true,
      });
    } catch (error) {
      // @slack/web-api's RequestError: the original failure kept (its cause.code, or a TimeoutError).
      throw coded(`A request error occurred: ${(error as Error).message}`, {
        code: "slack_webapi_request_error",
        original: error,
      });
    }
    if (answer.status === 429) {
      const retryAfter = Number(answer.header("retry-after"));
      throw coded("A rate-limit has been reached", {
        code: "slack_webapi_rate_limited_error",
        retryAfter: Number.isFinite(retryAfter) ? retryAfter : 0,
      });
    }
    if (answer.status !== 200) {
      throw coded(`An HTTP protocol error occurred: statusCode = ${answer.status}`, {
        code: "slack_webapi_http_error",
        statusCode: answer.status,
        body: answer.text,
      });
    }
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(answer.text) as Record<string, unknown>;
    } catch {
      data = { ok: false, error: answer.text };
    }
    if (data.ok !== true) {
      throw coded(`An API error occurred: ${String(data.error)}`, { code: "slack_webapi_platform_error", data });
    }
    return data;
  };
}

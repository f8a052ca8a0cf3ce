// The Slack Web API client Keypost uses everywhere (notifier, listeners, doctor): its own retries off
// (a 429 or a timeout comes back to Keypost, which decides), a 10 s timeout (shorter in fault tests), calls through the
// outbound path (the proxy, when one is configured). @slack/web-api is loaded on the first client
// made, not at start: a process that does not serve Slack never loads it (about 12 MB resident),
// and Bolt (about 34 MB) only with the Slack app itself (slack-app.ts, imported lazily by main.ts).
import { createRequire } from "node:module";
import type * as WebApi from "@slack/web-api";
import { directOutbound, type Fetch } from "../../src/infra/http/outbound.ts";

const load = createRequire(import.meta.url);
let webApi: typeof WebApi | undefined;

/** The @slack/web-api module, loaded (synchronously) on first use. */
export function slackWebApi(): typeof WebApi {
  webApi ??= load("@slack/web-api") as typeof WebApi;
  return webApi;
}

/** A Web API client that never retries by itself: a 429 or a timeout comes back to Keypost, which decides. */
export function slackWebClient(
  token: string,
  apiUrl: string | undefined,
  fetch: Fetch = directOutbound.fetch,
  timeoutMs = 10_000,
): WebApi.WebClient {
  const { WebClient, LogLevel } = slackWebApi();
  return new WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    fetch,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logLevel: LogLevel.ERROR,
  });
}

// Checks the configured chat credentials for real, once: Slack's auth.test with the bot token,
// and a Teams (Entra) client-credentials token for the bot. Says what failed by code, never the
// secret. Used by `keypost doctor`.
import { slackEnabled, type Config } from "./config.ts";
import { outboundFor, type Outbound } from "./http/outbound.ts";

export interface CredentialCheck {
  readonly platform: "slack" | "teams";
  readonly ok: boolean;
  /** "auth.test ok (team T…, bot user U…)", "auth.test failed: invalid_auth" … ids only. */
  readonly detail: string;
}

const TIMEOUT_MS = 10_000;

async function checkSlack(token: string, apiUrl: string | undefined, outbound: Outbound): Promise<CredentialCheck> {
  // Loaded here, not at start: `serve` imports this module for its setup gaps, not for Slack.
  const { LogLevel, WebClient } = await import("@slack/web-api");
  const client = new WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    fetch: outbound.fetch,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: TIMEOUT_MS,
    logLevel: LogLevel.ERROR,
  });
  try {
    const answer = await client.auth.test();
    return { platform: "slack", ok: true, detail: `auth.test ok (team ${answer.team_id}, bot user ${answer.user_id})` };
  } catch (error) {
    const code =
      (error as { data?: { error?: string }; code?: string }).data?.error ?? (error as { code?: string }).code;
    return { platform: "slack", ok: false, detail: `auth.test failed: ${code ?? "no answer"}` };
  }
}

async function checkTeams(config: Config, outbound: Outbound): Promise<CredentialCheck> {
  const base = (config.TEAMS_LOGIN_URL ?? "https://login.microsoftonline.com").replace(/\/$/, "");
  const url = `${base}/${encodeURIComponent(config.TEAMS_TENANT_ID ?? "")}/oauth2/v2.0/token`;
  try {
    const response = await outbound.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: config.TEAMS_CLIENT_ID ?? "",
        client_secret: config.TEAMS_CLIENT_SECRET ?? "",
        scope: "https://api.botframework.com/.default",
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown };
    if (response.ok && typeof body.access_token === "string")
      return { platform: "teams", ok: true, detail: "bot token ok" };
    return {
      platform: "teams",
      ok: false,
      detail: `bot token refused: HTTP ${response.status}${typeof body.error === "string" ? ` ${body.error}` : ""}`,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return { platform: "teams", ok: false, detail: `bot token: no answer from the login endpoint (${cause})` };
  }
}

/** The platforms configured (credentials present), each checked. */
export async function checkChatCredentials(config: Config): Promise<CredentialCheck[]> {
  const checks: CredentialCheck[] = [];
  const outbound = outboundFor(config);
  if (slackEnabled(config)) checks.push(await checkSlack(config.SLACK_BOT_TOKEN, config.SLACK_API_URL, outbound));
  if (
    config.TEAMS_CLIENT_ID !== undefined &&
    config.TEAMS_CLIENT_SECRET !== undefined &&
    config.TEAMS_TENANT_ID !== undefined
  )
    checks.push(await checkTeams(config, outbound));
  await outbound.close();
  return checks;
}

/** The chat platforms with credentials, for the reachability check. */
export function configuredPlatforms(config: Config): string[] {
  return [
    ...(slackEnabled(config) ? ["slack"] : []),
    ...(config.TEAMS_CLIENT_ID !== undefined && config.TEAMS_TENANT_ID !== undefined ? ["teams"] : []),
  ];
}

// The bot's own access token for the Bot Connector: the OAuth client-credentials grant against
// the app's Entra tenant (scope https://api.botframework.com/.default), cached until shortly
// before it expires. The token endpoint can be pointed elsewhere (a sovereign cloud, a test).
import { z } from "zod";
import type { Fetch } from "../../../src/infra/http/outbound.ts";

export interface TokenSource {
  get(): Promise<string>;
  /** Forget the cached token (e.g. after a 401). */
  invalidate(): void;
}

export interface ClientCredentials {
  readonly loginUrl: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope?: string;
  /** How the request leaves the process (the proxy, when one is configured); default: the global fetch. */
  readonly fetch?: Fetch;
}

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().int().positive() });

export const BOT_SCOPE = "https://api.botframework.com/.default";

export class ClientCredentialsToken implements TokenSource {
  private cached: { token: string; until: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly credentials: ClientCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.cached.until > this.now()) return this.cached.token;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const { loginUrl, tenantId, clientId, clientSecret, scope } = this.credentials;
    const url = `${loginUrl.replace(/\/+$/, "")}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
      scope: scope ?? BOT_SCOPE,
    });
    const response = await (this.credentials.fetch ?? fetch)(url, {
      method: "POST",
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
    const parsed = tokenResponse.parse(await response.json());
    // Renew five minutes early (or halfway for very short tokens).
    const margin = Math.min(300, Math.floor(parsed.expires_in / 2));
    this.cached = { token: parsed.access_token, until: this.now() + (parsed.expires_in - margin) * 1000 };
    return parsed.access_token;
  }
}

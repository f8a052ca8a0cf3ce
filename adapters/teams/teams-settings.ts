// The Teams adapter's settings, from the parsed environment: how requests are authenticated,
// which tenants and service URLs are allowed, where tokens and signing keys come from.
//
// Authentication: with TEAMS_CLIENT_ID set, every request must carry a Bot Framework JWT signed by
// a key from the OpenID metadata (validated by the Teams SDK). Without credentials, requests are
// accepted unauthenticated — only outside production, announced as a warning at start; in
// production without credentials every request is refused.
import { ConfigError } from "../../src/infra/config.ts";

export interface TeamsConfigInput {
  readonly TEAMS_CLIENT_ID?: string | undefined;
  readonly TEAMS_CLIENT_SECRET?: string | undefined;
  readonly TEAMS_TENANT_ID?: string | undefined;
  readonly TEAMS_ALLOWED_TENANTS?: string | undefined;
  readonly TEAMS_ALLOWED_SERVICE_URLS?: string | undefined;
  readonly TEAMS_OPENID_URL?: string | undefined;
  readonly TEAMS_LOGIN_URL?: string | undefined;
  readonly TEAMS_TENANT_RATE: number;
  readonly NODE_ENV: string;
}

export type TeamsAuth =
  | { readonly mode: "jwt"; readonly clientId: string; readonly clientSecret: string; readonly tenantId: string }
  | { readonly mode: "unauthenticated" }
  | { readonly mode: "refuse-all" };

export interface TeamsSettings {
  readonly auth: TeamsAuth;
  readonly allowedTenants: ReadonlySet<string>;
  readonly allowedServiceUrls: string | undefined;
  readonly openIdMetadataUrl: string | undefined;
  readonly loginUrl: string;
  readonly tenantPerSecond: number;
}

/** A bad combination of Teams variables: refused at start like any other bad variable. */
export class TeamsSettingsError extends ConfigError {}

export function teamsSettings(env: TeamsConfigInput): TeamsSettings {
  const { TEAMS_CLIENT_ID: id, TEAMS_CLIENT_SECRET: secret, TEAMS_TENANT_ID: tenant } = env;
  const any = id !== undefined || secret !== undefined || tenant !== undefined;
  if (any && (id === undefined || secret === undefined || tenant === undefined)) {
    throw new TeamsSettingsError(
      "TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID must be set together (or none of them, outside production)",
    );
  }
  const auth: TeamsAuth =
    id && secret && tenant
      ? { mode: "jwt", clientId: id, clientSecret: secret, tenantId: tenant }
      : env.NODE_ENV === "production"
        ? { mode: "refuse-all" }
        : { mode: "unauthenticated" };
  const listed = (env.TEAMS_ALLOWED_TENANTS ?? "")
    .split(",")
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== "");
  const allowedTenants = new Set(listed.length > 0 ? listed : tenant ? [tenant.toLowerCase()] : []);
  if (auth.mode === "jwt" && allowedTenants.size === 0) throw new TeamsSettingsError("TEAMS_ALLOWED_TENANTS is empty");
  return {
    auth,
    allowedTenants,
    allowedServiceUrls: env.TEAMS_ALLOWED_SERVICE_URLS,
    openIdMetadataUrl: env.TEAMS_OPENID_URL,
    loginUrl: env.TEAMS_LOGIN_URL ?? "https://login.microsoftonline.com",
    tenantPerSecond: env.TEAMS_TENANT_RATE,
  };
}

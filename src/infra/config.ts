// The environment, parsed once at start. A bad value is refused with one line that names the
// variable and what it allows; the CLI turns that into exit code 2. Secrets may come from files
// (SLACK_BOT_TOKEN_FILE=/run/secrets/…): see secretFiles below. No value is ever echoed for a secret.
import { readFileSync } from "node:fs";
import { z } from "zod";

const optionalSecret = z.string().min(1).optional();

/** A TCP port written as plain decimal digits: " 80", "0x50", "1e3" and "80.0" are refused. */
const port = (fallback: string) =>
  z
    .string()
    .regex(/^\d{1,5}$/)
    .default(fallback)
    .transform(Number)
    .pipe(z.number().int().min(0).max(65_535));

/** A positive decimal integer within bounds. */
const decimal = (fallback: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/)
    .default(fallback)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** SQLite must be a file path (not /proc, /sys or /dev, where opening can hang); PostgreSQL a URL with a host. */
function validDatabaseUrl(url: string): boolean {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length).split("?")[0] ?? "";
    if (path === ":memory:") return true;
    return path.length > 0 && !/^\/+(proc|sys|dev)(\/|$)/.test(path) && !path.endsWith("/");
  }
  if (!/^postgres(ql)?:\/\//.test(url)) return false;
  try {
    return new URL(url).hostname.length > 0;
  } catch {
    return false;
  }
}

/** An http(s) proxy URL with a host and nothing after it (credentials allowed: user:pass@). */
function validProxyUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) && u.hostname.length > 0 && u.pathname === "/" && !u.search && !u.hash;
  } catch {
    return false;
  }
}

/** The embedded default database: the only one `npm start` fills with the demo bank (when it is new and empty). */
export const DEFAULT_DATABASE_URL = "file:./data/keypost.db";

export const configSchema = z.object({
  PORT: port("3000"),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().refine(validDatabaseUrl, "file:<path> or postgres://host/…").default(DEFAULT_DATABASE_URL),
  /**
   * PostgreSQL: connections the service keeps at most (default: twice this machine's cores, plus one).
   * At least two: a delivery sender's sends must not wait for its heartbeat's transaction.
   */
  DATABASE_POOL_SIZE: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(2).max(100))
    .optional(),
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_SIGNING_SECRET: optionalSecret,
  /** An app-level token (xapp-…, scope connections:write): Slack over Socket Mode, no inbound address. */
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-[\w-]+$/)
    .optional(),
  SLACK_API_URL: z.url().optional(),
  /** The bot's own user id (U…): its own messages are ignored without asking Slack (auth.test). */
  SLACK_BOT_USER_ID: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,20}$/)
    .optional(),
  TEAMS_CLIENT_ID: optionalSecret,
  TEAMS_CLIENT_SECRET: optionalSecret,
  TEAMS_TENANT_ID: optionalSecret,
  /** Serve Teams (/api/messages, the Teams notifier): default on when TEAMS_CLIENT_ID is set. */
  KEYPOST_TEAMS: z.enum(["on", "off"]).optional(),
  /** The Teams app package id (manifest "id"); the bot id is TEAMS_CLIENT_ID. */
  TEAMS_APP_ID: z.uuid().optional(),
  /** Comma-separated Entra tenant ids whose users may talk to the bot (default: TEAMS_TENANT_ID). */
  TEAMS_ALLOWED_TENANTS: z
    .string()
    .regex(/^[0-9a-fA-F-]+(,[0-9a-fA-F-]+)*$/, "comma-separated tenant ids")
    .optional(),
  /** Comma-separated service URL prefixes the bot may reply to (default: Teams' public ones). */
  TEAMS_ALLOWED_SERVICE_URLS: z.string().optional(),
  /** Overrides for a test or sovereign cloud: Bot Framework OpenID metadata and the token endpoint. */
  TEAMS_OPENID_URL: z.url().optional(),
  TEAMS_LOGIN_URL: z.url().optional(),
  /** Microsoft Graph's base URL (keypost directory sync --teams); default https://graph.microsoft.com. */
  TEAMS_GRAPH_URL: z.url().optional(),
  /** Messages per second the bot may send into one tenant (Teams' per-bot, per-tenant cap). */
  TEAMS_TENANT_RATE: decimal("50", 1, 1000),
  /** Messages per second to one Slack channel (Slack's ~1/s; tests not about pacing raise it: 13.s11t-6). */
  SLACK_CHANNEL_RATE: decimal("1", 1, 1000),
  KEYPOST_SCHEDULER: z.enum(["on", "off"]).default("on"),
  KEYPOST_LOCALE: z.enum(["zh-CN", "en"]).default("zh-CN"),
  /** The address people reach this service at (the dashboard's sign-in links); default: where it listens. */
  KEYPOST_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Optional OpenID Connect sign-in to the dashboard (docs/dashboard-oidc.md): the issuer, this client's id and secret. */
  KEYPOST_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  KEYPOST_OIDC_CLIENT_ID: z.string().min(1).optional(),
  KEYPOST_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Which ID-token claim names the employee: `email` (their register e-mail) or `oid` (Entra ID object id = their Teams identity). */
  KEYPOST_OIDC_CLAIM: z.enum(["email", "oid"]).default("email"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Ed25519 private key (PEM) that signs the audit log's checkpoints; outside the database (docs/audit-log.md). */
  KEYPOST_LOG_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** Where signed checkpoints are appended: a directory the database's administrator cannot write. */
  KEYPOST_LOG_CHECKPOINT_DIR: z.string().min(1).default("./data/log-checkpoints"),
  /** AES-256 keys (base64, one a line, the first seals) for findings and major-event text at rest (docs/field-encryption.md). */
  KEYPOST_FIELD_KEY_FILE: z.string().min(1).optional(),
  /** Evidence files attached to checklist items: where their bytes go (content-addressed), how big, which types. */
  KEYPOST_EVIDENCE_DIR: z.string().min(1).default("./data/evidence"),
  KEYPOST_EVIDENCE_MAX_MB: decimal("20", 1, 1024),
  KEYPOST_EVIDENCE_TYPES: z
    .string()
    .regex(/^\s*[a-z0-9]{1,10}(\s*,\s*[a-z0-9]{1,10})*\s*$/i)
    .default("pdf,png,jpg,jpeg,gif,txt,csv,xlsx,docx")
    .transform((list) => list.split(",").map((t) => t.trim().toLowerCase())),
  /** Retention periods per record class (docs/retention.md). */
  KEYPOST_RETENTION: z.enum(["cn-bank", "finra"]).default("cn-bank"),
  /** `off`: the service applies no migration (it runs without DDL rights; `keypost migrate` does it) and refuses to start while one is pending. */
  KEYPOST_MIGRATE: z.enum(["on", "off"]).default("on"),
  /** Development only: `console` prints notices for unconfigured platforms, in full, to standard output. */
  KEYPOST_DEV_NOTICES: z.enum(["off", "console"]).default("off"),
  /** /readyz fails when the oldest due notice has waited longer than this (seconds). */
  KEYPOST_READY_OUTBOX_AGE: decimal("300", 1, 86_400),
  /** Outbound proxy for https:// and http:// calls (lower-case forms read too); see outbound.ts. */
  HTTPS_PROXY: z.string().refine(validProxyUrl).optional(),
  HTTP_PROXY: z.string().refine(validProxyUrl).optional(),
  /** Hosts reached directly: comma-separated names, `.suffix`, `host:port`, IPs, `*`. */
  NO_PROXY: z
    .string()
    .regex(/^[\w.*:[\]-]+(\s*,\s*[\w.*:[\]-]+)*$/)
    .optional(),
  NODE_ENV: z.string().default("development"),
});

export type Config = z.infer<typeof configSchema>;

/**
 * Slack is served when its bot token is set with either the signing secret (requests over HTTP at
 * /slack/events) or an app-level token (Socket Mode).
 */
export function slackEnabled(config: Config): config is Config & { SLACK_BOT_TOKEN: string } {
  return (
    config.SLACK_BOT_TOKEN !== undefined &&
    (config.SLACK_SIGNING_SECRET !== undefined || config.SLACK_APP_TOKEN !== undefined)
  );
}

/** Slack over Socket Mode (SLACK_APP_TOKEN set) rather than HTTP. */
export function slackSocketMode(config: Config): boolean {
  return slackEnabled(config) && config.SLACK_APP_TOKEN !== undefined;
}

export class ConfigError extends Error {
  readonly code = "BAD_CONFIG";
}

const ALLOWED: Partial<Record<keyof Config, string>> = {
  PORT: "a port number from 1 to 65535 in decimal digits (0: any free port)",
  DATABASE_URL: "file:<path> (not under /proc, /sys or /dev), or postgres://… / postgresql://… with a host",
  DATABASE_POOL_SIZE: "connections, 2 to 100, in decimal digits",
  SLACK_API_URL: "an absolute URL such as https://slack.example.test/api/",
  SLACK_APP_TOKEN: "an app-level token starting xapp-",
  SLACK_BOT_USER_ID: "a Slack user id such as U0123ABCD",
  KEYPOST_TEAMS: "on or off",
  TEAMS_APP_ID: "a GUID such as 00000000-0000-4000-8000-000000000000",
  TEAMS_ALLOWED_TENANTS: "comma-separated tenant GUIDs",
  TEAMS_OPENID_URL: "an absolute URL of OpenID metadata ending in /openidconfiguration",
  TEAMS_LOGIN_URL: "an absolute URL such as https://login.microsoftonline.com",
  TEAMS_GRAPH_URL: "an absolute URL such as https://graph.microsoft.com",
  TEAMS_TENANT_RATE: "messages per second, 1 to 1000, in decimal digits",
  SLACK_CHANNEL_RATE: "messages per second, 1 to 1000, in decimal digits",
  KEYPOST_MIGRATE: "on or off",
  KEYPOST_DEV_NOTICES: "off or console",
  KEYPOST_READY_OUTBOX_AGE: "seconds, 1 to 86400, in decimal digits",
  KEYPOST_SCHEDULER: "on or off",
  KEYPOST_LOCALE: "zh-CN or en",
  KEYPOST_PUBLIC_URL: "an absolute http(s) URL such as https://keypost.bank.example",
  KEYPOST_OIDC_ISSUER: "the issuer's absolute https URL, such as https://login.microsoftonline.com/<tenant>/v2.0",
  KEYPOST_OIDC_CLAIM: "email or oid",
  LOG_LEVEL: "debug, info, warn, error or silent",
  KEYPOST_RETENTION: "cn-bank or finra",
  KEYPOST_EVIDENCE_MAX_MB: "a whole number of megabytes from 1 to 1024",
  KEYPOST_EVIDENCE_TYPES: "file extensions separated by commas, such as pdf,png,xlsx",
  HTTPS_PROXY: "a proxy URL such as http://proxy.bank.example:8080",
  HTTP_PROXY: "a proxy URL such as http://proxy.bank.example:8080",
  NO_PROXY: "comma-separated host names, .domain suffixes, host:port or IP addresses",
};

/** Secrets (and the database URL, which may hold a password) that may be given as `<NAME>_FILE`, a path to read. */
export const SECRET_FILES = [
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "TEAMS_CLIENT_SECRET",
  "KEYPOST_OIDC_CLIENT_SECRET",
  "DATABASE_URL",
] as const;

/** Variables whose values are never printed, not even in an error. */
const SECRET = new Set<string>([
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "TEAMS_CLIENT_SECRET",
  "KEYPOST_OIDC_CLIENT_SECRET",
  // A proxy URL may carry the proxy's user and password.
  "HTTPS_PROXY",
  "HTTP_PROXY",
]);

/** Proxy variables are read in both cases (curl and most tools read the lower-case ones). */
const PROXY_VARIABLES = ["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"] as const;

/** Folds `https_proxy` into `HTTPS_PROXY` (and so on); the two set to different values is refused. */
function foldProxyCase(env: Record<string, string>): Record<string, string> {
  const out = { ...env };
  for (const name of PROXY_VARIABLES) {
    const lower = env[name.toLowerCase()];
    if (lower === undefined) continue;
    if (env[name] !== undefined && env[name] !== lower)
      throw new ConfigError(`${name.toLowerCase()} and ${name} are set to different values: set one`);
    delete out[name.toLowerCase()];
    out[name] = lower;
  }
  return out;
}

/** Replaces each `<NAME>_FILE` by `<NAME>` holding the file's content (one trailing newline dropped). */
function readSecretFiles(env: Record<string, string>): Record<string, string> {
  const out = { ...env };
  for (const name of SECRET_FILES) {
    const file = env[`${name}_FILE`];
    if (file === undefined) continue;
    if (env[name] !== undefined) throw new ConfigError(`${name} and ${name}_FILE are both set: set one`);
    let content: string;
    try {
      content = readFileSync(file, "utf8").replace(/\r?\n$/, "");
    } catch (error) {
      const code = (error as { code?: string }).code ?? "unreadable";
      throw new ConfigError(`${name}_FILE=${JSON.stringify(file)} cannot be read (${code})`);
    }
    if (content.length === 0) throw new ConfigError(`${name}_FILE=${JSON.stringify(file)} is empty`);
    delete out[`${name}_FILE`];
    out[name] = content;
  }
  return out;
}

/** Credentials that only work together: one without the others is a mistake, not "off". */
const TOGETHER: readonly (readonly string[])[] = [
  ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"],
  ["TEAMS_CLIENT_ID", "TEAMS_CLIENT_SECRET", "TEAMS_TENANT_ID"],
  ["KEYPOST_OIDC_ISSUER", "KEYPOST_OIDC_CLIENT_ID", "KEYPOST_OIDC_CLIENT_SECRET"],
];

function checkTogether(env: Record<string, string>): void {
  // Socket Mode: the app token opens the connection, the bot token acts; no signing secret is needed.
  if (env.SLACK_APP_TOKEN !== undefined) {
    if (env.SLACK_BOT_TOKEN === undefined)
      throw new ConfigError("SLACK_APP_TOKEN needs SLACK_BOT_TOKEN: SLACK_BOT_TOKEN missing");
  }
  for (const group of TOGETHER) {
    if (group[0] === "SLACK_BOT_TOKEN" && env.SLACK_APP_TOKEN !== undefined) continue;
    const missing = group.filter((name) => env[name] === undefined);
    if (missing.length > 0 && missing.length < group.length) {
      const names = group.length === 2 ? group.join(" and ") : `${group.slice(0, -1).join(", ")} and ${group.at(-1)}`;
      throw new ConfigError(`${names} must be set together: ${missing.join(" and ")} missing`);
    }
  }
}

/** Empty strings count as unset, as shells and .env files commonly produce them. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")) as Record<
    string,
    string
  >;
  const present = foldProxyCase(readSecretFiles(given));
  checkTogether(present);
  if (present.NODE_ENV === "production" && present.KEYPOST_DEV_NOTICES === "console")
    throw new ConfigError("KEYPOST_DEV_NOTICES=console is for development only (NODE_ENV=production)");
  const parsed = configSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0]) as keyof Config;
  const allowed = ALLOWED[name] ?? issue.message;
  const shown = SECRET.has(name) || name === "DATABASE_URL" ? "" : `=${JSON.stringify(present[name] ?? "")}`;
  throw new ConfigError(`${name}${shown} is not valid: expected ${allowed}`);
}

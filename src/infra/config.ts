// The environment, parsed once at start. A bad value is refused with one line that names the
// variable and what it allows; the CLI turns that into exit code 2.
import { z } from "zod";

const optionalSecret = z.string().min(1).optional();

/** The embedded default database: the only one `npm start` fills with the demo bank (when it is new and empty). */
export const DEFAULT_DATABASE_URL = "file:./data/keypost.db";

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, "must start with file:, postgres:// or postgresql://")
    .default(DEFAULT_DATABASE_URL),
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_SIGNING_SECRET: optionalSecret,
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
  /** Messages per second the bot may send into one tenant (Teams' per-bot, per-tenant cap). */
  TEAMS_TENANT_RATE: z.coerce.number().int().min(1).max(1000).default(50),
  KEYPOST_SCHEDULER: z.enum(["on", "off"]).default("on"),
  KEYPOST_LOCALE: z.enum(["zh-CN", "en"]).default("zh-CN"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Ed25519 private key (PEM) that signs the audit log's checkpoints; outside the database (docs/audit-log.md). */
  KEYPOST_LOG_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** Where signed checkpoints are appended: a directory the database's administrator cannot write. */
  KEYPOST_LOG_CHECKPOINT_DIR: z.string().min(1).default("./data/log-checkpoints"),
  /** Retention periods per record class (docs/retention.md). */
  KEYPOST_RETENTION: z.enum(["cn-bank", "finra"]).default("cn-bank"),
  NODE_ENV: z.string().default("development"),
});

export type Config = z.infer<typeof configSchema>;

/** Slack is served only when both its credentials are set. */
export function slackEnabled(
  config: Config,
): config is Config & { SLACK_BOT_TOKEN: string; SLACK_SIGNING_SECRET: string } {
  return config.SLACK_BOT_TOKEN !== undefined && config.SLACK_SIGNING_SECRET !== undefined;
}

export class ConfigError extends Error {
  readonly code = "BAD_CONFIG";
}

const ALLOWED: Partial<Record<keyof Config, string>> = {
  PORT: "a port number from 1 to 65535 (0: any free port)",
  DATABASE_URL: "file:<path>, postgres://… or postgresql://…",
  SLACK_API_URL: "an absolute URL such as https://slack.example.test/api/",
  SLACK_BOT_USER_ID: "a Slack user id such as U0123ABCD",
  KEYPOST_TEAMS: "on or off",
  TEAMS_APP_ID: "a GUID such as 00000000-0000-4000-8000-000000000000",
  TEAMS_ALLOWED_TENANTS: "comma-separated tenant GUIDs",
  TEAMS_OPENID_URL: "an absolute URL of OpenID metadata ending in /openidconfiguration",
  TEAMS_LOGIN_URL: "an absolute URL such as https://login.microsoftonline.com",
  TEAMS_TENANT_RATE: "messages per second, 1 to 1000",
  KEYPOST_SCHEDULER: "on or off",
  KEYPOST_LOCALE: "zh-CN or en",
  LOG_LEVEL: "debug, info, warn, error or silent",
  KEYPOST_RETENTION: "cn-bank or finra",
};

/** Empty strings count as unset, as shells and .env files commonly produce them. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0]) as keyof Config;
  const allowed = ALLOWED[name] ?? issue.message;
  throw new ConfigError(`${name}=${JSON.stringify(present[name] ?? "")} is not valid: expected ${allowed}`);
}

// A Slack workspace's directory for `keypost directory sync --slack`: users.list, page by page
// (cursor), through Keypost's one Outbound (src/infra/http/outbound.ts: HTTPS_PROXY honoured) with
// the bot token. Bots, Slackbot, deactivated members and members without a visible e-mail (the
// token needs the users:read.email scope) are left out. Slack's error code is kept (invalid_auth,
// missing_scope, ratelimited …) and never the token.
import type { DirectoryAccount } from "../../ports/directory.ts";
import { directOutbound, type Outbound } from "../http/outbound.ts";

const PAGE = 200;
const TIMEOUT_MS = 10_000;

export class DirectoryError extends Error {
  constructor(readonly code: string) {
    super(`the directory refused: ${code}`);
  }
}

interface SlackMember {
  readonly id?: string;
  readonly team_id?: string;
  readonly deleted?: boolean;
  readonly is_bot?: boolean;
  readonly profile?: { readonly email?: string };
}

export async function slackDirectory(
  token: string,
  apiUrl = "https://slack.com/api/",
  outbound: Outbound = directOutbound,
): Promise<DirectoryAccount[]> {
  const base = apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`;
  const out: DirectoryAccount[] = [];
  let cursor = "";
  for (let pages = 0; pages < 10_000; pages += 1) {
    const body = new URLSearchParams({ limit: String(PAGE), ...(cursor ? { cursor } : {}) }).toString();
    const answer = await outbound.text(`${base}users.list`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
      body,
      timeoutMs: TIMEOUT_MS,
    });
    if (!answer.ok) throw new DirectoryError(`HTTP ${answer.status}`);
    const json = JSON.parse(answer.text) as {
      ok?: boolean;
      error?: string;
      members?: SlackMember[];
      response_metadata?: { next_cursor?: string };
    };
    if (json.ok !== true) throw new DirectoryError(json.error ?? "not_ok");
    for (const m of json.members ?? []) {
      const email = m.profile?.email?.trim().toLowerCase();
      if (!m.id || m.id === "USLACKBOT" || m.deleted || m.is_bot || !email) continue;
      out.push({ externalId: m.id, email, tenantId: m.team_id ?? "" });
    }
    cursor = json.response_metadata?.next_cursor ?? "";
    if (cursor === "") return out;
  }
  throw new DirectoryError("too_many_pages");
}

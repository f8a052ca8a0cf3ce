// A Microsoft Entra tenant's directory for `keypost directory sync --teams`: an app-only token
// (client credentials, the bot's registration; it needs the User.Read.All application permission)
// and Microsoft Graph `GET /v1.0/users`, page by page (@odata.nextLink), through Keypost's one
// Outbound (src/infra/http/outbound.ts: HTTPS_PROXY honoured). An account answers to its mail and
// its user principal name (UPN): an employee's e-mail may be either. Disabled accounts and those
// with neither are left out. The teams identity's external id is the user's object id (what the
// register's teams_aad_object_id holds). Errors keep Graph's code or the HTTP status, never the
// secret.
import type { DirectoryAccount } from "../../ports/directory.ts";
import { directOutbound, type Outbound } from "../http/outbound.ts";
import { DirectoryError } from "./slack-directory.ts";

const TIMEOUT_MS = 10_000;

export interface GraphSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly loginUrl?: string | undefined;
  readonly graphUrl?: string | undefined;
}

interface GraphUser {
  readonly id?: string;
  readonly mail?: string | null;
  readonly userPrincipalName?: string | null;
  readonly accountEnabled?: boolean | null;
}

function errorCode(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { error?: string | { code?: string } };
    const code = typeof body.error === "string" ? body.error : body.error?.code;
    if (code) return code;
  } catch {
    // not JSON: the status says it
  }
  return `HTTP ${status}`;
}

async function appToken(s: GraphSettings, graph: string, outbound: Outbound): Promise<string> {
  const login = (s.loginUrl ?? "https://login.microsoftonline.com").replace(/\/$/, "");
  const answer = await outbound.text(`${login}/${encodeURIComponent(s.tenantId)}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: s.clientId,
      client_secret: s.clientSecret,
      grant_type: "client_credentials",
      scope: `${graph}/.default`,
    }).toString(),
    timeoutMs: TIMEOUT_MS,
  });
  if (!answer.ok) throw new DirectoryError(errorCode(answer.status, answer.text));
  const token = (JSON.parse(answer.text) as { access_token?: string }).access_token;
  if (!token) throw new DirectoryError("no_access_token");
  return token;
}

export async function graphDirectory(
  s: GraphSettings,
  outbound: Outbound = directOutbound,
): Promise<DirectoryAccount[]> {
  const graph = (s.graphUrl ?? "https://graph.microsoft.com").replace(/\/$/, "");
  const token = await appToken(s, graph, outbound);
  const out: DirectoryAccount[] = [];
  let next: string | undefined = `${graph}/v1.0/users?$select=id,mail,userPrincipalName,accountEnabled&$top=999`;
  for (let pages = 0; next !== undefined; pages += 1) {
    if (pages >= 10_000) throw new DirectoryError("too_many_pages");
    const answer = await outbound.text(next, {
      method: "GET",
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      timeoutMs: TIMEOUT_MS,
    });
    if (!answer.ok) throw new DirectoryError(errorCode(answer.status, answer.text));
    const page = JSON.parse(answer.text) as { value?: GraphUser[]; "@odata.nextLink"?: string };
    for (const u of page.value ?? []) {
      const mail = u.mail?.trim().toLowerCase() || undefined;
      const upn = u.userPrincipalName?.trim().toLowerCase() || undefined;
      if (!u.id || u.accountEnabled === false || (!mail && !upn)) continue;
      out.push({
        externalId: u.id,
        email: (mail ?? upn)!,
        ...(mail && upn && upn !== mail ? { altEmail: upn } : {}),
        tenantId: s.tenantId,
      });
    }
    next = page["@odata.nextLink"];
  }
  return out;
}

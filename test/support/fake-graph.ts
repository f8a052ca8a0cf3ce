// A fake Microsoft identity platform and Graph on loopback, for `keypost directory sync --teams`:
// POST /{tenant}/oauth2/v2.0/token answers an app-only token to the right client secret (else
// 401 invalid_client, as Entra does); GET /v1.0/users answers `users` in pages of `pageSize`
// with an absolute @odata.nextLink, and 401 InvalidAuthenticationToken without that token.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface GraphUser {
  readonly id: string;
  readonly mail?: string | null;
  readonly userPrincipalName?: string | null;
  readonly accountEnabled?: boolean;
}

const TOKEN = "fake-graph-token-not-real";

export class FakeGraph {
  readonly users: GraphUser[] = [];
  readonly calls: { method: string; path: string }[] = [];
  pageSize = 999;
  secret = "fake-client-secret-not-real";
  #server: Server | undefined;
  url = "";

  static async start(): Promise<FakeGraph> {
    const fake = new FakeGraph();
    fake.#server = createServer((req, res) => {
      void fake.answer(req).then(({ status, body }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => fake.#server!.listen(0, "127.0.0.1", resolve));
    fake.url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  private async answer(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", this.url);
    this.calls.push({ method: req.method ?? "", path: url.pathname });
    if (req.method === "POST" && url.pathname.endsWith("/oauth2/v2.0/token")) {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      if (form.get("client_secret") !== this.secret || form.get("grant_type") !== "client_credentials")
        return { status: 401, body: { error: "invalid_client" } };
      return { status: 200, body: { token_type: "Bearer", expires_in: 3599, access_token: TOKEN } };
    }
    if (req.method === "GET" && url.pathname === "/v1.0/users") {
      if (req.headers.authorization !== `Bearer ${TOKEN}`)
        return { status: 401, body: { error: { code: "InvalidAuthenticationToken" } } };
      const from = Number(url.searchParams.get("$skiptoken") ?? 0);
      const value = this.users.slice(from, from + this.pageSize);
      const next =
        from + this.pageSize < this.users.length
          ? `${this.url}/v1.0/users?$skiptoken=${from + this.pageSize}`
          : undefined;
      return { status: 200, body: { value, ...(next ? { "@odata.nextLink": next } : {}) } };
    }
    return { status: 404, body: { error: { code: "NotFound" } } };
  }
}

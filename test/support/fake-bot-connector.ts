// A fake of Microsoft's side of a Teams bot, on loopback: the Bot Connector (send, update, member
// profile), the Entra token endpoint, and the Bot Framework OpenID metadata with its signing keys
// (a key pair made for the test run). It records everything the bot sends, can be told to answer
// the next sends with an error (429 with Retry-After, 403 BotNotInConversationRoster, …), to hang or
// reset the connection (before or after posting), or ask an injector per send (a seeded plan); and
// it signs Bot Framework JWTs the way the Bot Connector does, so that tests exercise real validation.
// It also stands in for OneDrive's pre-authenticated download links of files sent to the bot
// (`files`, served at GET /files/<id>, every download recorded).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import type { FakeLimit } from "./fake-platform.ts";
import { RateWindows } from "./fake-rate-windows.ts";

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  readonly activityId?: string;
  readonly body: Record<string, unknown>;
  readonly authorization: string | undefined;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Never answer (to provoke a timeout). */
  readonly hang?: boolean;
  /** Reset the connection without an answer. */
  readonly reset?: boolean;
  /** With `hang` or `reset`: the activity is posted first, then the answer is lost (an ambiguous outcome). */
  readonly after?: boolean;
}

export const BOT_ISSUER = "https://api.botframework.com";

/** The Bot Connector's limit on one activity (a message with its cards): 28 KB. */
export const MAX_ACTIVITY_BYTES = 28 * 1024;

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return parseJson(req, await readText(req));
}

function parseJson(req: IncomingMessage, text: string): Record<string, unknown> {
  if (text === "") return {};
  if ((req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded"))
    return Object.fromEntries(new URLSearchParams(text));
  return JSON.parse(text) as Record<string, unknown>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
}

export class FakeBotConnector {
  readonly sent: Recorded[] = [];
  readonly tokenRequests: Record<string, unknown>[] = [];
  /** Profiles GET …/members/{id} answers with, by Teams user id. */
  readonly members = new Map<string, { email?: string; userPrincipalName?: string; name?: string }>();
  /** Files a person sent, served at `downloadUrl(id)` as OneDrive serves a file.download.info link. */
  readonly files = new Map<string, Uint8Array>();
  readonly downloads: string[] = [];
  /** Activities refused as too large (413 MessageSizeTooBig), with their size in bytes. */
  readonly tooBig: { path: string; bytes: number }[] = [];
  private readonly script: ScriptedAnswer[] = [];
  private readonly keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private readonly kid = randomUUID();
  private server: Server | undefined;
  private hanging: ServerResponse[] = [];
  private activityCount = 0;
  url = "";

  /** The limits on sends and updates per conversation and per tenant, when set (`limitActivities`). */
  activities: RateWindows | undefined;
  /**
   * Each send or update held to the limits: when its request reached this fake's handler, when it was
   * counted (its body read) and when its answer was written (performance.now() ms; `bench:fanout`).
   */
  readonly timings: { readonly arrived: number; readonly counted: number; answered: number }[] = [];

  /**
   * Holds sends and updates to these limits — per conversation and for the tenant (this fake serves
   * one) — counted across every connection, answering 429 with a Retry-After past one, as Teams does.
   */
  limitActivities(limits: readonly FakeLimit[]): void {
    this.activities = new RateWindows(limits);
  }

  /**
   * Asked for every send or update the script does not answer: a fault, or nothing for the normal
   * answer (a seeded fault plan, test/proof/faulty-platforms.test.ts).
   */
  injector:
    | ((call: { method: string; conversationId: string; body: Record<string, unknown> }) => ScriptedAnswer | undefined)
    | undefined;
  /** The faults the injector chose, as they were served. */
  readonly injected: { readonly conversationId: string; readonly answer: ScriptedAnswer }[] = [];

  /** The next `times` sends or updates are answered this way (then normal answers resume). */
  failNext(answer: ScriptedAnswer, times = 1): void {
    for (let i = 0; i < times; i++) this.script.push(answer);
  }

  get openIdMetadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  downloadUrl(id: string): string {
    return `${this.url}/files/${encodeURIComponent(id)}?tempauth=fake-not-a-token`;
  }

  get serviceUrl(): string {
    return `${this.url}/teams/`;
  }

  /** Activities posted or put into one conversation, oldest first. */
  to(conversationId: string): Recorded[] {
    return this.sent.filter((r) => r.conversationId === conversationId);
  }

  clear(): void {
    this.sent.length = 0;
  }

  /** A Bot Framework token as the connector sends it: RS256, kid in the header, serviceurl claim. */
  sign(claims: Record<string, unknown>, key: KeyObject = this.keys.privateKey, kid = this.kid): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
    const payload = b64url(
      JSON.stringify({ iss: BOT_ISSUER, nbf: now - 10, iat: now - 10, exp: now + 3600, ...claims }),
    );
    const signer = createSign("RSA-SHA256");
    signer.update(`${header}.${payload}`);
    return `${header}.${payload}.${b64url(signer.sign(key))}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) =>
        json(res, 500, { error: { code: "FakeFailed", message: String(error) } }),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const file = /^\/files\/([^/]+)$/.exec(path);
    if (req.method === "GET" && file) {
      const id = decodeURIComponent(file[1]!);
      this.downloads.push(id);
      const bytes = this.files.get(id);
      if (!bytes) return json(res, 404, { error: { code: "itemNotFound" } });
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes.length) });
      res.end(Buffer.from(bytes));
      return;
    }
    if (req.method === "GET" && path === "/v1/.well-known/openidconfiguration") {
      return json(res, 200, {
        issuer: BOT_ISSUER,
        jwks_uri: `${this.url}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    if (req.method === "GET" && path === "/v1/.well-known/keys") {
      const jwk = this.keys.publicKey.export({ format: "jwk" });
      return json(res, 200, { keys: [{ ...jwk, kid: this.kid, use: "sig", alg: "RS256", endorsements: ["msteams"] }] });
    }
    // A login URL ending in /via-<name> (one per replica) gets tokens naming it: which replica sent what.
    const token = /^(?:\/via-([\w-]+))?\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (req.method === "POST" && token) {
      this.tokenRequests.push({ tenant: token[2], ...(token[1] ? { via: token[1] } : {}), ...(await readJson(req)) });
      return json(res, 200, {
        token_type: "Bearer",
        expires_in: 3599,
        access_token: `fake-bot-token-${token[1] ? `${token[1]}-` : ""}${this.tokenRequests.length}`,
      });
    }
    const member = /^\/teams\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    if (req.method === "GET" && member) {
      const profile = this.members.get(decodeURIComponent(member[2]!));
      return profile
        ? json(res, 200, { id: decodeURIComponent(member[2]!), ...profile })
        : json(res, 404, { error: { code: "MemberNotFoundInConversation" } });
    }
    const activity = /^\/teams\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (activity && (req.method === "POST" || req.method === "PUT")) {
      const arrived = performance.now();
      const raw = await readText(req);
      const bytes = Buffer.byteLength(raw, "utf8");
      // As the real connector: an activity over 28 KB is refused, whatever else is scripted.
      if (bytes > MAX_ACTIVITY_BYTES) {
        this.tooBig.push({ path, bytes });
        return json(res, 413, { error: { code: "MessageSizeTooBig", message: "Message size too big" } });
      }
      const body = parseJson(req, raw);
      const conversationId = decodeURIComponent(activity[1]!);
      let scripted = this.script.shift();
      if (!scripted && this.injector) {
        scripted = this.injector({ method: req.method, conversationId, body });
        if (scripted) this.injected.push({ conversationId, answer: scripted });
      }
      const record = () => {
        const activityId = activity[2] ? decodeURIComponent(activity[2]) : `1:activity-${++this.activityCount}`;
        this.sent.push({
          method: req.method!,
          path,
          conversationId,
          activityId,
          body,
          authorization: req.headers.authorization,
        });
        return activityId;
      };
      if (scripted?.hang || scripted?.reset) {
        if (scripted.after) record();
        if (scripted.reset) req.socket.destroy();
        else this.hanging.push(res);
        return;
      }
      if (scripted) return json(res, scripted.status, scripted.body, scripted.headers);
      const limited = this.activities?.take(conversationId, "tenant");
      if (this.activities) {
        const timing = { arrived, counted: performance.now(), answered: 0 };
        this.timings.push(timing);
        res.once("finish", () => (timing.answered = performance.now()));
      }
      if (limited?.kind === "limited")
        return json(
          res,
          429,
          { error: { code: "TooManyRequests", message: `${limited.scope} rate limit` } },
          { "retry-after": String(Math.max(1, Math.ceil(limited.waitMs / 1000))) },
        );
      return json(res, 200, { id: record() });
    }
    return json(res, 404, { error: { code: "NotFound", message: path } });
  }
}

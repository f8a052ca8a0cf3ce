// A fake Slack on loopback for adapter tests: the Web API methods Keypost calls (recorded, with
// Slack's answer shapes), response_url posts, and programmable faults — 429 with Retry-After,
// platform errors (user_not_found, account_inactive, …), 5xx, a request that never answers (a
// timeout) or whose connection is reset, before or after its work was done; queued per method or
// chosen per call by an injector (a seeded plan). Messages posted are kept per channel with their metadata, so conversations.history
// finds them as Slack would. Files shared with the bot: files.info describes them and
// url_private_download serves their bytes, only with the bot's token (as Slack: a 403 without).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeLimit } from "./fake-platform.ts";
import { RateWindows } from "./fake-rate-windows.ts";

export interface FakeCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** When it arrived (ms since the epoch, the real clock): calls per minute against Slack's tiers. */
  readonly at: number;
  /** Its Authorization header (the bot token: which replica called, when each has its own). */
  readonly authorization?: string;
}

/**
 * One call's fault. `after`: the call's work is done first (the message is posted) and then the answer
 * is lost — the ambiguous outcome a sender cannot tell from a lost request.
 */
export type Fault =
  | { readonly status: 429; readonly retryAfter: number }
  /** A server error with Slack's HTML error page (no JSON). */
  | { readonly status: 500 | 502 | 503 | 504 }
  /** `ok: false` with this error; `after`: once the work was done (Slack's `internal_error` may have posted). */
  | { readonly error: string; readonly after?: boolean }
  /** Never answers (the caller's timeout). */
  | { readonly hang: true; readonly after?: boolean }
  /** The connection is reset without an answer. */
  | { readonly reset: true; readonly after?: boolean };

interface Posted {
  readonly channel: string;
  readonly ts: string;
  text: string;
  blocks: unknown;
  readonly metadata?: unknown;
}

const JSON_FIELDS = new Set(["blocks", "view", "metadata", "attachments"]);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if ((contentType ?? "").includes("json")) return raw === "" ? {} : (JSON.parse(raw) as Record<string, unknown>);
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) args[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
  return args;
}

/**
 * What Slack refuses in a message's or a view's blocks, as its schema errors say it
 * ("no more than 50 items allowed [json-pointer:/blocks]"): too many blocks (50 a message, 100 a
 * view), a section's text over 3 000 characters, more than 10 fields or one over 2 000, a header
 * over 150, an actions block over 25 elements, a button's text over 75 or value over 2 000.
 */
export function blockErrors(blocks: unknown, maxBlocks: number, pointer: string): string[] {
  if (!Array.isArray(blocks)) return [];
  const errors: string[] = [];
  const over = (what: string, max: number, at: string) =>
    errors.push(`${what} must be ${max} or fewer [json-pointer:${pointer}${at}]`);
  if (blocks.length > maxBlocks) errors.push(`no more than ${maxBlocks} items allowed [json-pointer:${pointer}]`);
  blocks.forEach((raw, i) => {
    const b = raw as { type?: string; text?: { text?: string }; fields?: { text?: string }[]; elements?: unknown[] };
    const text = b.text?.text ?? "";
    if (b.type === "section" && text.length > 3000) over("text length", 3000, `/${i}/text`);
    if (b.type === "header" && text.length > 150) over("text length", 150, `/${i}/text`);
    if (b.fields && b.fields.length > 10)
      errors.push(`no more than 10 items allowed [json-pointer:${pointer}/${i}/fields]`);
    b.fields?.forEach((f, j) => {
      if ((f.text ?? "").length > 2000) over("text length", 2000, `/${i}/fields/${j}/text`);
    });
    if (b.type === "actions" && (b.elements?.length ?? 0) > 25)
      errors.push(`no more than 25 items allowed [json-pointer:${pointer}/${i}/elements]`);
    if (b.type === "actions")
      (b.elements as { text?: { text?: string }; value?: string }[] | undefined)?.forEach((e, j) => {
        if ((e.text?.text ?? "").length > 75) over("text length", 75, `/${i}/elements/${j}/text`);
        if ((e.value ?? "").length > 2000) over("value length", 2000, `/${i}/elements/${j}/value`);
      });
  });
  return errors;
}

export interface SharedFileFake {
  readonly name: string;
  readonly mimetype: string;
  readonly content: Uint8Array;
  /** The size files.info declares (defaults to the real size). */
  readonly size?: number;
}

export class FakeSlack {
  readonly files = new Map<string, SharedFileFake>();
  /** The Authorization header of every file download. */
  readonly downloads: { id: string; authorization: string | undefined }[] = [];
  /** The token a download must carry. */
  fileToken = "";
  readonly calls: FakeCall[] = [];

  /** The most calls of `method` that arrived within any one minute. */
  peakPerMinute(method: string): number {
    const times = this.callsOf(method).map((c) => c.at);
    let peak = 0;
    for (let i = 0, j = 0; i < times.length; i += 1) {
      while (times[i]! - times[j]! >= 60_000) j += 1;
      peak = Math.max(peak, i - j + 1);
    }
    return peak;
  }
  readonly responses: FakeCall[] = [];
  /** Calls Slack refused for their blocks (the method, and Slack's schema errors). */
  readonly refused: FakeCall[] = [];
  readonly emails = new Map<string, string>();
  /** Workspace members users.list answers besides those in `emails` (bots, deactivated accounts, no e-mail). */
  readonly members: { id: string; email?: string; deleted?: boolean; is_bot?: boolean }[] = [];
  /** Users Slack cannot open a DM with, and the error it answers (user_not_found, user_disabled…). */
  readonly unreachable = new Map<string, string>();
  /** The most members one users.list page holds, whatever `limit` asks (to exercise paging). */
  pageSize = 1000;
  readonly messages: Posted[] = [];
  /** Files uploaded by the app (files.getUploadURLExternal, the POST, files.completeUploadExternal). */
  readonly uploads = new Map<
    string,
    { name: string; length: number; bytes?: Uint8Array; channel?: string; comment?: string }
  >();
  readonly #faults = new Map<string, Fault[]>();
  readonly #hanging = new Set<() => void>();
  #seq = 0;
  #server: Server | undefined;
  url = "";

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    fake.#server = createServer((req, res) => {
      const download = /^\/files-pri\/([^/?]+)/.exec(req.url ?? "");
      if (download) {
        const id = decodeURIComponent(download[1]!);
        fake.downloads.push({ id, authorization: req.headers.authorization });
        const file = fake.files.get(id);
        if (req.headers.authorization !== `Bearer ${fake.fileToken}` || !file) {
          res.writeHead(file ? 403 : 404);
          res.end();
          return;
        }
        res.writeHead(200, { "content-type": file.mimetype, "content-length": String(file.content.length) });
        res.end(Buffer.from(file.content));
        return;
      }
      const upload = /^\/upload\/([^/?]+)/.exec(req.url ?? "");
      if (upload && req.method === "POST") {
        const slot = fake.uploads.get(decodeURIComponent(upload[1]!));
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          if (slot) slot.bytes = new Uint8Array(Buffer.concat(chunks));
          res.writeHead(slot ? 200 : 404, { "content-type": "text/plain" });
          res.end(slot ? `OK - ${Buffer.concat(chunks).length}` : "no such upload");
        });
        return;
      }
      void fake.handle(req).then(
        (answer) => {
          if (answer === "hang") return;
          if (answer === "reset") {
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
          res.end(JSON.stringify(answer.body));
        },
        (error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        },
      );
    });
    await new Promise<void>((resolve) => fake.#server!.listen(0, "127.0.0.1", resolve));
    fake.url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  /** What apps.connections.open answers with (a fake Socket Mode server's ws:// URL); unset: `unknown_method`. */
  socketUrl: string | undefined;
  /** The Authorization header of each apps.connections.open call (the app-level token). */
  readonly connectionTokens: string[] = [];

  /** While set, every Web API call answers `ok: false` with this error (a revoked or bad token). */
  tokenRefused: string | undefined;

  readonly #perMinute = new Map<string, number>();
  /** Calls answered 429 `ratelimited` because their method's per-minute limit was passed. */
  readonly rateLimited: FakeCall[] = [];

  /**
   * As Slack's tiers: past `limit` calls of `method` arriving within one minute (every call counts,
   * refused ones too), the next is answered 429 `ratelimited` with a Retry-After (Tier 3's
   * conversations.history: 50).
   */
  limitPerMinute(method: string, limit: number): void {
    this.#perMinute.set(method, limit);
  }

  /** chat.postMessage's limits per channel and per workspace, when set (`limitPosts`). */
  posts: RateWindows | undefined;

  /**
   * Holds chat.postMessage to these limits — per channel ("conversation") and for the whole workspace
   * ("tenant") — counted across every connection, answering 429 `ratelimited` with a Retry-After past
   * one (as Slack: about one message a second per channel).
   */
  limitPosts(limits: readonly FakeLimit[]): void {
    this.posts = new RateWindows(limits);
  }

  /**
   * Asked on every Web API call once the token, per-minute and queued faults have passed it: a fault,
   * or nothing for Slack's answer (a seeded fault plan, test/proof/faulty-platforms.test.ts).
   */
  injector: ((method: string, args: Record<string, unknown>) => Fault | undefined) | undefined;
  /** The faults the injector chose, by kind, as they were served. */
  readonly injected: { readonly method: string; readonly fault: Fault }[] = [];

  /** The next calls of `method` fail this way, one fault per call. */
  fail(method: string, ...faults: Fault[]): void {
    this.#faults.set(method, [...(this.#faults.get(method) ?? []), ...faults]);
  }

  callsOf(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Waits until `predicate` holds for the calls (work done after an ack happens a moment later).
   * Bounded by time, not tries: on a loaded machine a press takes seconds, and a pass returns at once.
   */
  async until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`fake Slack never saw: ${what}\ncalls: ${this.calls.map((c) => c.method).join(", ")}`);
  }

  clear(): void {
    this.calls.length = 0;
    this.responses.length = 0;
  }

  async close(): Promise<void> {
    for (const release of this.#hanging) release();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  /** Slack's message ids: seconds since the epoch (now) and a unique 6-digit suffix. */
  private nextTs(): string {
    this.#seq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.#seq).padStart(6, "0")}`;
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<"hang" | "reset" | { status: number; headers?: Record<string, string>; body: unknown }> {
    const raw = await readBody(req);
    const path = (req.url ?? "").split("?")[0] ?? "";
    const args = parseArgs(raw, req.headers["content-type"]);
    if (path.startsWith("/respond/")) {
      // As Slack: a response_url message is held to a message's block rules (refused with 400).
      const errors = blockErrors(args.blocks, 50, "/blocks");
      if (errors.length > 0) {
        this.refused.push({ method: `respond:${path.slice("/respond/".length)}`, args: { errors }, at: Date.now() });
        return { status: 400, body: { ok: false, error: "invalid_blocks", errors } };
      }
      this.responses.push({ method: path.slice("/respond/".length), args, at: Date.now() });
      return { status: 200, body: { ok: true } };
    }
    const method = path.replace(/^\/api\//, "");
    this.calls.push({ method, args, at: Date.now(), authorization: String(req.headers.authorization ?? "") });
    if (method === "apps.connections.open") {
      this.connectionTokens.push(String(req.headers.authorization ?? ""));
      if (this.tokenRefused) return { status: 200, body: { ok: false, error: this.tokenRefused } };
      return {
        status: 200,
        body: this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: "unknown_method" },
      };
    }
    if (this.tokenRefused) return { status: 200, body: { ok: false, error: this.tokenRefused } };
    const perMinute = this.#perMinute.get(method);
    if (perMinute !== undefined) {
      const now = Date.now();
      const recent = this.calls.filter((c) => c.method === method && now - c.at < 60_000);
      if (recent.length > perMinute) {
        this.rateLimited.push(this.calls.at(-1)!);
        const retryAfter = Math.max(1, Math.ceil((recent[recent.length - perMinute - 1]!.at + 60_000 - now) / 1000));
        return {
          status: 429,
          headers: { "retry-after": String(retryAfter) },
          body: { ok: false, error: "ratelimited" },
        };
      }
    }
    if (method === "chat.postMessage" && this.posts) {
      const decision = this.posts.take(String(args.channel ?? ""), "workspace");
      if (decision.kind === "limited")
        return {
          status: 429,
          headers: { "retry-after": String(Math.max(1, Math.ceil(decision.waitMs / 1000))) },
          body: { ok: false, error: "ratelimited" },
        };
    }
    let fault = this.#faults.get(method)?.shift();
    if (!fault && this.injector) {
      fault = this.injector(method, args);
      if (fault) this.injected.push({ method, fault });
    }
    if (fault) {
      if ("hang" in fault || "reset" in fault) {
        if (fault.after) this.answer(method, args);
        return "hang" in fault ? "hang" : "reset";
      }
      if ("status" in fault && fault.status === 429)
        return {
          status: 429,
          headers: { "retry-after": String(fault.retryAfter) },
          body: { ok: false, error: "ratelimited" },
        };
      if ("status" in fault) return { status: fault.status, body: "<html>Slack is having trouble</html>" };
      if (fault.after) this.answer(method, args);
      return { status: 200, body: { ok: false, error: fault.error } };
    }
    const invalid = this.invalid(method, args);
    if (invalid) {
      this.refused.push({
        method,
        args: { errors: invalid.errors ?? invalid.response_metadata?.messages },
        at: Date.now(),
      });
      return { status: 200, body: invalid };
    }
    return { status: 200, body: this.answer(method, args) };
  }

  /** Slack's refusal of blocks beyond its limits: `invalid_blocks` for messages, `invalid_arguments` for views. */
  private invalid(
    method: string,
    args: Record<string, unknown>,
  ): { ok: false; error: string; errors?: string[]; response_metadata?: { messages: string[] } } | undefined {
    if (["chat.postMessage", "chat.update", "chat.postEphemeral"].includes(method)) {
      const errors = blockErrors(args.blocks, 50, "/blocks");
      return errors.length > 0 ? { ok: false, error: "invalid_blocks", errors } : undefined;
    }
    if (["views.open", "views.update", "views.publish", "views.push"].includes(method)) {
      const errors = blockErrors((args.view as { blocks?: unknown } | undefined)?.blocks, 100, "/view/blocks");
      return errors.length > 0
        ? { ok: false, error: "invalid_arguments", response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } }
        : undefined;
    }
    return undefined;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "conversations.open": {
        const refused = this.unreachable.get(String(args.users ?? ""));
        if (refused) return { ok: false, error: refused };
        return { ok: true, channel: { id: `D${String(args.users ?? "").slice(1)}` } };
      }
      case "chat.postMessage": {
        const ts = this.nextTs();
        const channel = String(args.channel);
        this.messages.push({
          channel,
          ts,
          text: String(args.text ?? ""),
          blocks: args.blocks,
          ...(args.metadata ? { metadata: args.metadata } : {}),
        });
        return { ok: true, channel, ts, message: { ts } };
      }
      case "chat.update": {
        // As Slack: an ephemeral message (a postEphemeral, a slash command's answer) is no message of
        // the channel — chat.update cannot find it; only its response_url can replace it.
        const m = this.messages.find((x) => x.channel === args.channel && x.ts === args.ts);
        if (!m) return { ok: false, error: "message_not_found" };
        m.text = String(args.text ?? "");
        m.blocks = args.blocks;
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "conversations.history": {
        const oldest = Number(args.oldest ?? 0);
        const messages = this.messages.filter((m) => m.channel === args.channel && Number(m.ts) >= oldest).reverse();
        return {
          ok: true,
          messages: messages.map((m) => ({
            type: "message",
            ts: m.ts,
            text: m.text,
            ...(args.include_all_metadata && m.metadata ? { metadata: m.metadata } : {}),
          })),
          has_more: false,
        };
      }
      case "users.info": {
        const email = this.emails.get(String(args.user));
        return email
          ? { ok: true, user: { id: args.user, profile: { email } } }
          : { ok: false, error: "user_not_found" };
      }
      case "files.getUploadURLExternal": {
        const id = `F0UP${String(this.uploads.size + 1).padStart(4, "0")}`;
        this.uploads.set(id, { name: String(args.filename), length: Number(args.length) });
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const files = (typeof args.files === "string" ? JSON.parse(args.files) : args.files) as { id: string }[];
        for (const f of files) {
          const slot = this.uploads.get(f.id);
          if (!slot?.bytes || slot.bytes.length !== slot.length) return { ok: false, error: "file_upload_not_found" };
          slot.channel = String(args.channel_id);
          slot.comment = String(args.initial_comment ?? "");
        }
        return { ok: true, files: files.map((f) => ({ id: f.id })) };
      }
      case "files.info": {
        const file = this.files.get(String(args.file));
        if (!file) return { ok: false, error: "file_not_found" };
        return {
          ok: true,
          file: {
            id: args.file,
            name: file.name,
            title: file.name,
            mimetype: file.mimetype,
            size: file.size ?? file.content.length,
            url_private: `${this.url}/files-pri/${String(args.file)}`,
            url_private_download: `${this.url}/files-pri/${String(args.file)}`,
          },
        };
      }
      case "auth.test":
        return { ok: true, url: "https://fake.slack.test/", team_id: "T0FAKE", user_id: "U0BOT", bot_id: "B0BOT" };
      case "users.list": {
        // As Slack: pages of `limit` members (default 100) with a next_cursor; the last page has "".
        const all = [...[...this.emails].map(([id, email]) => ({ id, email })), ...this.members].map((m) => ({
          id: m.id,
          team_id: "T0FAKE",
          deleted: "deleted" in m ? (m.deleted ?? false) : false,
          is_bot: "is_bot" in m ? (m.is_bot ?? false) : false,
          profile: m.email === undefined ? {} : { email: m.email },
        }));
        const limit = Math.min(Number(args.limit ?? 100), this.pageSize);
        const from = Number(
          args.cursor === undefined || args.cursor === "" ? 0 : String(args.cursor).slice("c".length),
        );
        const next = from + limit < all.length ? `c${from + limit}` : "";
        return { ok: true, members: all.slice(from, from + limit), response_metadata: { next_cursor: next } };
      }
      case "users.lookupByEmail": {
        const found = [...this.emails].find(([, e]) => e === args.email);
        return found ? { ok: true, user: { id: found[0] } } : { ok: false, error: "users_not_found" };
      }
      case "views.open":
      case "views.update":
      case "views.publish":
        return { ok: true, view: { id: `V${this.nextTs().replace(".", "")}` } };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

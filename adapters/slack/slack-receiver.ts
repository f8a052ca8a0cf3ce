// Bolt's receiver inside Keypost's own HTTP server: POST /slack/events carries events,
// interactivity and the slash command. It verifies the signature itself (past *and* future
// timestamps refused), refuses a replayed request (the database remembers each signature for the
// five minutes it could be valid), answers Slack's URL check, and hands the body to Bolt's
// `app.processEvent`. A card's button press is typed here (slack-press.ts), written to the inbox
// (durably, under its replay key) and acknowledged at once; the inbox worker acts on it (docs/decisions.md "Presses go through an
// inbox"). For anything else the HTTP answer is whatever the listener acks — and listeners ack
// *after* their change is committed, so a crash before the ack makes Slack send it again and a
// crash after it loses nothing. Past ACK_BUDGET_MS Slack may have stopped waiting: an
// event is then acked empty (its work goes on); a listener still acks once committed, and also
// answers through the slash command's response_url or a DM (`ackedAlready` in its context).
// In Socket Mode (slack-socket.ts) the same checks and the same path take each envelope, keyed by
// its envelope id instead of a signature, and the answer becomes the envelope's ack.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import type { Clock } from "../../src/ports/clock.ts";
import type { Logger } from "../../src/infra/logger.ts";
import { nestsDeeperThan, readLimitedBody, refuseTooLarge } from "../../src/infra/http/request-body.ts";
import { isDatabaseUnavailable } from "../../src/infra/database-unavailable.ts";
import { verifySlackSignature } from "./slack-signature.ts";
import { slackRequestShape } from "./slack-request-shape.ts";

export const MAX_BODY_BYTES = 1_000_000;
/** Slack's payloads nest a few levels (blocks in views in payloads); far deeper is an attack. */
export const MAX_JSON_DEPTH = 64;
export const ACK_BUDGET_MS = 2_500;

/** How a checked request is answered: an HTTP status and body, or (Socket Mode) an envelope's ack. */
export type SlackReply = (status: number, body?: unknown) => void;

export interface SlackReceiverOptions {
  /** Absent in Socket Mode, where no request arrives over HTTP (POST /slack/events then answers 404). */
  readonly signingSecret?: string;
  readonly clock: Clock;
  readonly log: Logger;
  /** Remembers a request key; false when it was seen before (a replay). Durable: the database decides. */
  readonly firstSighting: (key: string) => Promise<boolean>;
  /** Forgets a key taken by firstSighting (an event whose work failed, so Slack's retry is acted on). */
  readonly forget?: (key: string) => Promise<void>;
  /**
   * A card's one-click button press, typed at the edge (undefined for any other body: a button
   * that opens a modal with its short-lived trigger, a page button, an event…, which Bolt's
   * listeners act on before the ack).
   */
  readonly pressOf?: (body: Record<string, unknown>) => object | undefined;
  /**
   * A typed press is only accepted here: written durably under its replay key (false when seen
   * before), acknowledged, and acted on by the inbox worker.
   */
  readonly acceptPress?: (key: string, press: object) => Promise<boolean>;
  /** Called as each request arrives; the returned function when it has been answered (the press worker yields meanwhile). */
  readonly arriving?: () => () => void;
  readonly ackBudgetMs?: number;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function respond(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === "") {
    res.writeHead(status, { "content-length": 0 });
    res.end();
    return;
  }
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** The body Slack sent: JSON (Events API), a form with a `payload` (interactivity), or a plain form (slash commands). */
export function parseSlackBody(raw: string, contentType: string | undefined): Record<string, unknown> | undefined {
  try {
    if ((contentType ?? "").includes("application/json")) {
      if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) return undefined;
      const value: unknown = JSON.parse(raw);
      return typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    }
    const form = new URLSearchParams(raw);
    const payload = form.get("payload");
    if (payload !== null) {
      if (nestsDeeperThan(payload, MAX_JSON_DEPTH)) return undefined;
      const value: unknown = JSON.parse(payload);
      return typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    }
    return Object.fromEntries(form.entries());
  } catch {
    return undefined;
  }
}

export class KeypostSlackReceiver implements Receiver {
  #app: App | undefined;

  constructor(private readonly options: SlackReceiverOptions) {}

  init(app: App): void {
    this.#app = app;
  }

  /** The server is Keypost's: nothing to start or stop here. */
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  #replayed(reply: SlackReply): void {
    this.options.log.warn("slack request refused", { reason: "replayed" });
    reply(401, { error: "replayed" });
  }

  /**
   * A Socket Mode envelope: already authenticated by the connection (opened with the app token),
   * so no signature; its envelope id is the replay key. `reply` receives what the HTTP answer would be.
   */
  readonly envelope = async (
    body: Record<string, unknown>,
    envelopeId: string,
    retryNum: number | undefined,
    reply: SlackReply,
  ): Promise<void> => {
    const answered = this.options.arriving?.();
    try {
      await this.#checked(
        body,
        `slack:envelope:${envelopeId}`,
        retryNum === undefined ? undefined : String(retryNum),
        reply,
      );
    } finally {
      answered?.();
    }
  };

  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const answered = this.options.arriving?.();
    try {
      await this.#handle(req, res);
    } finally {
      answered?.();
    }
  };

  readonly #handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { log, clock } = this.options;
    const read = await readLimitedBody(req, MAX_BODY_BYTES);
    if (!read.ok) {
      log.warn("slack request refused", { reason: "body_too_large" });
      return refuseTooLarge(req, res, MAX_BODY_BYTES);
    }
    const raw = read.body.toString("utf8");
    const signature = header(req, "x-slack-signature");
    if (this.options.signingSecret === undefined) return respond(res, 404, { error: "socket mode" });
    const check = verifySlackSignature(
      this.options.signingSecret,
      { signature, timestamp: header(req, "x-slack-request-timestamp") },
      raw,
      clock.now(),
    );
    if (!check.ok) {
      log.warn("slack request refused", { reason: check.reason });
      return respond(res, 401, { error: check.reason });
    }
    // Slack sends JSON (Events API) or a form (interactivity, slash commands), nothing else.
    const contentType = (header(req, "content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== "application/json" && contentType !== "application/x-www-form-urlencoded") {
      log.warn("slack request refused", { reason: "unsupported_content_type" });
      return respond(res, 415, { error: "unsupported content type" });
    }
    const body = parseSlackBody(raw, contentType);
    if (!body) {
      log.warn("slack request refused", { reason: "unreadable_body" });
      return respond(res, 400, { error: "unreadable body" });
    }
    // The replay key is what Slack signed (timestamp and body), never an unsigned header: a captured
    // request sent again with another X-Slack-Retry-Num is the same request.
    await this.#checked(body, `slack:request:${signature}`, header(req, "x-slack-retry-num"), (status, answer) =>
      respond(res, status, answer),
    );
  };

  /** An authenticated, readable request, over HTTP or Socket Mode: the one path from here on. */
  readonly #checked = async (
    body: Record<string, unknown>,
    replayKey: string,
    retryNum: string | undefined,
    reply: SlackReply,
  ): Promise<void> => {
    const { log } = this.options;
    const shape = slackRequestShape(body);
    if (!shape.ok) {
      log.warn("slack request refused", { reason: "bad_shape", type: shape.type, field: shape.field });
      return reply(400, { error: "unexpected payload", type: shape.type, field: shape.field });
    }
    if (shape.kind === "ignored") return reply(200);
    // An Events API event is keyed by its event id (in the signed body), so a retry — re-signed or
    // not, arriving while the first is still being handled or after — is acted on once and answered
    // 200 so Slack stops.
    if (shape.kind === "event") return this.#event(body, shape.eventKey, reply, retryNum);
    const press = shape.kind === "press" ? this.options.pressOf?.(body) : undefined;
    if (press && this.options.acceptPress) {
      // Durable first, then the ack: a crash after it loses nothing (the worker finds the press).
      if (!(await this.options.acceptPress(replayKey, press))) return this.#replayed(reply);
      return reply(200);
    }
    // Options for a picker (block_suggestion) are a read, asked anew at each keystroke: answered every time.
    if (shape.kind === "suggestion") {
      await this.#process(body, reply, undefined);
      return;
    }
    if (!(await this.options.firstSighting(replayKey))) return this.#replayed(reply);
    if (shape.kind === "url_verification") return reply(200, { challenge: body.challenge });
    await this.#process(body, reply, undefined);
  };

  readonly #event = async (
    body: Record<string, unknown>,
    eventKey: string,
    reply: SlackReply,
    retryNum: string | undefined,
  ): Promise<void> => {
    if (!(await this.options.firstSighting(eventKey))) {
      this.options.log.info("slack event already taken", { retry: retryNum ?? "0" });
      return reply(200);
    }
    const failed = await this.#process(body, reply, retryNum);
    // Its work failed: let Slack's next retry of it be acted on.
    if (failed) await this.options.forget?.(eventKey);
  };

  /** Hands a checked request to Bolt; true when its listener failed. */
  readonly #process = async (
    body: Record<string, unknown>,
    reply: SlackReply,
    retryNum: string | undefined,
  ): Promise<boolean> => {
    const { log } = this.options;
    if (!this.#app) {
      reply(503, { error: "not ready" });
      return false;
    }

    let acked = false;
    const started = Date.now();
    const budget = this.options.ackBudgetMs ?? ACK_BUDGET_MS;
    // Only an Events API event is acknowledged before its work is done (its work answers or
    // republishes, and a retry of it changes nothing twice); a press, a submission or a command is
    // acknowledged only once its change is committed, however long that takes.
    const timer =
      body.type === "event_callback"
        ? setTimeout(() => {
            if (acked) return;
            acked = true;
            log.warn("slack event slow: acked empty to stay within Slack's 3 s", {
              event: String((body.event as { type?: string } | undefined)?.type ?? ""),
            });
            reply(200);
          }, budget)
        : undefined;
    const event: ReceiverEvent = {
      body,
      // Listeners ask this before answering in the ack: past the budget Slack may have given up
      // waiting, so they answer another way too (response_url, a DM).
      customProperties: { keypostAckedLate: () => acked || Date.now() - started > budget },
      ...(retryNum && /^\d+$/.test(retryNum) ? { retryNum: Number(retryNum) } : {}),
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        clearTimeout(timer);
        reply(200, response === undefined ? "" : response);
      },
    };
    try {
      await this.#app.processEvent(event);
    } catch (error) {
      const unavailable = isDatabaseUnavailable(error);
      if (unavailable) log.warn("slack request refused: database unavailable", {});
      else log.error("slack listener failed", { error: error instanceof Error ? error.message : String(error) });
      if (!acked) {
        acked = true;
        clearTimeout(timer);
        if (unavailable) reply(503, { error: "database unavailable" });
        else reply(500, { error: "internal error" });
      }
      return true;
    }
    if (!acked) {
      // No listener answered (an event Keypost does not use): acknowledge it so Slack stops.
      acked = true;
      clearTimeout(timer);
      reply(200);
    }
    return false;
  };
}

/** Whether the ack budget ran out (Slack may have stopped waiting): the listener answers another way too. */
export function ackedAlready(context: Record<string, unknown>): boolean {
  const probe = context.keypostAckedLate;
  return typeof probe === "function" && (probe as () => boolean)() === true;
}

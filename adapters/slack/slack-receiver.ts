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
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import type { Clock } from "../../src/ports/clock.ts";
import type { Logger } from "../../src/infra/logger.ts";
import { verifySlackSignature } from "./slack-signature.ts";

export const MAX_BODY_BYTES = 1_000_000;
export const ACK_BUDGET_MS = 2_500;

export interface SlackReceiverOptions {
  readonly signingSecret: string;
  readonly clock: Clock;
  readonly log: Logger;
  /** Remembers a request key; false when it was seen before (a replay). Durable: the database decides. */
  readonly firstSighting: (key: string) => Promise<boolean>;
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

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
      } else parts.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
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
      const value: unknown = JSON.parse(raw);
      return typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    }
    const form = new URLSearchParams(raw);
    const payload = form.get("payload");
    if (payload !== null) {
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

  #replayed(res: ServerResponse): void {
    this.options.log.warn("slack request refused", { reason: "replayed" });
    respond(res, 401, { error: "replayed" });
  }

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
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) return respond(res, 413, { error: "body too large" });
      throw error;
    }
    const signature = header(req, "x-slack-signature");
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
    const retryNum = header(req, "x-slack-retry-num");
    const replayKey = `slack:request:${signature}:${retryNum ?? "0"}`;
    const body = parseSlackBody(raw, header(req, "content-type"));
    if (!body) return respond(res, 400, { error: "unreadable body" });
    const press = body.type === "block_actions" ? this.options.pressOf?.(body) : undefined;
    if (press && this.options.acceptPress) {
      // Durable first, then the ack: a crash after it loses nothing (the worker finds the press).
      if (!(await this.options.acceptPress(replayKey, press))) return this.#replayed(res);
      return respond(res, 200);
    }
    if (!(await this.options.firstSighting(replayKey))) return this.#replayed(res);
    if (body.type === "url_verification" && typeof body.challenge === "string")
      return respond(res, 200, { challenge: body.challenge });
    if (!this.#app) return respond(res, 503, { error: "not ready" });

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
            respond(res, 200);
          }, budget)
        : undefined;
    const event: ReceiverEvent = {
      body,
      // Listeners ask this before answering in the ack: past the budget Slack may have given up
      // waiting, so they answer another way too (response_url, a DM).
      customProperties: { keypostAckedLate: () => acked || Date.now() - started > budget },
      ...(retryNum && /^\d+$/.test(retryNum) ? { retryNum: Number(retryNum) } : {}),
      ...(header(req, "x-slack-retry-reason") ? { retryReason: header(req, "x-slack-retry-reason") as string } : {}),
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        clearTimeout(timer);
        respond(res, 200, response === undefined ? "" : response);
      },
    };
    try {
      await this.#app.processEvent(event);
    } catch (error) {
      log.error("slack listener failed", { error: error instanceof Error ? error.message : String(error) });
      if (!acked) {
        acked = true;
        clearTimeout(timer);
        respond(res, 500, { error: "internal error" });
      }
      return;
    }
    if (!acked) {
      // No listener answered (an event Keypost does not use): acknowledge it so Slack stops.
      acked = true;
      clearTimeout(timer);
      respond(res, 200);
    }
  };
}

/** Whether the ack budget ran out (Slack may have stopped waiting): the listener answers another way too. */
export function ackedAlready(context: Record<string, unknown>): boolean {
  const probe = context.keypostAckedLate;
  return typeof probe === "function" && (probe as () => boolean)() === true;
}

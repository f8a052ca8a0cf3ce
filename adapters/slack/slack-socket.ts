// Slack Socket Mode: with SLACK_APP_TOKEN, Keypost opens a WebSocket to Slack (apps.connections.open
// with the app-level token) and receives events, interactivity and the slash command over it — no
// inbound address, only outbound HTTPS (through the proxy when one is configured). Slack's own
// client (@slack/socket-mode) keeps the connection: the hello handshake, pings, reconnecting when
// Slack says `disconnect` (refresh_requested, warning) or the link drops. Each envelope takes the
// receiver's one path (replay key = envelope id, presses typed and written to the inbox before the
// ack), and what the HTTP answer would have been becomes the envelope's ack: 200 → ack (with the
// listener's payload when it answered in the ack), a refusal of a bad or replayed envelope → ack
// (Slack must not send it again), 5xx → no ack, so Slack delivers it again.
import { LogLevel, SocketModeClient, type Logger as SlackLogger } from "@slack/socket-mode";
import type { Outbound } from "../../src/infra/http/outbound.ts";
import type { Logger } from "../../src/infra/logger.ts";
import type { KeypostSlackReceiver } from "./slack-receiver.ts";

export interface SlackSocketOptions {
  readonly appToken: string;
  /** Web API base (tests point it at a fake on loopback). */
  readonly apiUrl?: string;
  readonly outbound: Outbound;
  readonly receiver: KeypostSlackReceiver;
  readonly log: Logger;
}

export interface SlackSocket {
  /** Resolves once connected (Slack's hello); rejects when the app token is refused. */
  start(): Promise<void>;
  /** Closes the connection; no envelope is taken after it. */
  stop(): Promise<void>;
}

interface Envelope {
  readonly ack: (response?: Record<string, unknown>) => Promise<void>;
  readonly envelope_id?: string;
  readonly type?: string;
  readonly body?: unknown;
  readonly retry_num?: number;
}

/**
 * The client's own log, reduced to what carries no payload: its debug lines print whole envelopes
 * (names, card text), so only warnings and errors pass, as codes and messages.
 */
function quietLogger(log: Logger): SlackLogger {
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => log.warn("slack socket mode", { detail: msg.map(String).join(" ").slice(0, 200) }),
    error: (...msg: unknown[]) => log.error("slack socket mode", { detail: msg.map(String).join(" ").slice(0, 200) }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export function slackSocket(options: SlackSocketOptions): SlackSocket {
  const { log, receiver } = options;
  const client = new SocketModeClient({
    appToken: options.appToken,
    logger: quietLogger(log),
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      fetch: options.outbound.fetch,
      // apps.connections.open is retried by the client while reconnecting; a refused token is not.
      retryConfig: { retries: 10, factor: 1.5, maxTimeout: 30_000 },
    },
    ...(options.outbound.dispatcher ? { dispatcher: options.outbound.dispatcher } : {}),
  });
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  client.on("slack_event", (envelope: Envelope) => {
    if (stopping || !envelope.envelope_id) return;
    const body = envelope.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      void envelope.ack().catch(() => undefined);
      return;
    }
    let replied = false;
    const work = receiver
      .envelope(body as Record<string, unknown>, envelope.envelope_id, envelope.retry_num, (status, answer) => {
        if (replied) return;
        replied = true;
        // 5xx: not acknowledged, so Slack delivers the envelope again (as it retries a 5xx over HTTP).
        if (status >= 500) {
          log.warn("slack envelope not acknowledged", { status, type: envelope.type ?? "" });
          return;
        }
        const payload =
          status === 200 && answer !== undefined && answer !== "" && typeof answer === "object"
            ? (answer as Record<string, unknown>)
            : undefined;
        envelope
          .ack(payload)
          .catch((error: unknown) =>
            log.warn("slack envelope ack failed", { error: error instanceof Error ? error.message : String(error) }),
          );
      })
      .catch((error: unknown) =>
        log.error("slack envelope failed", { error: error instanceof Error ? error.message : String(error) }),
      );
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  client.on("reconnecting", () => log.info("slack socket mode reconnecting", {}));
  client.on("connected", () => log.info("slack socket mode connected", {}));
  return {
    async start() {
      await client.start();
    },
    async stop() {
      stopping = true;
      await Promise.all([...inFlight]);
      await client.disconnect();
    },
  };
}

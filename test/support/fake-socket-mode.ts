// A fake of Slack's Socket Mode on loopback: a WebSocket server (the `ws` library) whose URL the fake
// Web API's apps.connections.open hands out. On each connection it says `hello`, as Slack does; the
// test sends envelopes (events_api, interactive, slash_commands) over the newest connection, reads
// the acks by envelope id, and can send `disconnect` to make the client reconnect.
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export type EnvelopeType = "events_api" | "interactive" | "slash_commands";

export interface Ack {
  readonly envelope_id: string;
  readonly payload?: Record<string, unknown>;
}

export class FakeSocketMode {
  readonly acks: Ack[] = [];
  /** Connections opened so far (each after an apps.connections.open). */
  connections = 0;
  readonly #server: WebSocketServer;
  #current: WebSocket | undefined;
  #seq = 0;
  url = "";

  private constructor(server: WebSocketServer) {
    this.#server = server;
    server.on("connection", (socket) => {
      this.connections += 1;
      this.#current = socket;
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as Ack;
        if (message.envelope_id) this.acks.push(message);
      });
      socket.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          debug_info: { host: "fake-socket-mode", approximate_connection_time: 3600 },
          connection_info: { app_id: "A0KEYPOST" },
        }),
      );
    });
  }

  static async start(): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const fake = new FakeSocketMode(server);
    fake.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/?ticket=fake-ticket`;
    return fake;
  }

  /** Sends one envelope over the newest connection; answers its envelope id. */
  send(type: EnvelopeType, payload: unknown, options: { retryAttempt?: number; envelopeId?: string } = {}): string {
    if (!this.#current) throw new Error("no Socket Mode connection");
    const envelopeId = options.envelopeId ?? `env-${++this.#seq}-${Math.floor(Math.random() * 1e9)}`;
    this.#current.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
        ...(type === "events_api" ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: "" } : {}),
      }),
    );
    return envelopeId;
  }

  /** The ack of an envelope, once it comes (undefined after `ms`). */
  async ackOf(envelopeId: string, ms = 8_000): Promise<Ack | undefined> {
    for (let waited = 0; waited < ms; waited += 10) {
      const ack = this.acks.find((a) => a.envelope_id === envelopeId);
      if (ack) return ack;
      await new Promise((r) => setTimeout(r, 10));
    }
    return undefined;
  }

  /** Waits until the client has opened `n` connections in all. */
  async connected(n: number, ms = 15_000): Promise<void> {
    for (let waited = 0; waited < ms && this.connections < n; waited += 10) await new Promise((r) => setTimeout(r, 10));
    if (this.connections < n) throw new Error(`only ${this.connections} Socket Mode connection(s), not ${n}`);
  }

  /** Slack's `disconnect` message: the client should close and connect again. */
  disconnect(reason: "refresh_requested" | "warning" = "refresh_requested"): void {
    this.#current?.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "fake-socket-mode" } }));
  }

  async close(): Promise<void> {
    for (const client of this.#server.clients) client.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

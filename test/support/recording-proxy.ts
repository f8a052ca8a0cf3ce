// A forward proxy on loopback, as a bank's would be: it opens CONNECT tunnels and records each
// target (host:port) it was asked for. Names under `.test` exist only here — the proxy resolves
// them to 127.0.0.1 — so a call that reaches a `.test` host can only have come through the proxy,
// and one that skipped it fails (ENOTFOUND). `refuse` makes it answer 403 to a CONNECT for a host,
// as a proxy's allow-list does. A plain (absolute-form) request is recorded and refused with 502:
// Keypost tunnels everything.
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

export class RecordingProxy {
  /** Every CONNECT target, in order ("slack.test:41234"). */
  readonly tunnels: string[] = [];
  /** Plain requests seen (should stay empty). */
  readonly plain: string[] = [];
  /** Authorization headers sent to the proxy (Proxy-Authorization), in order. */
  readonly credentials: (string | undefined)[] = [];
  readonly refused = new Set<string>();
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  url = "";

  static async start(): Promise<RecordingProxy> {
    const proxy = new RecordingProxy();
    const server = createServer((req, res) => {
      proxy.plain.push(`${req.method} ${req.url}`);
      res.writeHead(502).end();
    });
    server.on("connect", (req, client: Socket) => {
      const target = req.url ?? "";
      proxy.tunnels.push(target);
      proxy.credentials.push(req.headers["proxy-authorization"]);
      proxy.#sockets.add(client);
      client.on("close", () => proxy.#sockets.delete(client));
      const [host = "", port = "443"] = target.split(/:(?=\d+$)/);
      if (proxy.refused.has(host)) {
        client.end("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n");
        return;
      }
      const upstream = connect(Number(port), host.endsWith(".test") ? "127.0.0.1" : host, () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.pipe(client);
        client.pipe(upstream);
      });
      proxy.#sockets.add(upstream);
      upstream.on("close", () => proxy.#sockets.delete(upstream));
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    proxy.#server = server;
    proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** The distinct host names tunnelled to. */
  hosts(): string[] {
    return [...new Set(this.tunnels.map((t) => t.replace(/:\d+$/, "")))].sort();
  }

  clear(): void {
    this.tunnels.length = 0;
    this.plain.length = 0;
    this.credentials.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}

// The benchmarks' load generator, in a worker thread: a chat platform does not share the server's
// event loop, so neither should the requests that stand in for it (they would both slow the server
// and time its answers by its pauses). The main thread sends a round of ready-made requests; this
// thread posts them all at once and answers with each one's status and time, and the round's.
import { parentPort } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import type { LoadRequest, LoadRound } from "./load-client.ts";

const port = parentPort;
if (!port) throw new Error("run as a worker");
port.on("message", async (message: { kind: "round"; requests: LoadRequest[] } | { kind: "stop" }) => {
  if (message.kind === "stop") {
    port.close();
    return;
  }
  const start = performance.now();
  const results = await Promise.all(
    message.requests.map(async (r) => {
      const t0 = performance.now();
      try {
        const res = await fetch(r.url, { method: "POST", headers: r.headers, body: r.body });
        const text = await res.text();
        return { status: res.status, ms: performance.now() - t0, body: text };
      } catch (error) {
        return { status: 0, ms: performance.now() - t0, body: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const round: LoadRound = { seconds: (performance.now() - start) / 1000, results };
  port.postMessage(round);
});
port.postMessage({ kind: "ready" });

// bench:slack's fake Slack Web API, in a worker thread: Slack's servers do not share Keypost's event
// loop, so neither should their stand-in (its request handling would be counted as Keypost's work
// and delay Keypost's acks and presses). The same reason as the load client's thread and the
// fan-out bench's fake platforms. Answers "calls" (how many calls of each method) and "stop".
import { parentPort } from "node:worker_threads";
import { FakeSlack } from "../test/support/fake-slack.ts";

const port = parentPort;
if (!port) throw new Error("run as a worker");
const fake = await FakeSlack.start();
port.postMessage({ kind: "ready", apiUrl: fake.apiUrl });
port.on("message", async (message: { kind: "calls" } | { kind: "stop" }) => {
  if (message.kind === "calls") {
    const counts: Record<string, number> = {};
    for (const call of fake.calls) counts[call.method] = (counts[call.method] ?? 0) + 1;
    port.postMessage({ kind: "calls", counts });
    return;
  }
  await fake.close();
  port.close();
});

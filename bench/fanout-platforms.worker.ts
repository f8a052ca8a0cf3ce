// The fan-out benchmark's fake platforms, in a worker thread: a real platform does not share the
// dispatcher's event loop, so neither should its stand-in (it would both slow the dispatcher and
// time arrivals by the dispatcher's pauses). Answers the main thread's questions by message.
import { parentPort, workerData } from "node:worker_threads";
import { FakePlatform, type FakeFaults, type FakeLimit } from "../test/support/fake-platform.ts";

interface Setup {
  readonly profiles: readonly { platform: string; limits: readonly FakeLimit[] }[];
  readonly faults: FakeFaults;
}

const setup = workerData as Setup;
const port = parentPort;
if (!port) throw new Error("run as a worker");
const platforms = new Map<string, FakePlatform>();
for (const profile of setup.profiles) {
  platforms.set(
    profile.platform,
    await new FakePlatform({ now: () => performance.now(), limits: profile.limits, faults: setup.faults }).start(),
  );
}
port.postMessage({ kind: "ready", urls: Object.fromEntries([...platforms].map(([name, p]) => [name, p.url])) });
port.on(
  "message",
  async (
    message: { kind: "report"; keys: Record<string, string[]>; since?: number; bucketMs?: number } | { kind: "stop" },
  ) => {
    if (message.kind === "stop") {
      for (const p of platforms.values()) await p.stop();
      port.close();
      return;
    }
    let lost = 0;
    let duplicated = 0;
    for (const [platform, keys] of Object.entries(message.keys)) {
      const fake = platforms.get(platform);
      for (const key of keys) {
        const count = fake?.count(key) ?? 0;
        if (count === 0) lost += 1;
        if (count > 1) duplicated += 1;
      }
    }
    // Stored messages per bucket since `since` (epoch ms), by the platform's own arrival times.
    const arrivals: Record<string, number[]> = {};
    if (message.since !== undefined && message.bucketMs) {
      for (const [name, p] of platforms) {
        const counts: number[] = [];
        for (const m of p.messages) {
          const b = Math.floor((performance.timeOrigin + m.at - message.since) / message.bucketMs);
          counts[b] = (counts[b] ?? 0) + 1;
        }
        arrivals[name] = Array.from(counts, (c) => c ?? 0);
      }
    }
    port.postMessage({
      kind: "report",
      lost,
      duplicated,
      arrivals,
      stats: Object.fromEntries([...platforms].map(([name, p]) => [name, p.stats])),
    });
  },
);

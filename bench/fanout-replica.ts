// One replica of `npm run bench:fanout -- --replicas N`: a separate process running the service's
// dispatcher as `keypost serve` builds it on PostgreSQL — with a sender election (decision 17.18) —
// against the benchmark's database and fake platforms. Whichever replica holds a platform's sender
// lease sends to it; the others wait. It starts dispatching when the parent writes a line to its
// stdin (so that every replica's start-up — its first queries, the election — is outside the timed
// run). Ends on SIGTERM (the dispatcher stops and gives its leases up).
// Configuration comes from the parent: DATABASE_URL, KEYPOST_BENCH_REPLICA (JSON: platform URLs and
// limits).
import type { Kernel } from "../src/app/kernel/execute.ts";
import { Dispatcher } from "../src/app/delivery/dispatcher.ts";
import { SenderElection } from "../src/app/delivery/sender-election.ts";
import { openDatabase } from "../src/infra/db/database.ts";
import { PrismaUnitOfWork } from "../src/infra/db/prisma-unit-of-work.ts";
import { createLogger } from "../src/infra/logger.ts";
import { LogNotifier } from "../src/infra/notifiers/log-notifier.ts";
import { systemClock } from "../src/ports/clock.ts";
import type { NoticePlatform } from "../src/ports/outbox.ts";
import { systemTimer } from "../src/ports/timer.ts";
import type { FakeLimit } from "../test/support/fake-platform.ts";
import { FakePlatformNotifier } from "../test/support/fake-platform-notifier.ts";

interface ReplicaSetup {
  readonly name: string;
  readonly platforms: readonly { platform: "slack" | "teams"; url: string; limits: readonly FakeLimit[] }[];
}

const setup = JSON.parse(process.env.KEYPOST_BENCH_REPLICA ?? "{}") as ReplicaSetup;
const db = openDatabase(process.env.DATABASE_URL ?? "");
const kernel: Kernel = { uow: new PrismaUnitOfWork(db), clock: systemClock, orgLocale: "zh-CN", cards: {} };
const notifiers = {
  byPlatform: new Map<NoticePlatform, FakePlatformNotifier>(
    setup.platforms.map((p) => [p.platform, new FakePlatformNotifier(p)]),
  ),
  fallback: new LogNotifier(createLogger("silent")),
};
const election = new SenderElection(
  {
    keys: ["slack", "teams", "log"],
    holder: setup.name,
    onChange: ({ gained, lost }) => console.log(JSON.stringify({ replica: setup.name, gained, lost })),
  },
  systemTimer,
);
const dispatcher = new Dispatcher(notifiers, { election, onError: (e) => console.error("drain failed:", e) });
// A running service has its database connections open and its sender elected before a fan-out
// comes: so does a replica here before the timed run (a cold first query cost ~1 s of it).
await kernel.uow.run((tx) => tx.deliveries.nextDueAt());
await election.beat(kernel.uow, kernel.clock);
process.stdin.once("data", () => dispatcher.start(kernel));
console.log(JSON.stringify({ replica: setup.name, ready: true }));
process.once("SIGTERM", () => {
  void dispatcher
    .stop()
    .then(() => db.close())
    .finally(() => process.exit(0));
});

// A small bank, a fake rate-limited platform on loopback, and a dispatcher over virtual time: the
// ground every dispatcher test stands on.
import type { Card } from "../../../src/ports/card.ts";
import { same } from "../../../src/ports/card.ts";
import type { Kernel } from "../../../src/app/kernel/execute.ts";
import { Dispatcher, type DispatcherOptions } from "../../../src/app/delivery/dispatcher.ts";
import type { Notifiers } from "../../../src/app/delivery/delivery-context.ts";
import { DEFAULT_RETRY_POLICY } from "../../../src/app/delivery/retry-policy.ts";
import type { Database } from "../../../src/infra/db/database.ts";
import { PrismaUnitOfWork } from "../../../src/infra/db/prisma-unit-of-work.ts";
import { createLogger } from "../../../src/infra/logger.ts";
import { LogNotifier } from "../../../src/infra/notifiers/log-notifier.ts";
import type { Notifier } from "../../../src/ports/notifier.ts";
import type { UnitOfWork } from "../../../src/ports/unit-of-work.ts";
import { FakePlatform, type FakeLimit } from "../../support/fake-platform.ts";
import { FakePlatformNotifier } from "../../support/fake-platform-notifier.ts";
import { seedSmallBank, type CastName, type SmallBank } from "../../support/small-bank.ts";
import { VirtualTime } from "../../support/virtual-time.ts";

export const T0 = "2026-12-01T01:00:00.000Z";
export const SLACK_LIKE: readonly FakeLimit[] = [
  { scope: "conversation", limit: 1, windowMs: 1000 },
  { scope: "tenant", limit: 2, windowMs: 1000 },
];
/** Few attempts so that a test reaches the cap quickly; base 2 s and random 0.5 make backoffs 1.5 s, 3 s, 6 s… */
export const POLICY = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 };

export interface Harness {
  readonly db: Database;
  readonly bank: SmallBank;
  readonly time: VirtualTime;
  readonly kernel: Kernel;
  readonly platform: FakePlatform;
  readonly notifier: FakePlatformNotifier;
  readonly notifiers: Notifiers;
  readonly dispatcher: Dispatcher;
  /** Writes one notice to `who` on Slack; returns its dedupe key as the platform sees it. */
  notice(
    who: CastName,
    name: string,
    options?: { kind?: string; subjectType?: string; subjectId?: string; visibleFrom?: Date },
  ): Promise<string>;
  row(key: string): Promise<{
    id: string;
    status: string;
    attempts: number;
    nextAttemptAt: Date;
    lastError: string;
    messageRef: string | null;
    needsUpdate: boolean;
  }>;
  /** The Slack conversation of a cast member (their user id in the small bank). */
  conversationOf(who: CastName): Promise<string>;
  /** Whether a unit of work is under way (for `time.whenIdle`). */
  databaseBusy(): boolean;
  close(): Promise<void>;
}

export function card(name: string): Card {
  return {
    title: { "zh-CN": `测试通知 ${name}`, en: `Test notice ${name}` },
    fields: [{ label: same("n"), value: same(name) }],
    actions: [],
  };
}

export async function harness(
  db: Database,
  options: {
    limits?: readonly FakeLimit[];
    dispatcher?: DispatcherOptions;
    notifier?: (base: FakePlatformNotifier) => Notifier;
    seed?: boolean;
  } = {},
): Promise<Harness> {
  const bank = await seedSmallBank(db);
  const time = new VirtualTime(T0);
  // Units of work under way: a test may hold virtual time still while the database works (under load a
  // statement can take longer than the sleeps virtual time would otherwise skip meanwhile).
  let working = 0;
  const units = new PrismaUnitOfWork(db);
  const counted = <T>(work: Promise<T>): Promise<T> => {
    working += 1;
    return work.finally(() => (working -= 1));
  };
  const uow: UnitOfWork = {
    run: (work) => counted(units.run(work)),
    read: (work) => counted(units.read(work)),
  };
  const kernel: Kernel = { uow, clock: time, orgLocale: "zh-CN", cards: {} };
  const limits = options.limits ?? SLACK_LIKE;
  const platform = await new FakePlatform({ now: () => time.nowMs(), limits }).start();
  const notifier = new FakePlatformNotifier({ platform: "slack", url: platform.url, limits });
  const slack = options.notifier ? options.notifier(notifier) : notifier;
  const notifiers: Notifiers = {
    byPlatform: new Map([["slack", slack]]),
    fallback: new LogNotifier(createLogger("silent")),
  };
  const dispatcher = new Dispatcher(notifiers, {
    timer: time,
    random: () => 0.5,
    guardMs: 0,
    smooth: false,
    policy: POLICY,
    ...options.dispatcher,
  });
  time.whenIdle(() => dispatcher.inFlight === 0);
  return {
    db,
    bank,
    time,
    kernel,
    platform,
    notifier,
    notifiers,
    dispatcher,
    async notice(who, name, o = {}) {
      const dedupeKey = `test:${name}:${who}`;
      await kernel.uow.run((tx) =>
        tx.outbox.enqueue(
          {
            dedupeKey,
            recipientId: bank.ids[who],
            kind: o.kind ?? "test_notice",
            subjectType: o.subjectType ?? "test",
            subjectId: o.subjectId ?? name,
            card: card(name),
            visibleFrom: o.visibleFrom ?? null,
          },
          ["slack"],
        ),
      );
      return `${dedupeKey}@slack`;
    },
    databaseBusy: () => working > 0,
    async row(key) {
      return db.prisma.notice.findUniqueOrThrow({ where: { dedupeKey: key } });
    },
    async conversationOf(who) {
      const identity = await db.prisma.chatIdentity.findFirstOrThrow({
        where: { employeeId: bank.ids[who], platform: "slack" },
      });
      return identity.externalId;
    },
    async close() {
      await dispatcher.stop();
      await platform.stop();
    },
  };
}

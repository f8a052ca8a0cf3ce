// A small bank with the whole kernel (every area's cards and actions) and the real tick — the same
// function `keypost tick --at` and the ticker call — over a clock the test moves. Deliveries go to
// a recording notifier, so a test sees who was sent what, and when.
import type { Card } from "../../../src/ports/card.ts";
import { actions as ACTIONS } from "../../../src/app/catalog.ts";
import { composeKernel } from "../../../src/app/kernel/compose.ts";
import { execute, type Kernel } from "../../../src/app/kernel/execute.ts";
import { pressAction } from "../../../src/app/kernel/press-action.ts";
import type { Outcome } from "../../../src/app/kernel/outcome.ts";
import type { UseCase } from "../../../src/app/kernel/use-case.ts";
import type { Notifiers } from "../../../src/app/delivery/delivery-context.ts";
import { Dispatcher } from "../../../src/app/delivery/dispatcher.ts";
import type { TickReport } from "../../../src/app/jobs/tick.ts";
import type { Database } from "../../../src/infra/db/database.ts";
import { PrismaUnitOfWork } from "../../../src/infra/db/prisma-unit-of-work.ts";
import { tick } from "../../../src/main.ts";
import { FixedClock } from "../../../src/infra/fixed-clock.ts";
import type { Delivery, DeliveryResult, Notifier } from "../../../src/ports/notifier.ts";
import type { Provider } from "../../../src/infra/db/database.ts";
import { testDatabase, type TestDatabase } from "../../support/databases.ts";
import { seedSmallBank, type SmallBank } from "../../support/small-bank.ts";

export interface Sent {
  readonly at: string;
  readonly to: string; // employee code
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly title: string; // English
  readonly dedupeKey: string;
  /** The card as sent (a digest's lines are its fields). */
  readonly card: Card;
}

export class RecordingNotifier implements Notifier {
  readonly platform = "log" as const;
  readonly sent: Sent[] = [];
  constructor(private readonly clock: FixedClock) {}
  async deliver({ notice, recipient }: Delivery): Promise<DeliveryResult> {
    this.sent.push({
      at: this.clock.now().toISOString(),
      to: recipient.code,
      kind: notice.kind,
      subjectType: notice.subjectType,
      subjectId: notice.subjectId,
      title: notice.card.title.en,
      dedupeKey: notice.dedupeKey,
      card: notice.card,
    });
    return { kind: "sent", messageRef: `rec:${notice.id}` };
  }
  async update(): Promise<DeliveryResult> {
    return { kind: "sent", messageRef: "rec:update" };
  }
}

export interface Ticking {
  readonly kernel: Kernel;
  readonly clock: FixedClock;
  readonly notifier: RecordingNotifier;
  tickAt(iso: string | Date): Promise<TickReport>;
  run<I>(useCase: UseCase<I>, raw: unknown, personId: string): Promise<Outcome>;
  /** Presses the button labelled `label` (English prefix) on the newest card `personId` holds about the subject. */
  press(
    personId: string,
    subject: { type: string; id: string },
    label: string,
    values?: Record<string, string>,
  ): Promise<Outcome>;
  card(personId: string, subject: { type: string; id: string }): Promise<Card | undefined>;
}

export function ticking(db: Database, startIso: string): Ticking {
  const clock = new FixedClock(startIso);
  const kernel = composeKernel(new PrismaUnitOfWork(db), clock, "zh-CN");
  const notifier = new RecordingNotifier(clock);
  const notifiers: Notifiers = {
    byPlatform: new Map([
      ["slack", notifier],
      ["teams", notifier],
      ["log", notifier],
    ]),
    fallback: notifier,
  };
  const dispatcher = new Dispatcher(notifiers);
  const world: Ticking = {
    kernel,
    clock,
    notifier,
    tickAt: (iso) => {
      const at = new Date(iso);
      clock.set(at);
      return tick(kernel, { dispatcher }, at);
    },
    run: (useCase, raw, personId) => execute(kernel, useCase, raw, { personId, platform: "slack" }),
    async card(personId, subject) {
      const rows = await db.prisma.notice.findMany({
        where: {
          recipientId: personId,
          subjectType: subject.type,
          subjectId: subject.id,
          OR: [{ visibleFrom: null }, { visibleFrom: { lte: clock.now() } }],
        },
        orderBy: [{ createdAt: "desc" }, { dedupeKey: "desc" }],
      });
      const row = rows[0];
      return row ? (JSON.parse(row.card) as Card) : undefined;
    },
    async press(personId, subject, label, values) {
      const card = await world.card(personId, subject);
      if (!card) throw new Error(`${personId} has no card about ${subject.type} ${subject.id}`);
      const action = card.actions.find((a) => a.label.en.startsWith(label));
      if (!action) throw new Error(`no "${label}" button: ${card.actions.map((a) => a.label.en).join(", ")}`);
      return pressAction(
        kernel,
        ACTIONS,
        { token: action.token, ...(values ? { values } : {}) },
        { personId, platform: "slack" },
      );
    },
  };
  return world;
}

export interface TickingBank {
  readonly db: TestDatabase;
  readonly bank: SmallBank;
  readonly w: Ticking;
}

/**
 * A fresh small bank in `timeZone` whose teller is well within their tenure (started 2 June 2025:
 * no rotation warnings in the way), with the real tick from `startIso`: the set-up the notice
 * ladder, the weekly digest, the due jobs and the time-zone starts share.
 */
export async function tickingBank(
  engine: Provider,
  startIso: string,
  timeZone = "Asia/Shanghai",
): Promise<TickingBank> {
  const db = await testDatabase(engine);
  const bank = await seedSmallBank(db, { timeZone });
  await db.prisma.assignment.updateMany({ where: { employeeId: bank.ids.holder }, data: { startDate: "2025-06-02" } });
  return { db, bank, w: ticking(db, startIso) };
}

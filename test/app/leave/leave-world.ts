// A small bank with the leave and handover areas wired: run use cases as people, press the buttons
// of the cards they were sent (as stored in the outbox, i.e. as the platform shows them), run the
// scheduler's sweeps at an instant.
import type { Database } from "../../../src/infra/db/database.ts";
import type { Card } from "../../../src/ports/card.ts";
import { execute } from "../../../src/app/kernel/execute.ts";
import { pressAction, type ActionRegistry } from "../../../src/app/kernel/press-action.ts";
import type { CardRegistry } from "../../../src/app/kernel/card-registry.ts";
import type { Outcome } from "../../../src/app/kernel/outcome.ts";
import type { Env, UseCase } from "../../../src/app/kernel/use-case.ts";
import { envOf } from "../../../src/app/kernel/execute.ts";
import type { LogPlatform } from "../../../src/ports/audit-log.ts";
import type { TxPorts } from "../../../src/ports/unit-of-work.ts";
import { noticesCatalog } from "../../../src/app/notices/notices.catalog.ts";
import { leaveCatalog } from "../../../src/app/leave/leave.catalog.ts";
import { handoverCatalog } from "../../../src/app/handover/handover.catalog.ts";
import { planLeave } from "../../../src/app/leave/plan-leave.ts";
import { startDueLeaves } from "../../../src/app/leave/leave-scheduler.ts";
import { leaveNoticeDelivered } from "../../../src/app/leave/record-compliance-notice.ts";
import { seedSmallBank, type CastName, type SmallBank } from "../../support/small-bank.ts";
import { testKernel } from "../../support/kernel.ts";
import { TELLER_LEAVE } from "../../support/teller-leave.ts";

export const CARDS: CardRegistry = { ...leaveCatalog.cards, ...handoverCatalog.cards };
export const ACTIONS: ActionRegistry = {
  ...noticesCatalog.actions,
  ...leaveCatalog.actions,
  ...handoverCatalog.actions,
};

export interface World {
  readonly db: Database;
  readonly bank: SmallBank;
  readonly kernel: ReturnType<typeof testKernel>;
  at(iso: string): void;
  run<I>(useCase: UseCase<I>, raw: unknown, as: CastName, platform?: LogPlatform): Promise<Outcome>;
  /** Presses the button labelled `label` (English, a prefix) on the latest card `as` was sent about the subject. */
  press(
    as: CardName,
    subject: { type: string; id: string },
    label: string,
    values?: Record<string, string>,
  ): Promise<Outcome>;
  card(as: CardName, subject: { type: string; id: string }): Promise<Card | undefined>;
  system<T>(work: (tx: TxPorts, env: Env) => Promise<T>): Promise<T>;
}

type CardName = CastName;

export async function makeWorld(db: Database, timeZone: string, at: string): Promise<World> {
  const bank = await seedSmallBank(db, { timeZone });
  const kernel = testKernel(db, at, CARDS);
  const world: World = {
    db,
    bank,
    kernel,
    at: (iso) => kernel.clock.set(iso),
    run: (useCase, raw, as, platform = "slack") => execute(kernel, useCase, raw, { personId: bank.ids[as], platform }),
    async card(as, subject) {
      const rows = await db.prisma.notice.findMany({
        where: { recipientId: bank.ids[as], subjectType: subject.type, subjectId: subject.id, platform: "slack" },
        orderBy: { createdAt: "desc" },
      });
      const row = rows[0];
      return row ? (JSON.parse(row.card) as Card) : undefined;
    },
    async press(as, subject, label, values) {
      const card = await world.card(as, subject);
      if (!card) throw new Error(`${as} has no card about ${subject.type} ${subject.id}`);
      const action = card.actions.find((a) => a.label.en.startsWith(label));
      if (!action)
        throw new Error(`${as}'s card has no "${label}" button: ${card.actions.map((a) => a.label.en).join(", ")}`);
      return pressAction(
        kernel,
        ACTIONS,
        { token: action.token, ...(values ? { values } : {}) },
        { personId: bank.ids[as], platform: "slack" },
      );
    },
    system: (work) => kernel.uow.run((tx) => work(tx, envOf(kernel))),
  };
  return world;
}

/** Who got which notice kind about a subject: "kind→castName" pairs, sorted. */
export async function noticesAbout(world: World, subjectType: string, subjectId: string): Promise<string[]> {
  const byId = new Map(Object.entries(world.bank.ids).map(([name, id]) => [id, name]));
  const rows = await world.db.prisma.notice.findMany({ where: { subjectType, subjectId } });
  return [...new Set(rows.map((r) => `${r.kind}→${byId.get(r.recipientId) ?? r.recipientId}`))].sort();
}

/** Monday 2 March 2026, 10:00 in Shanghai: a week before the leave every test plans. */
export const PLAN_AT = "2026-03-02T02:00:00Z";
/** Monday 9 March 2026, 00:00 in Shanghai. */
export const STARTS_AT = "2026-03-08T16:00:00.000Z";

/** The leave every test plans: the chat tests' teller leave (support/teller-leave.ts). */
export const PLAN = TELLER_LEAVE;

/** HR plans the standard leave (with `extra` on top); its id. */
export async function plannedLeave(w: World, extra: Record<string, unknown> = {}): Promise<string> {
  const outcome = await w.run(planLeave, { ...PLAN, ...extra }, "hr");
  if (!outcome.ok) throw new Error(`planning failed: ${outcome.code}`);
  const row = await w.db.prisma.leave.findFirstOrThrow({
    where: { holderId: w.bank.ids.holder },
    orderBy: { createdAt: "desc" },
  });
  return row.id;
}

/** Planned, compliance told, started by the scheduler at its start instant; the ids of the leave and its takeover. */
export async function startedLeave(
  w: World,
  extra: Record<string, unknown> = {},
): Promise<{ leaveId: string; handoverId: string }> {
  const leaveId = await plannedLeave(w, extra);
  await w.system((tx, env) => leaveNoticeDelivered(tx, env, leaveId));
  w.at(STARTS_AT);
  await w.system(startDueLeaves);
  const handover = await w.db.prisma.handover.findFirstOrThrow({ where: { leaveId, purpose: "leave_start" } });
  return { leaveId, handoverId: handover.id };
}

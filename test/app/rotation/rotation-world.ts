// The small bank with the rotation, client, major-event, handover and notice areas wired, plus a
// relationship manager's post with clients, a destination post at the branch, and an HR officer of
// another branch. Run use cases as people, press the buttons of the cards they were sent (as the
// outbox stores them), run the scheduler's sweep at an instant.
import { randomUUID } from "node:crypto";
import type { Database } from "../../../src/infra/db/database.ts";
import type { Card } from "../../../src/ports/card.ts";
import { envOf, execute } from "../../../src/app/kernel/execute.ts";
import { pressAction, type ActionRegistry } from "../../../src/app/kernel/press-action.ts";
import type { CardRegistry } from "../../../src/app/kernel/card-registry.ts";
import type { Outcome } from "../../../src/app/kernel/outcome.ts";
import type { Env, UseCase } from "../../../src/app/kernel/use-case.ts";
import type { LogPlatform } from "../../../src/ports/audit-log.ts";
import type { TxPorts } from "../../../src/ports/unit-of-work.ts";
import { noticesCatalog } from "../../../src/app/notices/notices.catalog.ts";
import { handoverCatalog } from "../../../src/app/handover/handover.catalog.ts";
import { rotationCatalog } from "../../../src/app/rotation/rotation.catalog.ts";
import { clientsCatalog } from "../../../src/app/clients/clients.catalog.ts";
import { majorEventCatalog } from "../../../src/app/major-event/major-event.catalog.ts";
import { scanRotationsDue, type ScanReport } from "../../../src/app/rotation/scan-rotations-due.ts";
import { seedSmallBank, type CastName, type SmallBank } from "../../support/small-bank.ts";
import { testKernel } from "../../support/kernel.ts";

export const CARDS: CardRegistry = { ...handoverCatalog.cards, ...rotationCatalog.cards, ...majorEventCatalog.cards };
export const ACTIONS: ActionRegistry = {
  ...noticesCatalog.actions,
  ...handoverCatalog.actions,
  ...rotationCatalog.actions,
  ...clientsCatalog.actions,
  ...majorEventCatalog.actions,
};

export type Name = CastName | "rm" | "hrOther";

export interface World {
  readonly db: Database;
  readonly bank: SmallBank;
  readonly ids: Record<Name, string>;
  readonly posts: { readonly teller: string; readonly rm: string; readonly credit: string };
  readonly kernel: ReturnType<typeof testKernel>;
  at(iso: string): void;
  run<I>(useCase: UseCase<I>, raw: unknown, as: Name, platform?: LogPlatform): Promise<Outcome>;
  /** Presses the button labelled `label` (English, a prefix) on the latest card `as` was sent about the subject. */
  press(
    as: Name,
    subject: { type: string; id: string },
    label: string,
    values?: Record<string, string>,
  ): Promise<Outcome>;
  card(as: Name, subject: { type: string; id: string }): Promise<Card | undefined>;
  system<T>(work: (tx: TxPorts, env: Env) => Promise<T>): Promise<T>;
  scan(): Promise<ScanReport>;
  /** Who got which notice kind about a subject: "kind→name" pairs, sorted (one per recipient and kind). */
  noticesAbout(subjectType: string, subjectId: string): Promise<string[]>;
  nameOf(id: string): string;
  /** Starts a mandatory leave for `who` (a Leave row written straight into the database). */
  onLeave(who: Name): Promise<void>;
}

export async function makeWorld(db: Database, at: string): Promise<World> {
  const bank = await seedSmallBank(db);
  const p = db.prisma;
  const person = async (code: string, name: string, nameEn: string, unitId: string) => {
    const id = randomUUID();
    await p.employee.create({ data: { id, code, name, nameEn, email: `${code.toLowerCase()}@bank.example`, unitId } });
    await p.chatIdentity.create({
      data: { id: randomUUID(), employeeId: id, platform: "slack", externalId: `U0${code}`, tenantId: "T0TEST" },
    });
    return id;
  };
  const rm = await person("E-RM", "钱客户经理", "Rita RM", bank.units.SB1.id);
  const hrOther = await person("E-H2", "冯人事", "Hank HR", bank.units.BR2.id);
  await p.roleGrant.create({ data: { id: randomUUID(), employeeId: hrOther, role: "hr", unitId: bank.units.BR2.id } });
  const post = async (code: string, name: string, nameEn: string, unitId: string) => {
    const id = randomUUID();
    await p.keyPost.create({ data: { id, code, name, nameEn, unitId, category: "operations" } });
    return id;
  };
  const rmPost = await post("P-RM-SB1", "客户经理", "Relationship manager", bank.units.SB1.id);
  const credit = await post("P-CREDIT-BR1", "信贷员", "Credit officer", bank.units.BR1.id);
  await p.assignment.create({
    data: { id: randomUUID(), employeeId: rm, postId: rmPost, kind: "holder", startDate: "2023-03-01" },
  });
  for (const [code, holder, since] of [
    ["C-001", rm, "2023-03-01"],
    ["C-002", rm, "2023-03-01"],
    ["C-003", bank.ids.substitute, "2024-01-01"],
  ] as const) {
    const clientId = randomUUID();
    await p.client.create({ data: { id: clientId, code, name: `Client ${code}`, unitId: bank.units.SB1.id } });
    await p.clientAssignment.create({
      data: { id: randomUUID(), clientId, employeeId: holder, startDate: since, reason: "import" },
    });
  }
  const ids: Record<Name, string> = { ...bank.ids, rm, hrOther };
  const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  const kernel = testKernel(db, at, CARDS);
  const world: World = {
    db,
    bank,
    ids,
    posts: { teller: bank.post.id, rm: rmPost, credit },
    kernel,
    at: (iso) => kernel.clock.set(iso),
    run: (useCase, raw, as, platform = "slack") => execute(kernel, useCase, raw, { personId: ids[as], platform }),
    async card(as, subject) {
      const rows = await p.notice.findMany({
        where: { recipientId: ids[as], subjectType: subject.type, subjectId: subject.id, platform: "slack" },
        orderBy: { createdAt: "desc" },
      });
      return rows[0] ? (JSON.parse(rows[0].card) as Card) : undefined;
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
        { personId: ids[as], platform: "slack" },
      );
    },
    system: (work) => kernel.uow.run((tx) => work(tx, envOf(kernel))),
    scan: () => kernel.uow.run((tx) => scanRotationsDue(tx, envOf(kernel))),
    async noticesAbout(subjectType, subjectId) {
      const rows = await p.notice.findMany({ where: { subjectType, subjectId } });
      return [...new Set(rows.map((r) => `${r.kind}→${names.get(r.recipientId) ?? r.recipientId}`))].sort();
    },
    nameOf: (id) => names.get(id) ?? id,
    async onLeave(who) {
      await p.leave.create({
        data: {
          id: randomUUID(),
          kind: "regular",
          holderId: ids[who],
          postId: bank.post.id,
          unitId: bank.units.SB1.id,
          startDate: "2025-01-01",
          endDate: "2027-12-31",
          status: "started",
          plannedById: ids.hr,
        },
      });
    },
  };
  return world;
}

// A press's actor, its claim by chat account and its subject's notices, asked for together in one unit
// of work as execute.ts and press-action.ts ask: on PostgreSQL one statement answers all three
// (decision 13.s12p-5), on SQLite each is read as before; on both engines the answers are the same —
// the account's person with their grants, the token spent only for its recipient's account, the
// notices of its subject oldest first, none for a subject without any, nothing for an unknown token;
// and the actor read alone (no claim beside it) answers as before.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaUnitOfWork } from "../../src/infra/db/prisma-unit-of-work.ts";
import { bi } from "../../src/ports/locale.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import { seedHeadOffice } from "../support/head-office.ts";

const TENANT = "tenant-1";
const chatOf = (n: string) => ({ platform: "teams" as const, externalId: `aad-${n}` });

describe.each(ENGINES)("a claim by chat account with its subject's notices on %s", (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(engine);
    const p = db.prisma;
    await seedHeadOffice(db);
    for (const n of ["E1", "E2"]) {
      await p.employee.create({ data: { id: n, code: n, name: `Person ${n}`, unitId: "U0", locale: "en" } });
      await p.chatIdentity.create({
        data: { id: `CI-${n}`, employeeId: n, platform: "teams", externalId: `aad-${n}`, tenantId: TENANT },
      });
    }
    await p.roleGrant.createMany({
      data: [
        { id: "G1", employeeId: "E1", role: "manager", unitId: "U0" },
        { id: "G2", employeeId: "E1", role: "auditor", unitId: "U0" },
      ],
    });
  });
  afterEach(async () => {
    await db.drop();
  });

  const uow = () => new PrismaUnitOfWork(db);
  const card = { title: bi("通知", "Notice"), fields: [], actions: [] };

  /** A token for E1 on subject (s, id), and `count` notices about that subject, oldest first. */
  async function tokenWithNotices(subjectId: string, count: number): Promise<{ token: string; noticeIds: string[] }> {
    const noticeIds: string[] = [];
    for (let i = 0; i < count; i++) {
      await uow().run(async (tx) => {
        await tx.outbox.enqueue(
          {
            dedupeKey: `d:${subjectId}:${i}`,
            recipientId: i === 0 ? "E1" : "E2",
            kind: "k",
            subjectType: "s",
            subjectId,
            card,
          },
          ["teams"],
        );
      });
      const [latest] = (await uow().read((tx) => tx.outbox.forSubject("s", subjectId))).slice(-1);
      noticeIds.push(latest!.id);
    }
    const token = await uow().run((tx) =>
      tx.tokens.issue({
        action: "notice.acknowledge",
        subjectType: "s",
        subjectId,
        subjectVersion: 1,
        recipientId: "E1",
        args: {},
      }),
    );
    return { token, noticeIds };
  }

  const pressed = (token: string, chat: { platform: "teams"; externalId: string }) =>
    uow().run(async (tx) => {
      const [actor, [claimed, notices]] = await Promise.all([
        tx.people.standingByChat(chat.platform, chat.externalId),
        Promise.all([
          tx.tokens.claimByChat(token, chat, new Date("2026-03-09T02:00:00Z")),
          tx.outbox.forSubjectOfToken(token),
        ]),
      ]);
      return { actor, claimed, notices, again: await tx.outbox.forSubject("s", claimed?.token.subjectId ?? "none") };
    });

  it("reads the account's actor with the claim, and the same alone", async () => {
    const { token } = await tokenWithNotices("e", 1);
    const done = await pressed(token, chatOf("E1"));
    const alone = await uow().run((tx) => tx.people.standingByChat("teams", "aad-E1"));
    for (const found of [done.actor, alone]) {
      expect(found).toMatchObject({ person: { id: "E1", code: "E1" }, away: false, identity: { tenantId: TENANT } });
      expect(found!.person.grants.map((g) => g.role)).toEqual(["manager", "auditor"]);
    }
    expect((await pressed(token, chatOf("E2"))).actor).toMatchObject({ person: { id: "E2", grants: [] } });
    expect((await pressed(token, { platform: "teams", externalId: "aad-nobody" })).actor).toBeUndefined();
  });

  it("spends the token for its recipient's account and brings the subject's notices, oldest first", async () => {
    const { token, noticeIds } = await tokenWithNotices("a", 3);
    const done = await pressed(token, chatOf("E1"));
    expect(done.claimed).toMatchObject({ spent: true, token: { id: token, subjectId: "a", recipientId: "E1" } });
    expect(done.notices.map((n) => n.id)).toEqual(noticeIds);
    expect(done.notices[0]).toMatchObject({ recipientId: "E1", subjectType: "s", subjectId: "a", platform: "teams" });
    expect(done.notices[0]!.createdAt).toBeInstanceOf(Date);
    expect(done.again.map((n) => n.id)).toEqual(noticeIds);
    // Once: the second press finds it spent, and still its notices.
    const twice = await pressed(token, chatOf("E1"));
    expect(twice.claimed).toMatchObject({ spent: false });
    expect(twice.notices.map((n) => n.id)).toEqual(noticeIds);
  });

  it("does not spend it for another account, and answers a subject without notices and an unknown token", async () => {
    const { token, noticeIds } = await tokenWithNotices("b", 1);
    const other = await pressed(token, chatOf("E2"));
    expect(other.claimed).toMatchObject({ spent: false, token: { id: token } });
    expect(other.notices.map((n) => n.id)).toEqual(noticeIds);
    const bare = await tokenWithNotices("c", 0);
    const none = await pressed(bare.token, chatOf("E1"));
    expect(none.claimed).toMatchObject({ spent: true });
    expect(none.notices).toEqual([]);
    const unknown = await pressed("no-such-token", chatOf("E1"));
    expect(unknown.claimed).toBeUndefined();
    expect(unknown.notices).toEqual([]);
  });
});

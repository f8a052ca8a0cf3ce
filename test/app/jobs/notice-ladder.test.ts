// The reminder and escalation ladder through the real tick: compliance does not acknowledge a
// sealed leave's notice → reminders at 24 and 48 working-day hours (lines of the officer's own daily
// digest, decision 15.21), escalation at 72 to those who
// may see the sealed leave only; the holder on leave who does not acknowledge is reminded but never
// escalated; a handover already confirmed is not reminded of; every rung happens once under
// repeated and concurrent ticks.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planLeave } from "../../../src/app/leave/plan-leave.ts";
import type { Card } from "../../../src/ports/card.ts";
import { ENGINES, type TestDatabase } from "../../support/databases.ts";
import type { SmallBank } from "../../support/small-bank.ts";
import { tickingBank, type Ticking } from "./scheduler-world.ts";
import { TELLER_LEAVE } from "../../support/teller-leave.ts";

/** Tuesday 3 March 2026, 00:00 UTC (08:00 in Shanghai). */
const PLANNED_TUE = "2026-03-03T00:00:00Z";

describe.each(ENGINES)("notice ladder on %s", (engine) => {
  let db: TestDatabase;
  let bank: SmallBank;
  let w: Ticking;
  beforeEach(async () => {
    ({ db, bank, w } = await tickingBank(engine, "2026-03-02T02:00:00Z"));
  });
  afterEach(async () => db.drop());

  const codeOf = (id: string) => Object.entries(bank.ids).find(([, v]) => v === id)?.[0];
  const sentTo = (code: string, since = "") => w.notifier.sent.filter((s) => s.to === code && s.at >= since);
  const aboutLeave = (code: string) => sentTo(code).filter((s) => s.subjectType === "leave");
  /** A person's daily digests as sent: when, title, and each line (English). */
  const digestsTo = (code: string, since = "") =>
    sentTo(code, since)
      .filter((s) => s.kind === "digest.daily")
      .map((s) => ({ at: s.at, title: s.title, lines: s.card.fields.map((f) => `${f.label.en}: ${f.value.en}`) }));
  /** The reminders among a person's digest lines: `<local date> <kind> reminder <n>`. */
  const remindersTo = (code: string, since = "") =>
    sentTo(code, since)
      .filter((s) => s.kind === "digest.daily")
      .flatMap((s) =>
        s.card.fields
          .filter((f) => f.label.en === "Waiting for you")
          .map(
            (f) => `${s.title.slice(-11, -1)} ${/reminder (\d+)/u.exec(f.value.en)?.[0]} ${f.value.en.split('"')[1]}`,
          ),
      );

  it("reminds at 24 and 48 working-day hours and escalates at 72, once each, to insiders only while the leave is sealed", async () => {
    // Monday 2 March 10:00 in Shanghai: HR plans the leave of Monday 9 March (sealed).
    expect(await w.run(planLeave, TELLER_LEAVE, bank.ids.hr)).toMatchObject({ ok: true });
    await w.tickAt("2026-03-02T02:00:00Z");
    const leave = await db.prisma.leave.findFirstOrThrow();
    const L = { type: "leave", id: leave.id };
    expect(aboutLeave("E-CO").map((s) => s.kind)).toEqual(["leave_planned"]);
    // The head of compliance acknowledges at 11:00; the officer never does.
    w.clock.set("2026-03-02T03:00:00Z");
    expect(await w.press(bank.ids.complianceHead, L, "Acknowledge")).toMatchObject({ ok: true });

    // Tuesday 09:59 local: 24 working-day hours are not over; 10:00 they are. Repeated and concurrent ticks.
    await w.tickAt("2026-03-03T01:59:00Z");
    expect(aboutLeave("E-CO")).toHaveLength(1);
    await Promise.all([w.tickAt("2026-03-03T02:00:00Z"), w.tickAt("2026-03-03T02:00:30Z")]);
    await w.tickAt("2026-03-03T02:01:00Z");
    await w.tickAt("2026-03-03T05:00:00Z");
    // Not a message of its own (decision 15.21): a line of the officer's digest of the day, which has
    // not gone out yet, so it goes out at once. Two ticks of one minute share its slots: the line is
    // written by one and goes out with that minute's or the next one's dispatch.
    expect(aboutLeave("E-CO")).toHaveLength(1);
    const first = digestsTo("E-CO");
    expect(first.map((d) => d.title)).toEqual(["Daily reminders (2026-03-03)"]);
    expect(first[0]!.at >= "2026-03-03T02:00:00.000Z" && first[0]!.at <= "2026-03-03T02:01:00.000Z").toBe(true);
    expect(first[0]!.lines).toEqual([
      expect.stringMatching(
        /^Waiting for you: ".*": your acknowledgement is awaited since 2026-03-02 10:00 \(reminder 1\)\. Its buttons are on the message of 2026-03-02 10:00\.$/u,
      ),
    ]);
    expect(digestsTo("E-CH")).toHaveLength(0); // acknowledged: never reminded

    // Wednesday 10:00: the second reminder; Thursday 10:00: escalation.
    await w.tickAt("2026-03-04T02:00:00Z");
    await w.tickAt("2026-03-04T02:05:00Z");
    expect(remindersTo("E-CO").map((r) => r.split(" ").slice(0, 3).join(" "))).toEqual([
      "2026-03-03 reminder 1",
      "2026-03-04 reminder 2",
    ]);
    expect(aboutLeave("E-CO")).toHaveLength(1);
    await w.tickAt("2026-03-05T01:59:00Z");
    expect(await db.prisma.digestLine.count({ where: { lateId: { not: bank.ids.compliance } } })).toBe(0);
    await Promise.all([w.tickAt("2026-03-05T02:00:00Z"), w.tickAt("2026-03-05T02:01:00Z")]);
    await w.tickAt("2026-03-05T02:02:00Z");
    // Not a message of its own: a line of the recipient's digest for their next working morning
    // (Friday 09:00 in Shanghai). The executive over head office would be E-CO's escalation target,
    // but may not see the sealed leave yet.
    const digests = await db.prisma.notice.findMany({
      where: { kind: "digest.daily", recipientId: { not: bank.ids.compliance } },
    });
    expect(digests.map((n) => [codeOf(n.recipientId), n.visibleFrom?.toISOString()])).toEqual([
      ["complianceHead", "2026-03-06T01:00:00.000Z"],
    ]);
    const digest = JSON.parse(digests[0]!.card) as Card;
    expect(digest.fields.map((f) => f.label.en)).toEqual([expect.stringContaining("E-CO")]);
    expect(digest.fields[0]!.value.en).toContain("after 2 reminder(s)");
    expect(sentTo("E-CH").filter((s) => s.kind === "digest.daily")).toEqual([]);
    const rows = await db.prisma.notice.findMany({
      where: { recipientId: bank.ids.compliance, kind: "leave_planned", dedupeKey: { not: { contains: "#" } } },
    });
    expect(rows.map((r) => r.remindersSent)).toEqual([2]);
    expect(["2026-03-05T02:00:00.000Z", "2026-03-05T02:01:00.000Z"]).toContain(rows[0]!.escalatedAt?.toISOString());
    const log = await db.prisma.auditLogEntry.findMany({
      where: { action: { in: ["notice.reminded", "notice.escalated"] } },
      orderBy: { seq: "asc" },
    });
    expect(log.map((e) => e.action)).toEqual(["notice.reminded", "notice.reminded", "notice.escalated"]);
    expect(log.every((e) => e.sealedUntil?.toISOString() === "2026-03-08T16:00:00.000Z")).toBe(true);
    // Friday 09:00 local: the digest goes out, once.
    await w.tickAt("2026-03-06T00:59:00Z");
    expect(sentTo("E-CH").filter((s) => s.kind === "digest.daily")).toEqual([]);
    await w.tickAt("2026-03-06T01:00:00Z");
    await w.tickAt("2026-03-06T01:01:00Z");
    expect(
      sentTo("E-CH")
        .filter((s) => s.kind === "digest.daily")
        .map((s) => s.at),
    ).toEqual(["2026-03-06T01:00:00.000Z"]);
    // Nobody outside HR and compliance heard anything before the start.
    for (const code of ["E-TL", "E-SU", "E-MG"]) expect(sentTo(code)).toEqual([]);
    // The executive's only message is the weekly digest (decision 15.22): the service's first tick of
    // the week came after 09:00 on Monday, so it went out at once; it says nothing of the sealed leave.
    expect(sentTo("E-VP").map((s) => [s.kind, s.at])).toEqual([["digest.weekly", "2026-03-02T02:00:00.000Z"]]);
    expect(JSON.stringify(sentTo("E-VP")[0]!.card)).not.toMatch(/E-TL|Tom Teller|张柜员/u);
    // And the officer was sent one digest a day at most.
    const days = digestsTo("E-CO").map((d) => d.title);
    expect(new Set(days).size).toBe(days.length);
  });

  it("looks past a full page of older notices that await nobody", async () => {
    expect(await w.run(planLeave, TELLER_LEAVE, bank.ids.hr)).toMatchObject({ ok: true });
    await w.tickAt("2026-03-02T02:00:00Z");
    // Delivered an hour before the officer's notice: more than a page (500) of notices whose buttons
    // await nobody (as acknowledged or settled ones do), each with a card that offers a button.
    const model = await db.prisma.notice.findFirstOrThrow({ where: { recipientId: bank.ids.compliance } });
    const card = JSON.parse(model.card) as Card;
    await db.prisma.notice.createMany({
      data: Array.from({ length: 600 }, (_, i) => ({
        id: randomUUID(),
        dedupeKey: `filler:${i}@slack`,
        recipientId: bank.ids.executive,
        platform: "slack",
        kind: "leave_planned",
        subjectType: "leave",
        subjectId: randomUUID(),
        card: JSON.stringify({ ...card, actions: card.actions.map((a) => ({ ...a, token: randomUUID() })) }),
        status: "sent",
        sentAt: new Date("2026-03-02T01:00:00Z"),
      })),
    });
    await w.tickAt("2026-03-03T02:00:00Z"); // Tuesday 10:00 local: the officer's first reminder is due
    await w.tickAt("2026-03-03T02:01:00Z");
    expect(remindersTo("E-CO")).toEqual([expect.stringMatching(/^2026-03-03 reminder 1 /u)]);
  });

  it("drops a digest line whose subject no longer awaits the late person before the digest is sent", async () => {
    const policyId = randomUUID();
    await db.prisma.policy.create({
      data: {
        id: policyId,
        code: "TELLER-FAST",
        name: "Fast ladder",
        category: null,
        maxTenureMonths: 36,
        leaveEveryMonths: 12,
        leaveMinWorkingDays: 5,
        complianceLeadWorkingDays: 2,
        reminderHours: "2",
        escalateAfterHours: 4,
      },
    });
    await db.prisma.keyPost.update({ where: { id: bank.post.id }, data: { policyId } });
    const input = TELLER_LEAVE;
    expect(await w.run(planLeave, input, bank.ids.hr)).toMatchObject({ ok: true });
    await w.tickAt("2026-03-02T02:00:00Z"); // Monday 10:00 local: delivered to both compliance officers
    // Neither acknowledges: at 14:00 each is reminded (a line of their own digest of the day, sent at
    // once) and escalated to the other (a line of Tuesday's digest).
    await w.tickAt("2026-03-02T06:00:00Z");
    const lines = await db.prisma.digestLine.findMany({ orderBy: { digestKey: "asc" } });
    expect(lines.map((l) => [codeOf(l.recipientId), codeOf(l.lateId), l.sendAt.toISOString()]).sort()).toEqual([
      ["compliance", "compliance", "2026-03-02T01:00:00.000Z"],
      ["compliance", "complianceHead", "2026-03-03T01:00:00.000Z"],
      ["complianceHead", "compliance", "2026-03-03T01:00:00.000Z"],
      ["complianceHead", "complianceHead", "2026-03-02T01:00:00.000Z"],
    ]);
    expect(
      sentTo("E-CH")
        .filter((s) => s.kind === "leave_planned" || s.kind === "digest.daily")
        .map((s) => [s.kind, s.at]),
    ).toEqual([
      ["leave_planned", "2026-03-02T02:00:00.000Z"],
      ["digest.daily", "2026-03-02T06:00:00.000Z"],
    ]);
    // The officer acknowledges at 15:00: the head of compliance's digest loses its only line.
    const leave = await db.prisma.leave.findFirstOrThrow();
    w.clock.set("2026-03-02T07:00:00Z");
    expect(await w.press(bank.ids.compliance, { type: "leave", id: leave.id }, "Acknowledge")).toMatchObject({
      ok: true,
    });
    await w.tickAt("2026-03-02T07:01:00Z");
    await w.tickAt("2026-03-03T01:00:00Z"); // Tuesday 09:00
    await w.tickAt("2026-03-03T01:01:00Z");
    expect(sentTo("E-CH", "2026-03-03T00:00:00Z").filter((s) => s.kind === "digest.daily")).toEqual([]);
    const officer = sentTo("E-CO", "2026-03-03T00:00:00Z").filter((s) => s.kind === "digest.daily");
    expect(officer.map((s) => s.at)).toEqual(["2026-03-03T01:00:00.000Z"]);
    const held = await db.prisma.notice.findMany({
      where: { kind: "digest.daily", recipientId: bank.ids.complianceHead, visibleFrom: { gt: new Date(PLANNED_TUE) } },
    });
    expect(held.map((n) => n.status)).toEqual(["superseded"]);
  });

  it("reminds the holder on leave but withholds the escalation, and does not remind of a handover already confirmed", async () => {
    expect(await w.run(planLeave, TELLER_LEAVE, bank.ids.hr)).toMatchObject({ ok: true });
    await w.tickAt("2026-03-02T02:00:00Z");
    const leave = await db.prisma.leave.findFirstOrThrow();
    for (const id of [bank.ids.compliance, bank.ids.complianceHead]) {
      w.clock.set("2026-03-02T03:00:00Z");
      await w.press(id, { type: "leave", id: leave.id }, "Acknowledge");
    }
    // The leave starts at 00:00 on Monday 9 March in Shanghai (16:00Z on Sunday).
    await w.tickAt("2026-03-08T15:59:00Z");
    expect(sentTo("E-TL")).toEqual([]);
    await w.tickAt("2026-03-08T16:00:00Z");
    expect(
      sentTo("E-TL")
        .map((s) => s.kind)
        .sort(),
    ).toEqual(["handover_opened", "leave_started"]);
    // The substitute and the witness confirm the takeover at 10:00; the holder does nothing at all.
    const handover = await db.prisma.handover.findFirstOrThrow({ where: { leaveId: leave.id } });
    w.clock.set("2026-03-09T02:00:00Z");
    expect(await w.press(bank.ids.substitute, { type: "handover", id: handover.id }, "Confirm all")).toMatchObject({
      ok: true,
    });
    expect(await w.press(bank.ids.manager, { type: "handover", id: handover.id }, "Confirm all")).toMatchObject({
      ok: true,
    });

    // Tuesday 00:00 is 24 working-day hours, held to 09:00 local: the holder is reminded of both, in
    // one digest (their own matters: kept while they are on leave).
    await w.tickAt("2026-03-09T16:00:00Z");
    expect(sentTo("E-TL", "2026-03-09T03:00:00Z")).toEqual([]);
    await w.tickAt("2026-03-10T01:00:00Z");
    expect(sentTo("E-TL", "2026-03-10T00:00:00Z").map((s) => s.kind)).toEqual(["digest.daily"]);
    expect(remindersTo("E-TL", "2026-03-10T00:00:00Z")).toHaveLength(2);
    // The substitute confirmed: no reminder about the handover (only their own notice to acknowledge, if any).
    expect(sentTo("E-SU", "2026-03-10T00:00:00Z").filter((s) => s.subjectType === "handover")).toEqual([]);
    expect(sentTo("E-MG", "2026-03-10T00:00:00Z").filter((s) => s.subjectType === "handover")).toEqual([]);

    // Thursday 09:00: escalation time, but the holder is on leave: withheld, logged, nobody told about them.
    await w.tickAt("2026-03-12T01:00:00Z");
    await w.tickAt("2026-03-12T01:01:00Z");
    const withheld = await db.prisma.auditLogEntry.findMany({ where: { action: "notice.escalation_withheld" } });
    expect(withheld.map((e) => [e.subjectType, JSON.parse(e.data).recipient]).sort()).toEqual([
      ["handover", "E-TL"],
      ["leave", "E-TL"],
    ]);
    const escalated = await db.prisma.auditLogEntry.findMany({ where: { action: "notice.escalated" } });
    expect(escalated.map((e) => JSON.parse(e.data).recipient)).not.toContain("E-TL");
    expect(
      await db.prisma.digestLine.findMany({
        where: { lateId: bank.ids.holder, recipientId: { not: bank.ids.holder } },
      }),
    ).toEqual([]);
    expect(
      (
        await db.prisma.notice.findMany({ where: { kind: "digest.daily", recipientId: { not: bank.ids.holder } } })
      ).every((n) => !n.card.includes("E-TL")),
    ).toBe(true);
    // Later ticks change nothing more for the holder.
    const count = await db.prisma.notice.count({ where: { recipientId: bank.ids.holder } });
    await w.tickAt("2026-03-12T06:00:00Z");
    expect(await db.prisma.notice.count({ where: { recipientId: bank.ids.holder } })).toBe(count);
  });

  it("follows a per-post override and holds a rung that falls after office hours to the next working day's 09:00", async () => {
    const policyId = randomUUID();
    await db.prisma.policy.create({
      data: {
        id: policyId,
        code: "TELLER-FAST",
        name: "Fast ladder",
        category: null,
        maxTenureMonths: 36,
        leaveEveryMonths: 12,
        leaveMinWorkingDays: 5,
        complianceLeadWorkingDays: 2,
        reminderHours: "4",
        escalateAfterHours: 8,
      },
    });
    await db.prisma.keyPost.update({ where: { id: bank.post.id }, data: { policyId } });
    expect(await w.run(planLeave, TELLER_LEAVE, bank.ids.hr)).toMatchObject({ ok: true });
    await w.tickAt("2026-03-02T02:00:00Z"); // Monday 10:00 local: delivered
    const leave = await db.prisma.leave.findFirstOrThrow();
    w.clock.set("2026-03-02T02:30:00Z");
    await w.press(bank.ids.complianceHead, { type: "leave", id: leave.id }, "Acknowledge");
    await w.tickAt("2026-03-02T05:59:00Z");
    expect(digestsTo("E-CO")).toEqual([]);
    await w.tickAt("2026-03-02T06:00:00Z"); // 14:00: four hours
    expect(digestsTo("E-CO").map((d) => [d.at, d.lines.length])).toEqual([["2026-03-02T06:00:00.000Z", 1]]);
    // Eight hours fall at 18:00, after office hours: the escalation waits for Tuesday 09:00.
    await w.tickAt("2026-03-02T10:00:00Z");
    await w.tickAt("2026-03-03T00:59:00Z");
    expect(await db.prisma.auditLogEntry.count({ where: { action: "notice.escalated" } })).toBe(0);
    await w.tickAt("2026-03-03T01:00:00Z");
    expect(await db.prisma.auditLogEntry.count({ where: { action: "notice.escalated" } })).toBe(1);
  });
});

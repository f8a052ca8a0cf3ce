// The service log over a whole leave-and-audit cycle, at debug (every level): presses through the
// terminal (each logged by the service's press probe), ticks and deliveries through the service's
// notifiers with no chat platform configured (the case that once wrote every notice, names and
// dates included, to the log). The log must be JSON lines carrying ids and codes only: no person's
// name (in either language) or employee code, no post code, none of the leave's dates — at any
// level, before the leave starts or after.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../support/databases.ts";
import { CAST, seedSmallBank, type CastName, type SmallBank } from "../support/small-bank.ts";
import { testKernel } from "../support/kernel.ts";
import { actions, cards, useCases } from "../../src/app/catalog.ts";
import { buildNotifiers, pressProbe, tick } from "../../src/main.ts";
import { Dispatcher } from "../../src/app/delivery/dispatcher.ts";
import { createLogger } from "../../src/infra/logger.ts";
import { loadConfig } from "../../src/infra/config.ts";
import { chat, numberOf } from "../adapters/console/console-session.ts";

const STARTS_AT = "2026-03-08T16:00:00.000Z";
const RETURNS_AT = "2026-03-13T16:00:00.000Z";

describe("the service log over a leave-and-audit cycle", () => {
  let db: TestDatabase;
  let bank: SmallBank;
  beforeEach(async () => {
    db = await testDatabase("sqlite");
    bank = await seedSmallBank(db);
  });
  afterEach(async () => db.drop());

  it(
    "holds no name, code or date, and nothing of the sealed leave before its start",
    { timeout: 300_000 },
    async () => {
      const lines: string[] = [];
      const log = createLogger("debug", (line) => lines.push(line));
      const base = testKernel(db, "2026-03-02T02:00:00Z", cards);
      const kernel = { ...base, probe: pressProbe(log) };
      const notifiers = buildNotifiers(log, loadConfig({ DATABASE_URL: db.url }));
      const dispatcher = new Dispatcher(notifiers);
      const runTick = (at: string) => tick(kernel, { dispatcher }, new Date(at));
      const session = (as: CastName, typed: readonly string[]) =>
        chat(kernel, actions, bank.ids[as], typed, { useCases, lang: "en" });
      const done = async (as: CastName, label: string, answers: readonly string[] = []) => {
        const before = await session(as, ["q"]);
        const after = await session(as, [numberOf(before, label), ...answers, "q"]);
        expect(after.slice(after.indexOf("keypost> ")), `${as} pressing ${label}`).toMatch(/\n✓ /);
      };

      await session("hr", [
        "do leave.plan post=P-TELLER-SB1 startDate=2026-03-09 endDate=2026-03-13 kind=regular trigger=periodic substitute=E-SU",
        "q",
      ]);
      await runTick("2026-03-02T02:01:00Z");
      await done("compliance", "Acknowledge");
      await done("compliance", "Form team", ["E-A1", "E-A2", "E-A3"]);
      await done("leader", "Draft plan", ["Count the cash."]);
      await done("complianceHead", "Approve");
      base.clock.set("2026-03-08T15:59:00Z");
      await runTick("2026-03-08T15:59:00Z");
      const beforeStart = lines.length;

      base.clock.set(STARTS_AT);
      await runTick(STARTS_AT);
      base.clock.set("2026-03-09T01:00:00Z");
      await done("holder", "Acknowledge");
      for (const who of ["holder", "substitute", "manager"] as const) await done(who, "Confirm all");
      await done("leader", "Issue audit notice");
      await done("member", "#1 Pass", ["", ""]);
      await done("member", "#2 Pass", ["", ""]);
      await done("member", "#3 Pass", ["", ""]);
      await done("leader", "Draft report", ["Nothing found."]);
      base.clock.set(RETURNS_AT);
      await runTick(RETURNS_AT);

      // The cycle did log: presses, and notices held back for want of a platform, each with its ids.
      const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const presses = parsed.filter((l) => l.msg === "press");
      const notices = parsed.filter((l) => l.msg === "notice not sent: its platform is not configured");
      expect(presses.length).toBeGreaterThan(10);
      expect(presses.every((p) => p.platform === "console" && typeof p.outcome === "string")).toBe(true);
      expect(notices.length).toBeGreaterThan(5);
      expect(notices.every((n) => typeof n.noticeId === "string" && typeof n.kind === "string")).toBe(true);
      expect(parsed.slice(0, beforeStart).some((l) => String(l.kind ?? "").startsWith("leave"))).toBe(true);

      // Nothing that names anyone or dates the leave, at any level, before the start or after.
      const forbidden = [
        ...Object.values(CAST).flatMap((c) => [c.name, c.nameEn, c.code]),
        "P-TELLER-SB1",
        "柜员",
        "Teller",
        "2026-03-09",
        "2026-03-13",
        "Count the cash",
        "Mandatory leave",
        "强制休假",
      ];
      for (const [i, line] of lines.entries()) {
        // The line's own timestamp is wall-clock time, not a date of the leave.
        const body = line.replace(/"time":"[^"]*"/, "");
        for (const word of forbidden)
          expect(body, `log line ${i} (${i < beforeStart ? "before" : "after"} the start)`).not.toContain(word);
      }
      // Before the start, not even the holder's or the substitute's internal ids appear.
      const early = lines.slice(0, beforeStart).join("\n");
      expect(early).not.toContain(bank.ids.holder);
      expect(early).not.toContain(bank.ids.substitute);
    },
  );
});

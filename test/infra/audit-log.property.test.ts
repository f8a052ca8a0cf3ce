// Property: for any log and any single tamper, verifyLog says "broken" and names the tampered
// entry (or, where the tamper is only visible from the next link, the next one).
import { createHash } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES, testDatabase, type TestDatabase } from "../support/databases.ts";
import type { LogEntryInput, LogPlatform } from "../../src/ports/audit-log.ts";
import { LOG_HEAD_KEY, appendLogEntry, canonicalJson, entryHash } from "../../src/infra/db/audit-log-writer.ts";
import { verifyLog } from "../../src/infra/db/audit-log-verifier.ts";

const PLATFORMS: LogPlatform[] = ["slack", "teams", "console", "cli", "scheduler", "system"];
const dateArb = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date("2099-12-31T23:59:59Z"),
  noInvalidDate: true,
});
const textArb = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 10 }).filter((s) => !s.includes("\u0000")),
  fc.constantFrom("强制休假", "离岗审计", "leave.started", "柜员-001"),
);
const entryArb: fc.Arbitrary<LogEntryInput> = fc.record({
  at: dateArb,
  actorId: fc.option(textArb, { nil: null }),
  platform: fc.constantFrom(...PLATFORMS),
  action: textArb,
  subjectType: textArb,
  subjectId: textArb,
  sealedUntil: fc.option(dateArb, { nil: null }),
  data: fc.dictionary(fc.string({ unit: "binary", maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
});

const EDITS = ["data", "action", "actorId", "at", "sealedUntil", "platform", "hash", "prevHash"] as const;
const OTHERS = ["rehash", "delete", "deleteTail", "swap", "forgeTail", "dropHead"] as const;
type Kind = (typeof EDITS)[number] | (typeof OTHERS)[number];

const KINDS: Kind[] = [...EDITS, ...OTHERS];
const caseArb = fc.record({
  entries: fc.array(entryArb, { minLength: 1, maxLength: 8 }),
  at: fc.nat(),
  other: fc.nat(),
  batchSize: fc.integer({ min: 1, max: 4 }),
});

describe.each(ENGINES)("audit log tampering on %s (property)", (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase(engine);
  });
  afterAll(async () => {
    await db.drop();
  });

  const log = () => db.prisma.auditLogEntry;
  const row = (seq: number) => log().findUniqueOrThrow({ where: { seq } });

  /** Applies one tamper to entry #s of n; returns the seqs verifyLog may rightly name. */
  async function tamper(kind: Kind, s: number, n: number, other: number): Promise<number[]> {
    const r = await row(s);
    const edit = (data: Parameters<ReturnType<typeof log>["update"]>[0]["data"]) =>
      log().update({ where: { seq: s }, data });
    switch (kind) {
      case "data":
        await edit({ data: canonicalJson([JSON.parse(r.data)]) });
        return [s];
      case "action":
        await edit({ action: `${r.action}!` });
        return [s];
      case "actorId":
        await edit({ actorId: r.actorId === null ? "intruder" : null });
        return [s];
      case "at":
        await edit({ at: new Date(r.at.getTime() + 1) });
        return [s];
      case "sealedUntil":
        await edit({ sealedUntil: r.sealedUntil === null ? new Date("2030-01-01T00:00:00Z") : null });
        return [s];
      case "platform":
        await edit({ platform: r.platform === "cli" ? "system" : "cli" });
        return [s];
      case "hash":
        await edit({ hash: createHash("sha256").update(`forged ${s}`).digest("hex") });
        return [s];
      case "prevHash":
        await edit({ prevHash: "f".repeat(64) });
        return [s];
      case "rehash": {
        // A careful forger: the row is self-consistent again; only the next link (or the head) betrays it.
        const forged = { ...r, action: `${r.action}!` };
        await edit({ action: forged.action, hash: entryHash(r.prevHash, forged) });
        return [s, s + 1];
      }
      case "delete":
        await log().delete({ where: { seq: s } });
        return [s];
      case "deleteTail":
        await log().deleteMany({ where: { seq: { gte: s } } });
        return [s];
      case "swap": {
        if (n < 2) return tamper("data", s, n, other);
        const t = ((s - 1 + 1 + (other % (n - 1))) % n) + 1; // any seq but s
        const [a, b] = await log().findMany({ where: { seq: { in: [s, t] } }, orderBy: { seq: "asc" } });
        const { seq: lo, ...ca } = a!;
        const { seq: hi, ...cb } = b!;
        await db.prisma.$transaction([
          log().update({ where: { seq: lo }, data: { ...cb, hash: "moving" } }),
          log().update({ where: { seq: hi }, data: ca }),
          log().update({ where: { seq: lo }, data: { hash: cb.hash } }),
        ]);
        return [lo];
      }
      case "forgeTail": {
        // A well-formed entry #n+1 chained onto #n, written without moving the head.
        const last = await row(n);
        const fields = { ...last, seq: n + 1, action: "forged" };
        await log().create({ data: { ...fields, prevHash: last.hash, hash: entryHash(last.hash, fields) } });
        return [n + 1];
      }
      case "dropHead":
        await db.prisma.setting.delete({ where: { key: LOG_HEAD_KEY } });
        return [n];
    }
  }

  // One property per kind of tamper, so that every kind is exercised on every run.
  it.each(KINDS)(
    "detects a tampered %s and names the tampered entry or the next",
    async (kind) => {
      await fc.assert(
        fc.asyncProperty(caseArb, async ({ entries, at, other, batchSize }) => {
          await log().deleteMany();
          await db.prisma.setting.deleteMany({ where: { key: LOG_HEAD_KEY } });
          for (const e of entries) await db.prisma.$transaction((tx) => appendLogEntry(tx, db.provider, e));
          const n = entries.length;
          expect(await verifyLog(db, { batchSize })).toEqual({ ok: true, entries: n, checkpoints: 0 });

          const s = (at % n) + 1;
          const allowed = await tamper(kind, s, n, other);
          const result = await verifyLog(db, { batchSize });
          expect(result.ok, `${kind} at #${s} of ${n} went unnoticed`).toBe(false);
          if (result.ok) return;
          expect(allowed, `${kind} at #${s} of ${n}: ${result.firstBad.reason}`).toContain(result.firstBad.seq);
          expect(result.firstBad.reason).toContain(`#${result.firstBad.seq}`);
          expect(result.entries).toBe(result.firstBad.seq - 1);
        }),
        { numRuns: 8 },
      );
    },
    60_000,
  );
});

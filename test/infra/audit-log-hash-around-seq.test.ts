// Property: the hash a PostgreSQL append is checked against — the body sent, cut around `seq` and
// joined around the number the database gave (hashAroundSeq) — is the documented hash of the entry
// built in full (entryHash), for any entry of either format and any number (decision 13.s12p-2).
// If the cut ever missed (a member sorted after seq that could hold `,"seq":0,`, a number written
// another way), the append's check would compare the database's hash with a different body.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/infra/audit-log/canonical-json.ts";
import { sealPersonal } from "../../src/infra/audit-log/entry-format.ts";
import { bodyAroundSeq, entryHash, hashAroundSeq, type ChainedFields } from "../../src/infra/db/audit-log-writer.ts";

const dateArb = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date("2099-12-31T23:59:59Z"),
  noInvalidDate: true,
});
// Text that looks like the member the cut is looking for, beside ordinary and CJK text.
const textArb = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((s) => !s.includes("\u0000")),
  fc.constantFrom(',"seq":0,', '"seq":0', "seq", "强制休假", "离岗审计 🏦", "e\u0301"),
);
const dataArb = fc.dictionary(
  fc.oneof(fc.string({ unit: "binary", maxLength: 6 }), fc.constantFrom("seq", "subjectId", "code")),
  fc.oneof(fc.jsonValue({ maxDepth: 2 }), textArb),
  { minKeys: 1, maxKeys: 4 },
);
const fieldsArb = fc
  .record({
    at: dateArb,
    actorId: fc.option(textArb, { nil: null }),
    platform: fc.constantFrom("slack", "teams", "console", "cli", "scheduler", "system", "web"),
    action: textArb,
    subjectType: textArb,
    subjectId: textArb,
    sealedUntil: fc.option(dateArb, { nil: null }),
    data: dataArb,
    personalOf: fc.option(fc.constantFrom("E1", "E2"), { nil: undefined }),
  })
  .map(({ data, personalOf, ...rest }): Omit<ChainedFields, "seq"> => {
    // Format 2 when a member is declared personal (its salted digest is hashed, not its value).
    const key = Object.keys(data)[0]!;
    const sealed = personalOf ? sealPersonal(data, { [key]: personalOf }) : undefined;
    return { ...rest, data: canonicalJson(data), personal: sealed ? canonicalJson(sealed) : null };
  });

describe("an append's hash checked from the body cut around seq", () => {
  it("is the documented hash of the whole entry, for any entry and number", () => {
    fc.assert(
      fc.property(
        fieldsArb,
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (fields, seq, prevHash) => {
          const { before, after } = bodyAroundSeq(fields);
          expect(hashAroundSeq(prevHash, before, seq, after)).toBe(entryHash(prevHash, { ...fields, seq }));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("differs when the database numbered or chained the entry otherwise", () => {
    const fields: Omit<ChainedFields, "seq"> = {
      at: new Date("2026-03-09T02:00:00.000Z"),
      actorId: "E1",
      platform: "teams",
      action: "notice.acknowledged",
      subjectType: "notice",
      subjectId: "N1",
      sealedUntil: null,
      data: canonicalJson({ seq: 7 }),
      personal: null,
    };
    const { before, after } = bodyAroundSeq(fields);
    const prev = "a".repeat(64);
    const right = entryHash(prev, { ...fields, seq: 12 });
    expect(hashAroundSeq(prev, before, 12, after)).toBe(right);
    expect(hashAroundSeq(prev, before, 13, after)).not.toBe(right);
    expect(hashAroundSeq("b".repeat(64), before, 12, after)).not.toBe(right);
  });
});

// The export verifier on its own (no database): a chain built by hand, each kind of damage, and
// what "proven" means when hash-only lines sit between an entry and the signed checkpoint.
import { createHash, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signCheckpoint, signingKeyFromPem } from "../../src/infra/audit-log/checkpoint-signing.ts";
import {
  EXPORT_FORMAT,
  entryBody,
  parseExport,
  toCsvLine,
  csvHeaderLine,
  toJsonLine,
  type EntryRecord,
  type ExportRecord,
} from "../../src/infra/audit-log/export-records.ts";
import { verifyExport } from "../../src/infra/audit-log/export-verifier.ts";
import { GENESIS_HASH } from "../../src/infra/db/audit-log-writer.ts";

const key = signingKeyFromPem(
  generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
);
const other = signingKeyFromPem(
  generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
);

function chain(n: number): EntryRecord[] {
  const out: EntryRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e: EntryRecord = {
      record: "entry",
      seq,
      at: new Date(Date.UTC(2026, 11, 1, 0, seq)).toISOString(),
      actorId: seq % 2 ? "emp" : null,
      platform: "slack",
      action: "leave.planned",
      subjectType: "leave",
      subjectId: `l${seq % 3}`,
      sealedUntil: null,
      data: { n: seq, 文: "值", nested: { b: [1, 2.5, true], a: null } },
      prevHash,
      hash: "",
    };
    e.hash = createHash("sha256")
      .update(prevHash + entryBody(e))
      .digest("hex");
    prevHash = e.hash;
    out.push(e);
  }
  return out;
}

const header: ExportRecord = {
  record: "header",
  format: EXPORT_FORMAT,
  exportedAt: "2026-12-02T00:00:00.000Z",
  exportedBy: "operator",
  from: null,
  to: null,
  subject: null,
};

const checkpointOf = (e: EntryRecord, k = key): ExportRecord => ({
  record: "checkpoint",
  checkpoint: signCheckpoint(k, { seq: e.seq, hash: e.hash }, new Date("2026-12-02T00:00:00Z"), "export"),
  publicKey: k.publicKeyPem,
});

describe("verifyExport", () => {
  it("proves a whole chain ending at a signed checkpoint, in JSON Lines and CSV alike", () => {
    const entries = chain(6);
    const records = [header, ...entries, checkpointOf(entries[5]!)];
    expect(verifyExport(records)).toMatchObject({
      ok: true,
      entries: 6,
      proven: 6,
      checkpoints: 1,
      keyIds: [key.keyId],
    });
    const jsonl = records.map(toJsonLine).join("");
    const csv = csvHeaderLine() + records.map(toCsvLine).join("");
    expect(verifyExport(parseExport(jsonl)).ok).toBe(true);
    expect(parseExport(csv)).toEqual(parseExport(jsonl));
  });

  it("finds changed content, a broken link, a gap, a foreign signature and a checkpoint of another chain", () => {
    const entries = chain(5);
    const at = (i: number, change: Partial<EntryRecord>) => entries.map((e, j) => (j === i ? { ...e, ...change } : e));
    const cp = checkpointOf(entries[4]!);
    expect(verifyExport([header, ...at(2, { data: { n: 99 } }), cp]).problems).toContain(
      "entry #3: its hash does not match its content",
    );
    expect(verifyExport([header, ...at(2, { actorId: "someone" }), cp]).ok).toBe(false);
    expect(verifyExport([header, ...at(3, { prevHash: "f".repeat(64) }), cp]).problems).toContain(
      "entry #4 does not follow #3: its previous hash does not match",
    );
    expect(verifyExport([header, ...entries.filter((e) => e.seq !== 3), cp]).problems).toContain(
      "entry #4 follows #2: the run is not contiguous",
    );
    expect(verifyExport([header, ...entries, cp], [other.publicKeyPem]).problems[0]).toMatch(
      /not signed by a pinned key/,
    );
    const forged = checkpointOf({ ...entries[4]!, hash: "e".repeat(64) });
    expect(verifyExport([header, ...entries, forged]).problems).toContain(
      "entry #5 is not the one the checkpoint of 2026-12-02T00:00:00.000Z signed",
    );
    expect(verifyExport([header, ...entries]).problems).toEqual([
      "5 of 5 entries are not proven: no signed checkpoint follows them in full",
    ]);
  });

  it("proves an entry only when every line from it to a signed checkpoint is in full", () => {
    const entries = chain(8);
    const omit = (e: EntryRecord): ExportRecord => ({
      record: "omitted",
      seq: e.seq,
      prevHash: e.prevHash,
      hash: e.hash,
    });
    // #1–#3 full, checkpoint at #3; #4 omitted; #5–#6 full; #7 omitted; #8 full, checkpoint at #8.
    const lines = entries.map((e) => ([4, 7].includes(e.seq) ? omit(e) : e));
    const verdict = verifyExport([header, ...lines, checkpointOf(entries[2]!), checkpointOf(entries[7]!)]);
    expect(verdict).toMatchObject({ ok: false, entries: 6, omitted: 2, proven: 4 }); // #1–#3 and #8
    expect(verdict.problems).toEqual(["2 of 6 entries are not proven: no signed checkpoint follows them in full"]);
  });
});

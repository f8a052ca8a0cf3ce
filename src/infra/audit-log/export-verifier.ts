// Verifies an audit-log export with no database: recomputes every entry's hash, follows every link,
// checks every checkpoint's Ed25519 signature and that it matches the line of its seq, and says
// which entries are *proven*: an entry is proven when the chain from it up to a signed checkpoint is
// in the file in full (SHA-256 leaves no other content with the same hashes). The same steps, as a
// short script of one's own, are in docs/audit-log.md. Both entry formats (entry-format.ts); a
// format-1 entry an erasure redacted verifies only against an `erasure` record in the file whose
// entry is signed by a checkpoint and names it with its stored and its redacted hash.
import { createHash } from "node:crypto";
import { GENESIS_HASH } from "../db/audit-log-writer.ts";
import { checkpointSignatureOk } from "./checkpoint-signing.ts";
import { redactionsOf, type OldEntryRedaction } from "./entry-format.ts";
import { EXPORT_FORMAT, entryBody, type EntryRecord, type ExportRecord } from "./export-records.ts";

export interface ExportVerdict {
  readonly ok: boolean;
  /** Entry lines (full content) and omitted lines (hash only). */
  readonly entries: number;
  readonly omitted: number;
  /** Full entries proven against a signed checkpoint. */
  readonly proven: number;
  readonly checkpoints: number;
  readonly keyIds: readonly string[];
  readonly problems: readonly string[];
}

/**
 * `pinnedKeys`: the public keys (PEM) the reader trusts; when given, a checkpoint signed by any
 * other key is a problem. Without them the key carried in the file is used (and the verdict's
 * keyIds say which, for the reader to compare with the bank's published key id).
 */
export function verifyExport(records: readonly ExportRecord[], pinnedKeys?: readonly string[]): ExportVerdict {
  const problems: string[] = [];
  const header = records[0];
  if (!header || header.record !== "header" || header.format !== EXPORT_FORMAT)
    problems.push(`the first line is not a ${EXPORT_FORMAT} header`);

  const hashOf = (e: EntryRecord): string | undefined => {
    try {
      return createHash("sha256")
        .update(e.prevHash + entryBody(e), "utf8")
        .digest("hex");
    } catch {
      return undefined;
    }
  };
  // Erasure entries carried beside the run: trusted only when their own hash holds and a checkpoint signs them.
  const keyOk = (r: Extract<ExportRecord, { record: "checkpoint" }>) =>
    (pinnedKeys ?? [r.publicKey]).some((k) => checkpointSignatureOk(r.checkpoint, k));
  const redactions = new Map<number, OldEntryRedaction>();
  for (const r of records) {
    if (r.record !== "erasure") continue;
    const e = r.entry;
    if (hashOf(e) !== e.hash) {
      problems.push(`the erasure entry #${e.seq}: its hash does not match its content`);
      continue;
    }
    const signed = records.some(
      (c) => c.record === "checkpoint" && c.checkpoint.seq === e.seq && c.checkpoint.hash === e.hash && keyOk(c),
    );
    if (!signed) {
      problems.push(`the erasure entry #${e.seq} is not signed by a checkpoint in the file`);
      continue;
    }
    for (const red of redactionsOf(e.data)) redactions.set(red.seq, red);
  }

  const lines = records.filter((r) => r.record === "entry" || r.record === "omitted");
  const hashAt = new Map<number, string>();
  let previous: { seq: number; hash: string } | undefined;
  let entries = 0;
  let omitted = 0;
  for (const line of lines) {
    if (previous && line.seq !== previous.seq + 1)
      problems.push(`entry #${line.seq} follows #${previous.seq}: the run is not contiguous`);
    if (previous && line.prevHash !== previous.hash)
      problems.push(`entry #${line.seq} does not follow #${previous.seq}: its previous hash does not match`);
    if (!previous && line.seq === 1 && line.prevHash !== GENESIS_HASH)
      problems.push("entry #1 does not start the chain: its previous hash is not the genesis hash");
    if (line.record === "entry") {
      entries += 1;
      const hash = hashOf(line);
      const red = redactions.get(line.seq);
      const redacted = red !== undefined && !line.personal && red.hash === line.hash && red.redactedHash === hash;
      if (hash !== line.hash && !redacted) problems.push(`entry #${line.seq}: its hash does not match its content`);
    } else omitted += 1;
    if (line.seq > 1 || line.prevHash === GENESIS_HASH) hashAt.set(line.seq - 1, line.prevHash);
    hashAt.set(line.seq, line.hash);
    previous = line;
  }
  if (lines.length > 0 && lines[0]!.seq === 1) hashAt.set(0, GENESIS_HASH);

  const keyIds = new Set<string>();
  const signed: number[] = [];
  for (const r of records) {
    if (r.record !== "checkpoint") continue;
    const c = r.checkpoint;
    const keys = pinnedKeys ?? [r.publicKey];
    if (!keys.some((k) => checkpointSignatureOk(c, k))) {
      problems.push(
        `the checkpoint of #${c.seq} at ${c.at} is not signed by ${pinnedKeys ? "a pinned key" : "the key it carries"}`,
      );
      continue;
    }
    keyIds.add(c.keyId);
    const h = hashAt.get(c.seq);
    if (h === undefined) continue; // outside this run
    if (h !== c.hash) problems.push(`entry #${c.seq} is not the one the checkpoint of ${c.at} signed`);
    else signed.push(c.seq);
  }

  // Walk back from the end: an entry is proven when every line from it to a signed checkpoint is full.
  const signedSet = new Set(signed);
  let proven = 0;
  let covered = false;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (signedSet.has(line.seq)) covered = true;
    if (line.record === "omitted") covered = false;
    else if (covered) proven += 1;
  }
  if (problems.length === 0 && proven < entries)
    problems.push(
      `${entries - proven} of ${entries} entries are not proven: no signed checkpoint follows them in full`,
    );
  return {
    ok: problems.length === 0,
    entries,
    omitted,
    proven,
    checkpoints: signed.length,
    keyIds: [...keyIds],
    problems,
  };
}

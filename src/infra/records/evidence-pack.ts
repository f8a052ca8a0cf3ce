// `keypost evidence audit <id>`: one zip holding everything an examiner asks about one off-post
// audit — the printable report in the reader's language, the records as JSON, the log entries of
// the audit, its leave, handovers and rectifications with their proof against a checkpoint signed
// for this pack, and a manifest with the SHA-256 of every file.
// Zip, not tar: examiners open it on Windows without tools. fflate (no dependencies, maintained,
// ~8 kB) writes it in memory; a pack is a few hundred kilobytes, so streaming is not needed.
import { createHash } from "node:crypto";
import { zipSync, type Zippable } from "fflate";
import type { Locale } from "../../ports/locale.ts";
import {
  evidenceFilePath,
  type AuditEvidence,
  type AuditReportRenderer,
  type EvidenceReads,
} from "../../ports/evidence-reads.ts";
import type { EvidenceFileStore } from "../../ports/evidence-files.ts";
import { auditLogExport } from "../audit-log/audit-log-exporter.ts";
import { toJsonLine, type ExportRecord } from "../audit-log/export-records.ts";
import { verifyExport } from "../audit-log/export-verifier.ts";
import type { LogRecords } from "../audit-log/log-records.ts";
import type { ExportReader } from "../audit-log/audit-log-exporter.ts";
import type { Database } from "../db/database.ts";

export const PACK_FORMAT = "keypost-evidence-pack/1";

export interface ManifestFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface EvidencePack {
  readonly auditId: string;
  readonly zip: Uint8Array;
  readonly files: readonly ManifestFile[];
}

export class EvidencePackError extends Error {
  constructor(
    readonly code: "AUDIT_NOT_FOUND" | "NO_SIGNING_KEY",
    message: string,
  ) {
    super(message);
  }
}

function recordsJson(e: AuditEvidence): string {
  return (
    JSON.stringify(
      {
        ...e,
        people: Object.fromEntries(e.people),
      },
      null,
      2,
    ) + "\n"
  );
}

export async function buildEvidencePack(
  db: Database,
  reads: EvidenceReads,
  /** The printable report (src/app/records/audit-report.html.ts), given by the composition root. */
  renderAuditReport: AuditReportRenderer,
  records: LogRecords,
  auditRef: string,
  locale: Locale,
  now: Date,
  /** Where attached files' bytes are; without it (or for a file it lacks) the file is listed as missing. */
  evidenceStore?: EvidenceFileStore,
  /** The operator's CLI sees every entry; a dashboard reader sees sealed entries only of their subjects. */
  reader: ExportReader = { name: "operator", seesSealed: true },
): Promise<EvidencePack> {
  const evidence = await reads.auditEvidence(auditRef);
  if (!evidence) throw new EvidencePackError("AUDIT_NOT_FOUND", `no audit "${auditRef}"`);
  if (!records.key)
    throw new EvidencePackError(
      "NO_SIGNING_KEY",
      "an evidence pack needs KEYPOST_LOG_SIGNING_KEY_FILE: its log entries are proven by a checkpoint signed for it",
    );
  const mine = await records.checkpointer.checkpoint("evidence", now);
  const keys = await records.store.publicKeys();
  const checkpoints = (await records.store.list()).map((checkpoint) => ({
    checkpoint,
    publicKey: keys.get(checkpoint.keyId) ?? "",
  }));
  const subjects = [
    `audit:${evidence.audit.id}`,
    ...(evidence.leave ? [`leave:${evidence.leave.id}`] : []),
    ...evidence.rectifications.map((r) => `rectification:${r.id}`),
    ...evidence.handovers.map((h) => `handover:${h.id}`),
  ];
  const log: ExportRecord[] = [];
  for await (const r of auditLogExport(
    db,
    { subjects },
    { ...reader, entitled: [...(reader.entitled ?? []), ...subjects] },
    now,
    checkpoints,
  ))
    log.push(r);
  const verdict = verifyExport(log);
  const proof = { entries: verdict.entries, proven: verdict.proven, checkpoint: mine, ok: verdict.ok };

  const text: Record<string, string> = {
    [`report.${locale}.html`]: renderAuditReport(evidence, locale, now, proof),
    "records/audit.json": recordsJson(evidence),
    "log/audit-log.jsonl": log.map(toJsonLine).join(""),
    "log/verification.json":
      JSON.stringify(
        { subjects, ...verdict, findingTexts: findingTexts(evidence.findings, evidence.audit.id, log) },
        null,
        2,
      ) + "\n",
  };
  const files: ManifestFile[] = [];
  const zippable: Zippable = {};
  const mtime = now;
  for (const [path, content] of Object.entries(text)) {
    const bytes = new TextEncoder().encode(content);
    files.push({ path, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
    zippable[path] = [bytes, { mtime }];
  }
  // Attached files, byte for byte as stored; one the store no longer has is named in the manifest.
  const missingFiles: { path: string; sha256: string }[] = [];
  for (const file of evidence.files) {
    const path = evidenceFilePath(file);
    if (zippable[path]) continue;
    const bytes = await evidenceStore?.get(file.sha256);
    if (!bytes) {
      missingFiles.push({ path, sha256: file.sha256 });
      continue;
    }
    files.push({ path, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
    zippable[path] = [bytes, { mtime, level: 0 }];
  }
  const manifest = {
    format: PACK_FORMAT,
    auditId: evidence.audit.id,
    generatedAt: now.toISOString(),
    lang: locale,
    checkpoint: mine ?? null,
    files,
    missingFiles,
  };
  zippable["manifest.json"] = [new TextEncoder().encode(JSON.stringify(manifest, null, 2) + "\n"), { mtime }];
  return { auditId: evidence.audit.id, zip: zipSync(zippable, { level: 6 }), files };
}

/**
 * Each finding's text against the log entry that recorded it: the entry carries the SHA-256 of the
 * text (docs/field-encryption.md; an entry written before carries the text itself). `matches` is
 * null when the pack's log holds no such entry in full.
 */
function findingTexts(
  findings: readonly { readonly seq: number; readonly description: string }[],
  auditId: string,
  log: readonly ExportRecord[],
): { finding: number; logSeq: number | null; matches: boolean | null }[] {
  const recorded = new Map<number, { seq: number; data: Record<string, unknown> }>();
  for (const r of log)
    if (r.record === "entry" && r.action === "audit.finding_recorded" && r.subjectId === auditId)
      recorded.set(Number(r.data.seq), { seq: r.seq, data: r.data });
  return findings.map((f) => {
    const entry = recorded.get(f.seq);
    if (!entry) return { finding: f.seq, logSeq: null, matches: null };
    const digest = entry.data.descriptionSha256;
    const matches =
      typeof digest === "string"
        ? createHash("sha256").update(f.description, "utf8").digest("hex") === digest
        : entry.data.description === f.description;
    return { finding: f.seq, logSeq: entry.seq, matches };
  });
}

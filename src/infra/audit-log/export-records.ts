// The records of an audit-log export, and their two encodings (JSON Lines and CSV). Shared by the
// exporter (which reads the database) and the verifier (which must not need one): docs/audit-log.md
// is the contract an examiner's own script relies on.
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { SignedCheckpoint } from "../../ports/log-checkpoints.ts";
import { canonicalJson } from "./canonical-json.ts";
import { chainedBody, type StoredPersonal } from "./entry-format.ts";

export const EXPORT_FORMAT = "keypost-audit-log-export/1";

export interface HeaderRecord {
  record: "header";
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  /** "operator" (the CLI without --as) or the employee code given with --as. */
  exportedBy: string;
  from: string | null;
  to: string | null;
  subject: string | null;
}

export interface EntryRecord {
  record: "entry";
  seq: number;
  at: string;
  actorId: string | null;
  platform: string;
  action: string;
  subjectType: string;
  subjectId: string;
  sealedUntil: string | null;
  data: Record<string, unknown>;
  /** Format 2 only: the personal members of data, each with its salt, or its digest once erased. */
  personal?: StoredPersonal;
  prevHash: string;
  hash: string;
}

/**
 * An erasure entry (`people.erased`) that lists format-1 entries it redacted, carried beside the run
 * with the checkpoint that signs it: a redacted entry in the run verifies only against it.
 */
export interface ErasureRecord {
  record: "erasure";
  entry: EntryRecord;
}

/** An entry in the run whose content is left out (another subject, or sealed for this reader). */
export interface OmittedRecord {
  record: "omitted";
  seq: number;
  prevHash: string;
  hash: string;
}

export interface CheckpointRecord {
  record: "checkpoint";
  checkpoint: SignedCheckpoint;
  /** The signer's public key (PEM): a convenience; an examiner pins the bank's key id instead. */
  publicKey: string;
}

export type ExportRecord = HeaderRecord | EntryRecord | OmittedRecord | ErasureRecord | CheckpointRecord;
export type ExportFormat = "jsonl" | "csv";

/** The text an entry's hash covers, after the previous hash (format 1 or 2, entry-format.ts). */
export function entryBody(e: EntryRecord): string {
  return chainedBody({ ...e, personal: e.personal ?? null });
}

export function toJsonLine(record: ExportRecord): string {
  return JSON.stringify(record) + "\n";
}

export const CSV_COLUMNS = [
  "record",
  "seq",
  "at",
  "actorId",
  "platform",
  "action",
  "subjectType",
  "subjectId",
  "sealedUntil",
  "data",
  "personal",
  "prevHash",
  "hash",
] as const;

export function csvHeaderLine(): string {
  return stringify([[...CSV_COLUMNS]], { record_delimiter: "\n" });
}

/** One CSV row: an empty cell is null; `data` holds canonical JSON (the whole record for header, erasure and checkpoint rows). */
export function toCsvLine(record: ExportRecord): string {
  const row: (string | number)[] = (() => {
    switch (record.record) {
      case "entry":
        return [
          "entry",
          record.seq,
          record.at,
          record.actorId ?? "",
          record.platform,
          record.action,
          record.subjectType,
          record.subjectId,
          record.sealedUntil ?? "",
          canonicalJson(record.data),
          record.personal ? canonicalJson(record.personal) : "",
          record.prevHash,
          record.hash,
        ];
      case "omitted":
        return ["omitted", record.seq, "", "", "", "", "", "", "", "", "", record.prevHash, record.hash];
      default:
        return [record.record, "", "", "", "", "", "", "", "", canonicalJson(record), "", "", ""];
    }
  })();
  return stringify([row], { record_delimiter: "\n" });
}

export class ExportFileError extends Error {
  readonly code = "EXPORT_FILE_UNREADABLE";
}

/** Parses an export file of either format back into its records (no checking beyond the shape). */
export function parseExport(text: string): ExportRecord[] {
  const trimmed = text.replace(/^\uFEFF/, "");
  if (trimmed.startsWith("{")) {
    return trimmed
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line, i) => {
        try {
          return JSON.parse(line) as ExportRecord;
        } catch {
          throw new ExportFileError(`line ${i + 1} is not JSON`);
        }
      });
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(trimmed, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (error) {
    throw new ExportFileError(`not a JSON Lines or CSV export: ${(error as Error).message}`);
  }
  return rows.map((r, i) => {
    const json = (text: string): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        throw new ExportFileError(`row ${i + 2}: the data column is not JSON`);
      }
    };
    const nul = (v: string | undefined): string | null => (v === undefined || v === "" ? null : v);
    switch (r.record) {
      case "entry":
        return {
          record: "entry",
          seq: Number(r.seq),
          at: r.at ?? "",
          actorId: nul(r.actorId),
          platform: r.platform ?? "",
          action: r.action ?? "",
          subjectType: r.subjectType ?? "",
          subjectId: r.subjectId ?? "",
          sealedUntil: nul(r.sealedUntil),
          data: json(r.data ?? "") as Record<string, unknown>,
          ...(r.personal ? { personal: json(r.personal) as StoredPersonal } : {}),
          prevHash: r.prevHash ?? "",
          hash: r.hash ?? "",
        };
      case "omitted":
        return { record: "omitted", seq: Number(r.seq), prevHash: r.prevHash ?? "", hash: r.hash ?? "" };
      case "header":
      case "erasure":
      case "checkpoint":
        return json(r.data ?? "") as ExportRecord;
      default:
        throw new ExportFileError(`row ${i + 2}: unknown record "${r.record ?? ""}"`);
    }
  });
}

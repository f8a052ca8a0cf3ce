// Evidence files attached to checklist items: where their bytes are kept, and what Keypost accepts.
// The store is content-addressed (the SHA-256 of the bytes is the name), outside the database: a
// directory by default (src/infra/records/directory-evidence-store.ts); an object store with a
// retention lock can take its place behind the same port. The database keeps the hash and size.

export interface StoredFile {
  readonly sha256: string;
  readonly bytes: number;
}

export interface EvidenceFileStore {
  /** Keeps the bytes under their SHA-256; the same bytes twice are kept once. */
  put(content: Uint8Array): Promise<StoredFile>;
  /** The bytes kept under this hash, checked against it; undefined when absent. */
  get(sha256: string): Promise<Uint8Array | undefined>;
  /** Forgets the bytes kept under this hash (a retention purge, once no record references them). */
  remove(sha256: string): Promise<void>;
}

/** What an evidence file may be: its size, and its type by the name's extension. */
export interface EvidenceFileRules {
  readonly maxBytes: number;
  /** Lower-case extensions without the dot: "pdf", "png" … */
  readonly types: readonly string[];
}

export interface EvidenceFiles {
  readonly store: EvidenceFileStore;
  readonly rules: EvidenceFileRules;
}

export const DEFAULT_EVIDENCE_TYPES = ["pdf", "png", "jpg", "jpeg", "gif", "txt", "csv", "xlsx", "docx"] as const;
export const DEFAULT_EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

/** The extension of a file name, lower case ("" when it has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** Why a file is refused before its bytes are even read ("file_type", "file_too_large"), else undefined. */
export function refuseFile(
  rules: EvidenceFileRules,
  name: string,
  bytes: number | undefined,
): "file_type" | "file_too_large" | undefined {
  if (!rules.types.includes(extensionOf(name))) return "file_type";
  if (bytes !== undefined && bytes > rules.maxBytes) return "file_too_large";
  return undefined;
}

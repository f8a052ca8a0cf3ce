// Signed checkpoints of the audit log's head, kept outside the database so that whoever can write
// the database cannot rewrite the log (or cut its tail) and its head unnoticed. The store is
// append-only by contract: a directory by default; object storage with a retention lock later
// implements the same port (docs/audit-log.md).

export type CheckpointReason = "hourly" | "export" | "purge" | "evidence" | "manual";

/** What a checkpoint asserts: "at `at`, entry #seq was the last one and its hash was `hash`". */
export interface CheckpointBody {
  readonly format: "keypost-log-checkpoint/1";
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
  readonly reason: CheckpointReason;
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER) that signs it. */
  readonly keyId: string;
}

export interface SignedCheckpoint extends CheckpointBody {
  /** Ed25519 signature (base64) over the canonical JSON of the body (every member but this one). */
  readonly signature: string;
}

export interface CheckpointStore {
  /** Adds a checkpoint; never replaces one. */
  append(checkpoint: SignedCheckpoint, publicKeyPem: string): Promise<void>;
  /** Every stored checkpoint, in seq then time order. */
  list(): Promise<SignedCheckpoint[]>;
  /** The last of list() without reading the others (the hourly job asks every hour). */
  latest(): Promise<SignedCheckpoint | undefined>;
  /** The public keys the store has seen, by key id (PEM, SPKI). */
  publicKeys(): Promise<Map<string, string>>;
}

/** Signs the current head and stores the checkpoint; undefined when no signing key is configured. */
export interface LogCheckpointer {
  checkpoint(reason: CheckpointReason, at: Date): Promise<SignedCheckpoint | undefined>;
}

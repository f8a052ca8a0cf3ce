// Ed25519 signing of log checkpoints with node:crypto. The private key lives in a PEM file outside
// the database (KEYPOST_LOG_SIGNING_KEY_FILE); the public key travels with every checkpoint store
// and export so that anyone can check a signature, and an examiner pins the bank's key id.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { CheckpointBody, CheckpointReason, SignedCheckpoint } from "../../ports/log-checkpoints.ts";
import { canonicalJson } from "./canonical-json.ts";

export const CHECKPOINT_FORMAT = "keypost-log-checkpoint/1" as const;

export interface SigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
}

export class SigningKeyError extends Error {
  readonly code = "LOG_SIGNING_KEY_UNUSABLE";
}

/** The key id: the first 16 hex digits of SHA-256 over the public key's SPKI DER bytes. */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex").slice(0, 16);
}

export function signingKeyFromPem(pem: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new SigningKeyError("the log signing key is not a PEM private key", { cause: error });
  }
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new SigningKeyError(`the log signing key must be Ed25519 (got ${privateKey.asymmetricKeyType ?? "?"})`);
  const publicKeyPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
  return { keyId: keyIdOf(publicKeyPem), privateKey, publicKeyPem };
}

export async function loadSigningKey(file: string): Promise<SigningKey> {
  let pem: string;
  try {
    pem = await readFile(file, "utf8");
  } catch (error) {
    throw new SigningKeyError("the log signing key file cannot be read (KEYPOST_LOG_SIGNING_KEY_FILE)", {
      cause: error,
    });
  }
  return signingKeyFromPem(pem);
}

/** The bytes a signature covers: the canonical JSON of the body (docs/audit-log.md). */
export function checkpointMessage(body: CheckpointBody): Buffer {
  const { format, seq, hash, at, reason, keyId } = body;
  return Buffer.from(canonicalJson({ format, seq, hash, at, reason, keyId }), "utf8");
}

export function signCheckpoint(
  key: SigningKey,
  head: { seq: number; hash: string },
  at: Date,
  reason: CheckpointReason,
): SignedCheckpoint {
  const body: CheckpointBody = {
    format: CHECKPOINT_FORMAT,
    seq: head.seq,
    hash: head.hash,
    at: at.toISOString(),
    reason,
    keyId: key.keyId,
  };
  return { ...body, signature: sign(null, checkpointMessage(body), key.privateKey).toString("base64") };
}

/** True when the signature is the key's over the body, and the key is the one the checkpoint names. */
export function checkpointSignatureOk(checkpoint: SignedCheckpoint, publicKeyPem: string): boolean {
  try {
    if (checkpoint.format !== CHECKPOINT_FORMAT || keyIdOf(publicKeyPem) !== checkpoint.keyId) return false;
    return verify(
      null,
      checkpointMessage(checkpoint),
      createPublicKey(publicKeyPem),
      Buffer.from(checkpoint.signature, "base64"),
    );
  } catch {
    return false;
  }
}

// The environment the records commands (purge, legal-hold, erase-person) run with in the CLI tests:
// a fresh Ed25519 log-signing key in a temporary folder, checkpoints beside it, logs silent.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A new temporary folder holding a signing key, and the env naming it (plus `extra`). */
export function recordsEnv(
  databaseUrl: string,
  prefix: string,
  extra: Record<string, string> = {},
): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const { privateKey } = generateKeyPairSync("ed25519");
  writeFileSync(join(dir, "key.pem"), privateKey.export({ type: "pkcs8", format: "pem" }).toString());
  const env = {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "silent",
    KEYPOST_LOG_SIGNING_KEY_FILE: join(dir, "key.pem"),
    KEYPOST_LOG_CHECKPOINT_DIR: join(dir, "checkpoints"),
    ...extra,
  };
  return { dir, env };
}

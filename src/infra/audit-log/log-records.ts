// The audit log's outside-the-database half, built from the configuration: the signing key (when
// KEYPOST_LOG_SIGNING_KEY_FILE is set), the checkpoint store, and the checkpointer over one database.
import type { CheckpointStore, LogCheckpointer } from "../../ports/log-checkpoints.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { loadSigningKey, type SigningKey } from "./checkpoint-signing.ts";
import { DirectoryCheckpointStore } from "./directory-checkpoint-store.ts";
import { SignedLogCheckpointer, noCheckpoints } from "./log-checkpointer.ts";

export interface LogRecords {
  readonly key: SigningKey | undefined;
  readonly store: CheckpointStore;
  readonly checkpointer: LogCheckpointer;
}

export async function logRecordsOf(
  config: Pick<Config, "KEYPOST_LOG_SIGNING_KEY_FILE" | "KEYPOST_LOG_CHECKPOINT_DIR">,
  db: Database,
): Promise<LogRecords> {
  const store = new DirectoryCheckpointStore(config.KEYPOST_LOG_CHECKPOINT_DIR);
  const key = config.KEYPOST_LOG_SIGNING_KEY_FILE
    ? await loadSigningKey(config.KEYPOST_LOG_SIGNING_KEY_FILE)
    : undefined;
  return { key, store, checkpointer: key ? new SignedLogCheckpointer(db, key, store) : noCheckpoints };
}

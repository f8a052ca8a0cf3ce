// Reads the checkpoint store and checks every signature before any checkpoint is believed: with
// pinned public keys only those count; otherwise the keys the store holds (keys/<keyId>.pem).
import type { CheckpointStore, SignedCheckpoint } from "../../ports/log-checkpoints.ts";
import { checkpointSignatureOk } from "./checkpoint-signing.ts";

export type TrustedCheckpoints =
  { ok: true; checkpoints: SignedCheckpoint[] } | { ok: false; reason: string; checkpoints: SignedCheckpoint[] };

export async function trustedCheckpoints(
  store: CheckpointStore,
  pinnedKeys?: readonly string[],
): Promise<TrustedCheckpoints> {
  const all = await store.list();
  const keys = pinnedKeys ?? [...(await store.publicKeys()).values()];
  const good: SignedCheckpoint[] = [];
  for (const c of all) {
    if (keys.some((k) => checkpointSignatureOk(c, k))) good.push(c);
    else
      return {
        ok: false,
        checkpoints: good,
        reason: `the checkpoint of #${c.seq} at ${c.at} is not signed by ${pinnedKeys ? "a pinned key" : "a key in the checkpoint store"}`,
      };
  }
  return { ok: true, checkpoints: good };
}

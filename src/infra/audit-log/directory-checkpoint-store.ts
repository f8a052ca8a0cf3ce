// The default checkpoint store: a directory outside the database, one file per checkpoint created
// with O_EXCL (never overwritten), and keys/<keyId>.pem for every public key that signed one.
// Put it on storage the database's administrator cannot write (another host, a WORM mount); an
// object store with a retention lock can implement the same port (docs/audit-log.md).
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CheckpointStore, SignedCheckpoint } from "../../ports/log-checkpoints.ts";

const NAME = /^(\d{12})-(\d{8}T\d{9}Z)-([a-z]+)\.json$/;

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

export class DirectoryCheckpointStore implements CheckpointStore {
  constructor(private readonly dir: string) {}

  async append(checkpoint: SignedCheckpoint, publicKeyPem: string): Promise<void> {
    await mkdir(join(this.dir, "keys"), { recursive: true });
    try {
      await writeFile(join(this.dir, "keys", `${checkpoint.keyId}.pem`), publicKeyPem, { flag: "wx" });
    } catch (error) {
      if (!isErrno(error, "EEXIST")) throw error;
    }
    const stamp = checkpoint.at.replace(/[-:.]/g, "");
    const name = `${String(checkpoint.seq).padStart(12, "0")}-${stamp}-${checkpoint.reason}.json`;
    try {
      await writeFile(join(this.dir, name), JSON.stringify(checkpoint) + "\n", { flag: "wx" });
    } catch (error) {
      // The same head signed twice in the same millisecond for the same reason: one file is enough.
      if (!isErrno(error, "EEXIST")) throw error;
    }
  }

  /** Checkpoint file names in seq, then time order (the names sort that way). */
  private async names(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((n) => NAME.test(n)).sort();
    } catch (error) {
      if (isErrno(error, "ENOENT")) return [];
      throw error;
    }
  }

  async latest(): Promise<SignedCheckpoint | undefined> {
    const last = (await this.names()).at(-1);
    return last === undefined
      ? undefined
      : (JSON.parse(await readFile(join(this.dir, last), "utf8")) as SignedCheckpoint);
  }

  async list(): Promise<SignedCheckpoint[]> {
    const out: SignedCheckpoint[] = [];
    for (const name of await this.names()) {
      out.push(JSON.parse(await readFile(join(this.dir, name), "utf8")) as SignedCheckpoint);
    }
    return out;
  }

  async publicKeys(): Promise<Map<string, string>> {
    const keys = new Map<string, string>();
    let names: string[];
    try {
      names = await readdir(join(this.dir, "keys"));
    } catch (error) {
      if (isErrno(error, "ENOENT")) return keys;
      throw error;
    }
    for (const name of names.filter((n) => /^[0-9a-f]{16}\.pem$/.test(n))) {
      keys.set(name.slice(0, 16), await readFile(join(this.dir, "keys", name), "utf8"));
    }
    return keys;
  }
}

// The evidence store as a directory: each file's bytes under <dir>/<first two hex>/<sha256>.
// Written to a temporary name then renamed, so a reader never sees half a file; the same bytes
// twice are one file. Reads re-hash the bytes: a file changed on disk is reported, not served.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EvidenceFileStore, StoredFile } from "../../ports/evidence-files.ts";

const SHA256 = /^[0-9a-f]{64}$/;

export class EvidenceFileCorrupt extends Error {
  constructor(readonly sha256: string) {
    super(`evidence file ${sha256} does not match its hash`);
  }
}

export class DirectoryEvidenceStore implements EvidenceFileStore {
  constructor(private readonly dir: string) {}

  #path(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(content: Uint8Array): Promise<StoredFile> {
    const sha256 = createHash("sha256").update(content).digest("hex");
    const path = this.#path(sha256);
    const present = await stat(path).then(
      (s) => s.size === content.length,
      () => false,
    );
    if (!present) {
      await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      const temporary = `${path}.${randomBytes(6).toString("hex")}.part`;
      await writeFile(temporary, content, { flag: "wx", mode: 0o440 });
      await rename(temporary, path);
    }
    return { sha256, bytes: content.length };
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    if (!SHA256.test(sha256)) return undefined;
    const content = await readFile(this.#path(sha256)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (!content) return undefined;
    if (createHash("sha256").update(content).digest("hex") !== sha256) throw new EvidenceFileCorrupt(sha256);
    return new Uint8Array(content);
  }

  async remove(sha256: string): Promise<void> {
    if (SHA256.test(sha256)) await rm(this.#path(sha256), { force: true });
  }
}

// The production prune of @prisma/client's runtime: it keeps every file Keypost's generated clients
// import (read from the clients, not listed by hand) and removes the other databases' query
// compilers, the unused builds and the source maps. Run for real on a copy of the installed
// runtime folder; then a query compiler kept is loaded and instantiated from the copy.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { removable, usedCompilers } from "../../scripts/prune-prisma-runtime.mjs";

const ROOT = join(import.meta.dirname, "../..");
const RUNTIME = join(ROOT, "node_modules", "@prisma", "client", "runtime");
/** Node's WebAssembly (the project's TypeScript libs do not declare it). */
const wasmApi = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

describe("prune-prisma-runtime", () => {
  const scratch = mkdtempSync(join(tmpdir(), "keypost-prune-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("keeps what the generated clients import, for both engines", () => {
    expect([...usedCompilers()].sort()).toEqual([
      "query_compiler_small_bg.postgresql",
      "query_compiler_small_bg.sqlite",
    ]);
    const gone = removable(readdirSync(RUNTIME), usedCompilers());
    expect(gone).toContain("query_compiler_small_bg.mysql.wasm-base64.mjs");
    expect(gone).toContain("query_compiler_fast_bg.sqlite.wasm-base64.mjs");
    expect(gone).not.toContain("client.mjs");
    expect(gone.filter((f) => /^query_compiler_small_bg\.(sqlite|postgresql)\.[\w-]+\.?m?js$/.test(f))).toEqual([]);
  });

  it("removes the rest for real, and the kept compilers still load", async () => {
    const copy = join(scratch, "runtime");
    cpSync(RUNTIME, copy, { recursive: true });
    execFileSync(process.execPath, [join(ROOT, "scripts", "prune-prisma-runtime.mjs"), "--runtime", copy], {
      stdio: "ignore",
    });
    const left = readdirSync(copy).sort();
    expect(left.filter((f) => f.startsWith("query_compiler_"))).toEqual([
      "query_compiler_small_bg.postgresql.js",
      "query_compiler_small_bg.postgresql.mjs",
      "query_compiler_small_bg.postgresql.wasm-base64.js",
      "query_compiler_small_bg.postgresql.wasm-base64.mjs",
      "query_compiler_small_bg.sqlite.js",
      "query_compiler_small_bg.sqlite.mjs",
      "query_compiler_small_bg.sqlite.wasm-base64.js",
      "query_compiler_small_bg.sqlite.wasm-base64.mjs",
    ]);
    expect(left.some((f) => f.endsWith(".map"))).toBe(false);
    expect(left).toContain("client.mjs");
    for (const engine of ["sqlite", "postgresql"]) {
      const { wasm } = (await import(
        pathToFileURL(join(copy, `query_compiler_small_bg.${engine}.wasm-base64.mjs`)).href
      )) as {
        wasm: string;
      };
      expect(wasmApi.validate(Buffer.from(wasm, "base64"))).toBe(true);
    }
  });
});

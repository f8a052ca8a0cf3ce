// The folder holding package.json, prisma/ and samples/: found by walking up from this file, so it
// is the same whether the sources run through tsx (src/infra/) or compiled (dist/src/infra/).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "prisma"))) return dir;
    if (dirname(dir) === dir) throw new Error("keypost: package root (package.json beside prisma/) not found");
  }
}

export const PACKAGE_ROOT = findRoot(import.meta.dirname);

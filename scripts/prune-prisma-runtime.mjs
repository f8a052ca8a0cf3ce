// node scripts/prune-prisma-runtime.mjs [--dry-run] [--runtime DIR] — after a production install,
// removes from @prisma/client/runtime what Keypost's generated clients never load: the query
// compilers of the databases Keypost does not use (MySQL, SQL Server, CockroachDB), the builds not
// used for its own (the "fast" compilers — decision 18.13 chose "small" — and the edge compiler)
// and the source maps — about 50 MB of
// the 73 MB @prisma/client installs. What is kept is read from the generated clients themselves
// (src/ or dist/ …/generated/*/internal/class.*), so a new provider or compiler build in the schema
// keeps its files; with no generated client found nothing is removed (exit 1). Run by the
// Dockerfile after `npm prune`, and by the release steps in docs/operations.md.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const at = args.indexOf("--runtime");
const runtime = at >= 0 ? args[at + 1] : join(ROOT, "node_modules", "@prisma", "client", "runtime");

/** The runtime files the generated clients import, by base name (query_compiler_fast_bg.sqlite …). */
export function usedCompilers(root = ROOT) {
  const used = new Set();
  for (const base of ["src", "dist/src"]) {
    const generated = join(root, base, "infra", "db", "generated");
    if (!existsSync(generated)) continue;
    for (const client of readdirSync(generated)) {
      for (const file of ["internal/class.ts", "internal/class.js"]) {
        const path = join(generated, client, file);
        if (!existsSync(path)) continue;
        for (const [, name] of readFileSync(path, "utf8").matchAll(
          /@prisma\/client\/runtime\/(query_compiler_\w+\.\w+)\./g,
        ))
          used.add(name);
      }
    }
  }
  return used;
}

/** What may go: other query compilers, the edge compiler, source maps. */
export function removable(files, used) {
  return files.filter((file) => {
    if (file.endsWith(".map")) return true;
    if (file.startsWith("wasm-compiler-edge.")) return true;
    const compiler = /^(query_compiler_\w+\.\w+)\./.exec(file);
    return compiler !== null && !used.has(compiler[1]);
  });
}

function main() {
  const used = usedCompilers();
  if (used.size === 0) {
    console.error("prune-prisma-runtime: no generated Prisma client found (run the build first); nothing removed");
    process.exit(1);
  }
  if (!existsSync(runtime)) {
    console.error(`prune-prisma-runtime: ${runtime} does not exist; nothing removed`);
    process.exit(1);
  }
  const files = readdirSync(runtime);
  const gone = removable(files, used);
  let bytes = 0;
  for (const file of gone) {
    bytes += statSync(join(runtime, file)).size;
    if (dryRun) console.log(file);
    else rmSync(join(runtime, file));
  }
  console.error(
    `prune-prisma-runtime: ${dryRun ? "would remove" : "removed"} ${gone.length} files, ${(bytes / 1048576).toFixed(1)} MB; kept the compilers ${[...used].sort().join(", ")}`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();

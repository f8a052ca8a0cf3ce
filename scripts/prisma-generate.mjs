// Generates both Prisma clients (SQLite and PostgreSQL) from prisma/schema.prisma, offline.
// Prisma 7's CLI wants to download a schema engine even for `generate`; pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies that check (see STACK.md).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sqlite = join(root, "prisma", "schema.prisma");
const postgres = join(root, "prisma", "schema.postgres.prisma");

const source = readFileSync(sqlite, "utf8");
const derived = source
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace("generated/sqlite", "generated/postgres");
if (derived === source) throw new Error("schema.prisma: provider or output line not found");
writeFileSync(postgres, "// GENERATED from schema.prisma by scripts/prisma-generate.mjs — do not edit.\n" + derived);

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const cli = join(root, "node_modules", "prisma", "build", "index.js");
if (!existsSync(cli)) {
  // A production install (npm ci --omit=dev) has no Prisma CLI: the clients come compiled in dist/.
  console.log("prisma: CLI not installed (production install), clients not generated");
  process.exit(0);
}
for (const schema of [sqlite, postgres]) {
  execFileSync(process.execPath, [cli, "generate", "--schema", schema], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
console.log("prisma: generated clients for sqlite and postgres");

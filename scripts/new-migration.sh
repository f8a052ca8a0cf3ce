#!/usr/bin/env bash
# Developer tool (not used at run time): writes the SQL for a new migration, for SQLite and
# PostgreSQL, as the difference between the schema snapshot of the last migration and
# prisma/schema.prisma. Prisma 7's CLI cannot run offline here; Prisma 6.19.3 with its
# bundled JS engine can (STACK.md). Needs a PostgreSQL server: KEYPOST_TEST_PG_URL.
# Usage: scripts/new-migration.sh 0002_what_changed
set -euo pipefail
name="${1:?usage: scripts/new-migration.sh NNNN_name}"
root=$(cd "$(dirname "$0")/.." && pwd)
pg="${KEYPOST_TEST_PG_URL:?start one with: eval \"\$(bash .ci/postgres.sh start)\"}"
tool="${KEYPOST_PRISMA6_DIR:-/tmp/keypost-prisma6}"
if [ ! -x "$tool/node_modules/.bin/prisma" ]; then
  mkdir -p "$tool" && (cd "$tool" && npm init -y >/dev/null &&
    npm install --no-audit --no-fund prisma@6.19.3 @prisma/adapter-better-sqlite3@6.19.3 better-sqlite3@12.11.1 @prisma/adapter-pg@6.19.3 pg@8.23.1 >/dev/null)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen_db="keypost_gen_$$"
psql "$pg" -qc "create database $gen_db" >/dev/null
trap 'rm -rf "$work"; psql "$pg" -qc "drop database if exists $gen_db" >/dev/null' EXIT
pg_gen="${pg%/*}/$gen_db"

# Prisma 6 wants a url in the datasource and the old generator name.
prep() { # provider url src dst
  if [ -f "$3" ]; then
    sed -e 's|provider = "prisma-client"|provider = "prisma-client-js"|' \
        -e "s|provider = \"sqlite\"|provider = \"$1\"\n  url = \"$2\"|" "$3" > "$4"
  else
    : > "$4"
  fi
}
last=$(ls -d "$root"/prisma/migrations/sqlite/*/ 2>/dev/null | sort | tail -n 1 || true)
for provider in sqlite postgresql; do
  dir=$([ $provider = sqlite ] && echo sqlite || echo postgres)
  url=$([ $provider = sqlite ] && echo "file:$work/x.db" || echo "$pg_gen")
  prep "$provider" "$url" "$root/prisma/schema.prisma" "$work/to.prisma"
  from=(--from-empty)
  if [ -n "$last" ]; then prep "$provider" "$url" "$last/schema.snapshot.prisma" "$work/from.prisma"; from=(--from-schema-datamodel "$work/from.prisma"); fi
  if [ $provider = sqlite ]; then
    adapter="import { PrismaBetterSQLite3 as A } from '@prisma/adapter-better-sqlite3'; const a = () => new A({ url: '$url' });"
  else
    adapter="import { PrismaPg as A } from '@prisma/adapter-pg'; const a = () => new A({ connectionString: '$url' });"
  fi
  cat > "$tool/prisma.config.ts" <<TS
import { defineConfig } from "prisma/config";
$adapter
export default defineConfig({ engine: "js", experimental: { adapter: true }, schema: "$work/to.prisma", adapter: async () => a() } as never);
TS
  out="$root/prisma/migrations/$dir/$name"
  mkdir -p "$out"
  (cd "$tool" && PRISMA_QUERY_ENGINE_LIBRARY=$(command -v node) PRISMA_SCHEMA_ENGINE_BINARY=$(command -v node) \
    ./node_modules/.bin/prisma migrate diff "${from[@]}" --to-schema-datamodel "$work/to.prisma" --script) > "$out/migration.sql"
  cp "$root/prisma/schema.prisma" "$out/schema.snapshot.prisma"
  echo "wrote $out/migration.sql ($(wc -l < "$out/migration.sql") lines)"
done

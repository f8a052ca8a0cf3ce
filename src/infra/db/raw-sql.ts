import type { Provider } from "./database.ts";

/**
 * Raw SQL is written once with PostgreSQL's numbered placeholders ($1, $2 …); SQLite gets the
 * same numbered form it understands (?1, ?2 …). Identifiers are always double-quoted.
 */
export function dialect(provider: Provider, sql: string): string {
  return provider === "sqlite" ? sql.replace(/\$(\d+)/g, "?$1") : sql;
}

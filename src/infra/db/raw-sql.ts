import type { Provider, Tx } from "./database.ts";

/**
 * Raw SQL is written once with PostgreSQL's numbered placeholders ($1, $2 …). SQLite's driver binds
 * only anonymous `?` positionally, so there each `$n` becomes `?` and the arguments are laid out in
 * the order of appearance (a placeholder used twice gets its value twice). Identifiers are always
 * double-quoted.
 */
export function dialect(provider: Provider, sql: string, args: readonly unknown[]): [string, unknown[]] {
  if (provider === "postgres") return [sql, [...args]];
  const [text, order] = positional(sql);
  return [text, order.map((i) => args[i])];
}

/** SQLite's form of a statement: each `$n` as `?`, and for each `?` in order the argument's index (n - 1). */
export function positional(sql: string): [string, number[]] {
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    order.push(Number(n) - 1);
    return "?";
  });
  return [text, order];
}

/** Executes a statement written with $n placeholders on either engine; returns the affected row count. */
export function executeRaw(tx: Tx, provider: Provider, sql: string, ...args: unknown[]): Promise<number> {
  const [text, ordered] = dialect(provider, sql, args);
  return tx.$executeRawUnsafe(text, ...ordered);
}

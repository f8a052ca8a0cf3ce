// Names for the statements Prisma's client sends to PostgreSQL (decision 13.s19-1), given through
// @prisma/adapter-pg's documented `statementNameGenerator` option: node-postgres then sends a named
// statement's text once per connection (Parse the first time, Bind/Execute after), so the server
// parses and plans a query shape once per connection instead of on every call — what the press's
// hand-written statements already do (sql/named-statement.ts, decision 13.s10p-5). Measured on the
// test server: about a quarter less of its CPU for the same tests.
// Bounded, because each connection keeps every statement it was given a name for until it closes:
// only queries and DML are named (not BEGIN, SAVEPOINT or DDL), not a text with more than
// `maxParams` parameters (Prisma writes a list as `IN ($1, …, $n)`, one text per length), and no
// new text once `maxNames` have been named in this process; those go unnamed, as before.
// A text is named by its hash, so one name is always one text.
import { createHash } from "node:crypto";
import type { SqlQuery } from "@prisma/driver-adapter-utils";

export interface StatementNaming {
  readonly maxNames: number;
  readonly maxParams: number;
}

/**
 * What a service names: a few hundred shapes in practice, each parsed once on each connection. A kept
 * statement took ~14 KB of its session's memory (118 of Prisma's simplest, 1.7 MB), so 500 cost a
 * connection at most ~7 MB, more for the larger joins.
 */
const STATEMENT_NAMING: StatementNaming = { maxNames: 500, maxParams: 32 };

const NAMEABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;

/** A generator for `statementNameGenerator`: a text's name, or undefined to send it unnamed. */
export function statementNamer(naming: StatementNaming = STATEMENT_NAMING): (query: SqlQuery) => string {
  const names = new Map<string, string>();
  return (query) => {
    const known = names.get(query.sql);
    if (known !== undefined) return known;
    if (names.size >= naming.maxNames || query.args.length > naming.maxParams || !NAMEABLE.test(query.sql))
      return undefined as unknown as string; // the adapter passes it on as pg's `name`: unnamed
    const name = `kq_${createHash("sha1").update(query.sql).digest("base64url")}`;
    names.set(query.sql, name);
    return name;
  };
}

// The press's fixed statements carry a name. On PostgreSQL, node-postgres sends a named statement's
// text once per connection (its documented `name` option: Parse the first time, then Bind/Execute),
// so the server parses it once per connection instead of once per press and may keep a generic
// plan; a press's five statements were parsed and planned on every press (decision 13.s10p-5). Opt
// in, one fixed text per name: a text built per call with a varying length (the register import's
// batches) must never be named, since each connection would keep every variant. SQLite ignores the
// names (its session prepares each text once already: ../sql-session.ts).
// A pooler in transaction mode (PgBouncer before 1.21, or without `max_prepared_statements`) does not
// keep a server session's statements across transactions: such a deployment must not use one.
const names = new Map<string, string>();
const texts = new Map<string, string>();

/** `text`, remembered under `name` (a text or a name given twice must be the same pair). */
export function named(name: string, text: string): string {
  if ((names.get(text) ?? name) !== name || (texts.get(name) ?? text) !== text)
    throw new Error(`statement name ${name} given to two texts`);
  names.set(text, name);
  texts.set(name, text);
  return text;
}

/** The name a fixed text was given, if any. */
export function statementName(text: string): string | undefined {
  return names.get(text);
}

/** The text a name was given, if any. */
export function statementText(name: string): string | undefined {
  return texts.get(name);
}

// Deterministic JSON for the audit log's hashes and signed checkpoints. Its own module (re-exported
// by audit-log-writer.ts) so that what signs and verifies checkpoints — and the CLI, which only
// needs the signing error's type — does not load the database drivers.
/** Deterministic JSON: sorted keys, Dates as ISO strings. Throws on values JSON cannot carry faithfully. */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`cannot log the number ${value}`);
      return JSON.stringify(value);
    case "object": {
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new TypeError("cannot log an invalid Date");
        return JSON.stringify(value.toISOString());
      }
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
      return `{${members.join(",")}}`;
    }
    default:
      throw new TypeError(`cannot log a value of type ${typeof value}`);
  }
}

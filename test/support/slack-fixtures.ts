// Fixture payloads (test/fixtures/slack) with their placeholders filled in.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const DIR = join(import.meta.dirname, "..", "fixtures", "slack");

function fill(value: unknown, values: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === "string") {
    const whole = /^__([A-Z_]+)__$/.exec(value);
    if (whole && whole[1]! in values) return values[whole[1]!];
    return value.replace(/__([A-Z_]+)__/g, (m, name: string) => (name in values ? String(values[name]) : m));
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, values));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values)]));
  return value;
}

export function slackFixture(name: string, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return fill(JSON.parse(readFileSync(join(DIR, `${name}.json`), "utf8")), values) as Record<string, unknown>;
}

/** A slash command's form fields (all strings). */
export function slashCommandForm(values: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(slackFixture("slash_command", values)).map(([k, v]) => [k, String(v)]));
}

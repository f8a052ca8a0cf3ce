// `do <use case> …`: runs any use case of the catalog by name, as a slash command would, so that
// what has no button (HR planning a leave, a report of a major event) can be tried from the
// terminal too. Input is a JSON object, or key=value pairs: values are text, except true and false
// (numbers stay text, since codes are often numeric: use JSON for a number). The use case parses
// and checks everything, as for every other adapter.

export type DoCommand =
  | { readonly ok: true; readonly name: string; readonly raw: Record<string, unknown> }
  | { readonly ok: false; readonly problem: "usage" | "json" | "pair"; readonly text: string };

/** Parses what follows "do": a name, then `{…}` or `key=value …`. */
export function parseDo(rest: string): DoCommand {
  const trimmed = rest.trim();
  const space = trimmed.search(/\s/);
  const name = space < 0 ? trimmed : trimmed.slice(0, space);
  const args = space < 0 ? "" : trimmed.slice(space + 1).trim();
  if (name === "") return { ok: false, problem: "usage", text: "" };
  if (args.startsWith("{")) {
    try {
      const value: unknown = JSON.parse(args);
      if (typeof value !== "object" || value === null || Array.isArray(value))
        return { ok: false, problem: "json", text: args };
      return { ok: true, name, raw: value as Record<string, unknown> };
    } catch {
      return { ok: false, problem: "json", text: args };
    }
  }
  const raw: Record<string, unknown> = {};
  for (const pair of args === "" ? [] : args.split(/\s+/)) {
    const eq = pair.indexOf("=");
    if (eq <= 0) return { ok: false, problem: "pair", text: pair };
    const value = pair.slice(eq + 1);
    raw[pair.slice(0, eq)] = value === "true" ? true : value === "false" ? false : value;
  }
  return { ok: true, name, raw };
}

// `keypost --help` lists every command without loading any (commands.ts repeats their usage and
// summary, so help costs milliseconds): each lazily listed command is checked against its module.
import { describe, expect, it } from "vitest";
import { commandLoaders, commands } from "../../src/cli/commands.ts";

describe("the command registry", () => {
  it("lists every command with its module's name, usage and summary", async () => {
    expect(commands.map((c) => c.name)).toEqual(Object.keys(commandLoaders));
    for (const listed of commands) {
      const real = await commandLoaders[listed.name]!();
      expect(listed.name).toBe(real.name);
      expect(listed.usage, listed.name).toBe(real.usage);
      if (listed.name !== "export") expect(listed.summary, listed.name).toBe(real.summary);
    }
  });
});

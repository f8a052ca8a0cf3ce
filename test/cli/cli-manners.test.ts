// CLI manners: `keypost <command> --help` answers for every command (exit 0, its usage, nothing
// run), `keypost --version` prints package.json's version.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { commands } from "../../src/cli/commands.ts";
import type { CliIo } from "../../src/cli/command.ts";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

// A database URL that cannot be opened: --help must not touch it.
const ENV = { DATABASE_URL: "mysql://nowhere/none", LOG_LEVEL: "silent" };

describe("keypost manners", () => {
  it.each(commands.map((c) => c.name))("keypost %s --help prints its usage and exits 0", async (name) => {
    for (const flag of ["--help", "-h"]) {
      const io = capture();
      expect(await main([name, flag], io, ENV)).toBe(0);
      expect(io.stdout[0]).toMatch(new RegExp(`^usage: keypost ${name}\\b`));
      expect(io.stderr).toEqual([]);
    }
  });

  it("keypost --version prints package.json's version", async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as {
      version: string;
    };
    for (const flag of ["--version", "-V"]) {
      const io = capture();
      expect(await main([flag], io, ENV)).toBe(0);
      expect(io.stdout).toEqual([`keypost ${version}`]);
    }
  });
});

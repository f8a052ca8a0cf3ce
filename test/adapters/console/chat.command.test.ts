import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENGINES, emptyDatabaseUrl } from "../../support/databases.ts";
import { seedSmallBank } from "../../support/small-bank.ts";
import { main } from "../../../src/cli/main.ts";
import type { CliIo } from "../../../src/cli/command.ts";
import { createChatCommand } from "../../../src/cli/chat.command.ts";
import { loadConfig } from "../../../src/infra/config.ts";
import { openDatabase } from "../../../src/infra/db/database.ts";
import { migrate } from "../../../src/infra/db/migrator.ts";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, interactive: false, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe.each(ENGINES)("keypost chat on %s", (engine) => {
  let url: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ url, remove } = await emptyDatabaseUrl(engine));
  });
  afterEach(async () => remove());

  const run = async (...args: string[]) => {
    const io = capture();
    const code = await main(["chat", ...args], io, { DATABASE_URL: url, LOG_LEVEL: "silent" });
    return { code, stdout: io.stdout, stderr: io.stderr };
  };

  it("migrates, and an unknown employee code is one line and exit 2", async () => {
    expect(await run("--as", "E-XX")).toEqual({
      code: 2,
      stdout: [],
      stderr: ['keypost chat: no employee with code "E-XX"'],
    });
  });

  it("refuses bad usage with exit 2 and is listed in --help", async () => {
    expect(await run()).toMatchObject({ code: 2, stderr: ["keypost chat: chat needs --as <employee code>"] });
    expect(await run("--as", "E-TL", "--lang", "fr")).toMatchObject({
      code: 2,
      stderr: ['keypost chat: --lang must be zh-CN or en (got "fr")'],
    });
    expect((await run("--as", "E-TL", "--at", "tomorrow")).code).toBe(2);
    expect((await run("--as", "E-TL", "--fast")).code).toBe(2);
    const io = capture();
    await main(["--help"], io, {});
    expect(io.stdout.some((l) => l.trim().startsWith("chat --as <code>"))).toBe(true);
  });

  it("runs the session for a known employee at the --at instant, in --lang, and exits 0 on q", async () => {
    await migrate(url);
    const db = openDatabase(url);
    try {
      await seedSmallBank(db);
    } finally {
      await db.close();
    }
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
    input.end("?\nq\n");
    const io = capture();
    const command = createChatCommand(() => ({ input, output }));
    const code = await command.run(["--as", "E-TL", "--lang", "en", "--at", "2026-12-01T09:30:00+08:00"], {
      config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" }),
      io,
    });
    expect(code).toBe(0);
    expect(printed).toContain("Keypost · Tom Teller (E-TL) · 2026-12-01 09:30 Asia/Shanghai");
    expect(printed).toContain("Nothing to do.");
    expect(printed).toContain("q            quit");
    expect(printed.trimEnd().endsWith("Bye.")).toBe(true);
    expect(io.stderr).toEqual([]);
  });
});

// `keypost import` as an operator runs it: bin/keypost.js starts the command again with a 4 MB young
// generation (decision 13.s11i-2) unless the flag was given or the database is PostgreSQL (decision
// 13.s12g-1), and the exit code and output come through. A preload module given in NODE_OPTIONS (so both processes load it) writes each process's
// Node flags to a file: which processes ran, and with what, is read back from it.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyDatabaseUrl } from "../support/databases.ts";
import { SAMPLES, filesIn } from "../infra/register/register-support.ts";

const run = promisify(execFile);
const BIN = join(import.meta.dirname, "..", "..", "bin", "keypost.js");

describe("keypost import in a process of its own", () => {
  let url: string;
  let remove: () => Promise<void>;
  let dir: string;
  beforeEach(async () => {
    ({ url, remove } = await emptyDatabaseUrl("sqlite"));
    dir = mkdtempSync(join(tmpdir(), "keypost-import-process-"));
    writeFileSync(
      join(dir, "trace.mjs"),
      `import { appendFileSync } from "node:fs";\nappendFileSync(process.env.TRACE_FILE, JSON.stringify(process.execArgv) + "\\n");\n`,
    );
  });
  afterEach(async () => {
    await remove();
  });

  const keypost = async (
    args: string[],
    nodeOptions = "",
    database: Record<string, string> = { DATABASE_URL: url },
  ) => {
    const trace = join(dir, `trace-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(trace, "");
    const env = {
      ...process.env,
      DATABASE_URL: undefined,
      ...database,
      LOG_LEVEL: "silent",
      TRACE_FILE: trace,
      NODE_OPTIONS: `${nodeOptions} --import ${join(dir, "trace.mjs")}`.trim(),
    };
    const result = await run(process.execPath, [BIN, ...args], { env }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    const processes = readFileSync(trace, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as string[]);
    return { ...result, processes };
  };

  it("starts itself again with --max-semi-space-size=4; the output and exit code come through", async () => {
    const first = await keypost(["import", ...filesIn(SAMPLES)]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("employees: 8 created, 0 updated, 0 unchanged");
    expect(first.processes).toHaveLength(2);
    expect(first.processes[0]).not.toContain("--max-semi-space-size=4");
    expect(first.processes[1]).toContain("--max-semi-space-size=4");

    const missing = await keypost(["import", join(dir, "nowhere.csv")]);
    expect(missing.code).toBe(2);
  }, 60_000);

  it("into PostgreSQL runs once, with V8's default young generation, named by DATABASE_URL or its file", async () => {
    const pg = await emptyDatabaseUrl("postgres");
    try {
      const first = await keypost(["import", ...filesIn(SAMPLES)], "", { DATABASE_URL: pg.url });
      expect(first.code).toBe(0);
      expect(first.stdout).toContain("employees: 8 created, 0 updated, 0 unchanged");
      expect(first.processes).toHaveLength(1);
      expect(first.processes[0]!.join(" ")).not.toContain("--max-semi-space-size");

      const file = join(dir, "database-url");
      writeFileSync(file, `${pg.url}\n`);
      const again = await keypost(["import", ...filesIn(SAMPLES)], "", { DATABASE_URL_FILE: file });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("employees: 0 created, 0 updated, 8 unchanged");
      expect(again.processes).toHaveLength(1);
    } finally {
      await pg.remove();
    }
  }, 60_000);

  it("runs once when the flag is given, and other commands run once", async () => {
    const given = await keypost(["import", ...filesIn(SAMPLES)], "--max-semi-space-size=2");
    expect(given.code).toBe(0);
    expect(given.processes).toHaveLength(1);

    const other = await keypost(["export", "register", join(dir, "out")]);
    expect(other.processes).toHaveLength(1);
  }, 60_000);
});

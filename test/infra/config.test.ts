// The environment is parsed strictly: ports are decimal digits, credentials that only work together
// are refused when half set (naming what is missing), a database URL that cannot be right is refused
// naming the variable, secrets may come from files, and no secret is ever echoed in an error.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/infra/config.ts";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/command.ts";

const dir = mkdtempSync(join(tmpdir(), "keypost-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refused(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
}

describe("strict configuration", () => {
  it("ports: decimal digits only", () => {
    expect(loadConfig({ PORT: "8080" }).PORT).toBe(8080);
    expect(loadConfig({}).PORT).toBe(3000);
    for (const bad of [" 80", "80 ", "0x50", "1e3", "80.0", "+80", "-1", "65536", "eighty"])
      expect(refused({ PORT: bad }), bad).toMatch(/^PORT=.* is not valid: expected a port number/);
    expect(refused({ TEAMS_TENANT_RATE: "1e2" })).toMatch(/^TEAMS_TENANT_RATE=/);
    expect(loadConfig({}).SLACK_CHANNEL_RATE).toBe(1);
    expect(loadConfig({ SLACK_CHANNEL_RATE: "1000" }).SLACK_CHANNEL_RATE).toBe(1000);
    expect(refused({ SLACK_CHANNEL_RATE: "1001" })).toMatch(/^SLACK_CHANNEL_RATE=.* is not valid: expected messages/);
  });

  it("the PostgreSQL pool's size: 2 to 100 connections in decimal digits, unset by default", () => {
    expect(loadConfig({}).DATABASE_POOL_SIZE).toBeUndefined();
    expect(loadConfig({ DATABASE_POOL_SIZE: "7" }).DATABASE_POOL_SIZE).toBe(7);
    expect(loadConfig({ DATABASE_POOL_SIZE: "" }).DATABASE_POOL_SIZE).toBeUndefined();
    for (const bad of ["0", "1", "101", "-1", "5.0", "1e1", " 5", "five"])
      expect(refused({ DATABASE_POOL_SIZE: bad }), bad).toMatch(
        /^DATABASE_POOL_SIZE=.* is not valid: expected connections, 2 to 100/,
      );
  });

  it("half-set credentials name what is missing", () => {
    expect(refused({ SLACK_BOT_TOKEN: "xoxb-1" })).toBe(
      "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET must be set together: SLACK_SIGNING_SECRET missing",
    );
    expect(refused({ SLACK_SIGNING_SECRET: "s" })).toMatch(/SLACK_BOT_TOKEN missing$/);
    expect(refused({ TEAMS_CLIENT_ID: "id", TEAMS_TENANT_ID: "t" })).toMatch(/: TEAMS_CLIENT_SECRET missing$/);
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).SLACK_SIGNING_SECRET).toBe("s");
  });

  it("database URLs that cannot be right are refused naming the variable, not echoing it", () => {
    for (const bad of [
      "file:",
      "file:/proc/self/status",
      "file:/sys/x.db",
      "file:/dev/stdin",
      "file:./data/",
      "mysql://h/db",
      "postgres://",
      "postgres:///db",
      "postgres://user:hunter2@/db",
    ]) {
      const message = refused({ DATABASE_URL: bad });
      expect(message, bad).toMatch(/^DATABASE_URL is not valid: expected file:<path>/);
      expect(message).not.toContain("hunter2");
    }
    expect(loadConfig({ DATABASE_URL: "postgresql://u:p@db.internal:5432/keypost" }).DATABASE_URL).toContain(
      "db.internal",
    );
  });

  it("secrets from files: read, one trailing newline dropped; both forms or an unreadable file refused", () => {
    const token = join(dir, "token");
    const secret = join(dir, "secret");
    writeFileSync(token, "xoxb-from-file\n");
    writeFileSync(secret, "signing-from-file");
    const config = loadConfig({ SLACK_BOT_TOKEN_FILE: token, SLACK_SIGNING_SECRET_FILE: secret });
    expect(config.SLACK_BOT_TOKEN).toBe("xoxb-from-file");
    expect(config.SLACK_SIGNING_SECRET).toBe("signing-from-file");
    expect(refused({ SLACK_BOT_TOKEN: "x", SLACK_BOT_TOKEN_FILE: token })).toBe(
      "SLACK_BOT_TOKEN and SLACK_BOT_TOKEN_FILE are both set: set one",
    );
    expect(refused({ TEAMS_CLIENT_SECRET_FILE: join(dir, "missing") })).toMatch(
      /^TEAMS_CLIENT_SECRET_FILE=".*missing" cannot be read \(ENOENT\)$/,
    );
    const db = join(dir, "db-url");
    writeFileSync(db, "file:/proc/1/x\n");
    expect(refused({ DATABASE_URL_FILE: db })).toMatch(/^DATABASE_URL is not valid/);
  });

  it("the console notifier is for development only", () => {
    expect(loadConfig({ KEYPOST_DEV_NOTICES: "console" }).KEYPOST_DEV_NOTICES).toBe("console");
    expect(refused({ KEYPOST_DEV_NOTICES: "console", NODE_ENV: "production" })).toMatch(/development only/);
  });
});

describe("the CLI on a bad environment", () => {
  const run = async (env: Record<string, string>) => {
    const err: string[] = [];
    const io: CliIo = { out: () => undefined, err: (l) => err.push(l), interactive: false };
    const started = performance.now();
    const code = await main(["migrate"], io, env);
    return { code, err, ms: performance.now() - started };
  };

  it("exits 2 with one line naming the variable, at once", async () => {
    const slack = await run({ SLACK_BOT_TOKEN: "xoxb-secret-value" });
    expect(slack).toMatchObject({ code: 2, err: [expect.stringMatching(/SLACK_SIGNING_SECRET missing$/)] });
    expect(slack.err.join("")).not.toContain("xoxb-secret-value");
    const proc = await run({ DATABASE_URL: "file:/proc/self/fd/0" });
    expect(proc).toMatchObject({
      code: 2,
      err: [expect.stringMatching(/^keypost migrate: DATABASE_URL is not valid/)],
    });
    expect(proc.ms).toBeLessThan(2_000);
    expect((await run({ PORT: "0x50" })).code).toBe(2);
  });
});

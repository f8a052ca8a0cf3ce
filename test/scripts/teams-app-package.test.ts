// The Teams app package as Teams reads it: a ZIP with manifest.json (current schema, the ids from
// the environment, a bot in personal scope with its command list), the zh-CN localization, a
// 192×192 color icon and a 32×32 white-on-transparent outline icon. The ZIP is read back here
// with an independent reader (central directory, inflate, CRC-32).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildTeamsPackage, parsePackageEnv } from "../../scripts/teams/app-package.ts";
import { pngSize } from "../../scripts/teams/png.ts";

const ENV = {
  TEAMS_APP_ID: "0a1b2c3d-0000-4000-8000-000000000001",
  TEAMS_CLIENT_ID: "7e0f3a52-1d4b-4f6e-8a9c-2b5d7e1f0c34",
  TEAMS_DEVELOPER_URL: "https://keypost.bank.example/",
};

function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const packed = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extra = archive.readUInt16LE(at + 30);
    const comment = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    expect(archive.readUInt32LE(local)).toBe(0x04034b50);
    const dataAt = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const raw = archive.subarray(dataAt, dataAt + packed);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    expect(data.length, name).toBe(size);
    expect(crc32(data), name).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

describe("the Teams app package", () => {
  const files = unzip(buildTeamsPackage(parsePackageEnv(ENV, { dev: true })));
  const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- read back as Teams would, untyped

  it("holds the manifest, its zh-CN localization and both icons at the root", () => {
    expect([...files.keys()].sort()).toEqual(["color.png", "manifest.json", "outline.png", "zh-cn.json"]);
  });

  it("uses the current schema and the ids from the environment", () => {
    expect(manifest.$schema).toBe(
      "https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json",
    );
    expect(manifest.manifestVersion).toBe("1.22");
    expect(manifest.id).toBe(ENV.TEAMS_APP_ID);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.developer).toEqual({
      name: "Keypost",
      websiteUrl: "https://keypost.bank.example",
      privacyUrl: "https://keypost.bank.example/privacy",
      termsOfUseUrl: "https://keypost.bank.example/terms",
    });
    expect(JSON.stringify(manifest)).not.toContain("${{");
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
  });

  it("declares one bot, in personal scope, with the typed commands", () => {
    expect(manifest.bots).toHaveLength(1);
    const [bot] = manifest.bots;
    expect(bot).toMatchObject({ botId: ENV.TEAMS_CLIENT_ID, scopes: ["personal"], isNotificationOnly: false });
    const commands = bot.commandLists[0].commands as { title: string; description: string }[];
    expect(bot.commandLists[0].scopes).toEqual(["personal"]);
    expect(commands.map((c) => c.title)).toEqual([
      "home",
      "status",
      "tasks",
      "audit",
      "report",
      "leave",
      "event",
      "lang",
      "platform",
      "help",
    ]);
    expect(commands.length).toBeLessThanOrEqual(10);
    for (const c of commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
  });

  it("localizes every command description into Chinese", () => {
    const zh = JSON.parse(files.get("zh-cn.json")!.toString("utf8")) as Record<string, string>;
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: "en-us",
      additionalLanguages: [{ languageTag: "zh-cn", file: "zh-cn.json" }],
    });
    const commands = manifest.bots[0].commandLists[0].commands as unknown[];
    commands.forEach((_, i) =>
      expect(zh[`bots[0].commandLists[0].commands[${i}].description`]).toMatch(/\p{Script=Han}/u),
    );
    expect(zh["description.short"]).toMatch(/\p{Script=Han}/u);
  });

  it("has a 192×192 color icon and a 32×32 outline icon that is white on transparent", () => {
    expect(pngSize(files.get("color.png")!)).toEqual({ width: 192, height: 192 });
    expect(pngSize(files.get("outline.png")!)).toEqual({ width: 32, height: 32 });
    // The outline's pixels: RGBA rows after a filter byte; every pixel white-opaque or transparent.
    const png = files.get("outline.png")!;
    const idat = png.indexOf("IDAT");
    const raw = inflateRawSync(png.subarray(idat + 4 + 2, idat + 4 + png.readUInt32BE(idat - 4) - 4));
    let opaque = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = raw.subarray(y * 129 + 1 + x * 4, y * 129 + 5 + x * 4);
        expect(a === 0 || (r === 255 && g === 255 && b === 255 && a === 255)).toBe(true);
        if (a === 255) opaque += 1;
      }
    }
    expect(opaque).toBeGreaterThan(50);
    expect(
      readFileSync(join(import.meta.dirname, "../../manifest/teams/color.png")).equals(files.get("color.png")!),
    ).toBe(true);
  });

  it("npm run manifest:teams refuses a missing or invalid id, naming it (exit 2)", () => {
    const run = (env: Record<string, string>) => {
      try {
        execFileSync(process.execPath, ["--import", "tsx", "scripts/teams/build-teams-package.ts"], {
          cwd: join(import.meta.dirname, "../.."),
          env: { PATH: process.env.PATH ?? "", ...env },
          encoding: "utf8",
          stdio: "pipe",
        });
        return { code: 0, stderr: "" };
      } catch (error) {
        const e = error as { status: number; stderr: string };
        return { code: e.status, stderr: e.stderr };
      }
    };
    expect(run({ TEAMS_CLIENT_ID: ENV.TEAMS_CLIENT_ID })).toEqual({
      code: 2,
      stderr: "manifest:teams: TEAMS_APP_ID is missing or not valid: expected a GUID\n",
    });
    expect(run({ TEAMS_APP_ID: "not-a-guid", TEAMS_CLIENT_ID: ENV.TEAMS_CLIENT_ID }).code).toBe(2);
  });

  it("refuses placeholder privacy and terms links (the default keypost.example.com) unless --dev", () => {
    const ids = { TEAMS_APP_ID: ENV.TEAMS_APP_ID, TEAMS_CLIENT_ID: ENV.TEAMS_CLIENT_ID };
    expect(() => parsePackageEnv(ids)).toThrow(/TEAMS_DEVELOPER_URL is a placeholder \(keypost\.example\.com\)/);
    expect(() => parsePackageEnv({ ...ids, TEAMS_DEVELOPER_URL: "https://keypost.bank.example" })).toThrow(
      /placeholder/,
    );
    expect(parsePackageEnv(ids, { dev: true }).TEAMS_DEVELOPER_URL).toBe("https://keypost.example.com");
    expect(parsePackageEnv({ ...ids, TEAMS_DEVELOPER_URL: "https://keypost.corp.internal" }).TEAMS_DEVELOPER_URL).toBe(
      "https://keypost.corp.internal",
    );
    const cli = (args: string[]) => {
      try {
        execFileSync(process.execPath, ["--import", "tsx", "scripts/teams/build-teams-package.ts", ...args], {
          cwd: join(import.meta.dirname, "../.."),
          env: { PATH: process.env.PATH ?? "", ...ids, TEAMS_DEVELOPER_URL: "https://keypost.example.com" },
          encoding: "utf8",
          stdio: "pipe",
        });
        return 0;
      } catch (error) {
        return (error as { status: number }).status;
      }
    };
    expect(cli([])).toBe(2);
  });
});

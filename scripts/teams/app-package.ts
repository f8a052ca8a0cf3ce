// The Teams app package: manifest.json (ids filled in from the environment), the zh-CN
// localization, and the two icons, zipped. `npm run manifest:teams` writes it; a test reads it
// back and checks it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { zip } from "./zip-writer.ts";

export const MANIFEST_DIR = join(import.meta.dirname, "../../manifest/teams");
export const PACKAGE_FILES = ["manifest.json", "zh-cn.json", "color.png", "outline.png"] as const;

const guid = z.uuid();
export const packageEnv = z.object({
  /** The app's own id in the Teams catalogue (any GUID, stable across versions). */
  TEAMS_APP_ID: guid,
  /** The bot's id: its Entra application (client) id. */
  TEAMS_CLIENT_ID: guid,
  /** The publisher's site (https); privacy and terms pages are under it. */
  TEAMS_DEVELOPER_URL: z.url({ protocol: /^https$/ }).default("https://keypost.example.com"),
});
export type PackageEnv = z.infer<typeof packageEnv>;

export class PackageError extends Error {}

/** Hosts reserved for examples and tests (RFC 2606, RFC 6761): never a bank's privacy or terms page. */
export function isPlaceholderHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return (
    /(^|\.)example\.(com|net|org)$/.test(h) ||
    /\.(example|test|invalid|localhost)$/.test(h) ||
    ["example", "test", "invalid", "localhost"].includes(h)
  );
}

/**
 * The package's settings from the environment. The manifest links the publisher's privacy and
 * terms pages under TEAMS_DEVELOPER_URL; a placeholder there (the default keypost.example.com) is
 * refused unless `dev` (`npm run manifest:teams -- --dev`, for a test tenant).
 */
export function parsePackageEnv(env: Record<string, string | undefined>, options: { dev?: boolean } = {}): PackageEnv {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = packageEnv.safeParse(present);
  if (parsed.success) {
    if (!options.dev && isPlaceholderHost(new URL(parsed.data.TEAMS_DEVELOPER_URL).hostname))
      throw new PackageError(
        `TEAMS_DEVELOPER_URL is a placeholder (${new URL(parsed.data.TEAMS_DEVELOPER_URL).hostname}): Teams shows its /privacy and /terms pages to every user. Set the bank's https:// site, or pass --dev for a test tenant`,
      );
    return parsed.data;
  }
  const issue = parsed.error.issues[0]!;
  throw new PackageError(
    `${String(issue.path[0])} is missing or not valid: ${issue.path[0] === "TEAMS_DEVELOPER_URL" ? "expected an https:// address" : "expected a GUID"}`,
  );
}

/** manifest.json with every ${{NAME}} replaced; an unknown placeholder is an error. */
export function fillManifest(template: string, env: PackageEnv): string {
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = (env as Record<string, string>)[name];
    if (value === undefined) throw new PackageError(`manifest.json names \${{${name}}}, which is not set`);
    return name === "TEAMS_DEVELOPER_URL" ? value.replace(/\/+$/, "") : value;
  });
  JSON.parse(filled);
  return filled;
}

export function buildTeamsPackage(env: PackageEnv, dir = MANIFEST_DIR): Buffer {
  return zip(
    PACKAGE_FILES.map((name) => {
      const data = readFileSync(join(dir, name));
      return {
        name,
        data: name === "manifest.json" ? Buffer.from(fillManifest(data.toString("utf8"), env), "utf8") : data,
      };
    }),
  );
}

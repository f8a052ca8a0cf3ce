// npm run manifest:teams — writes dist/teams/keypost-teams.zip from manifest/teams and the
// environment (TEAMS_APP_ID, TEAMS_CLIENT_ID, TEAMS_DEVELOPER_URL — a placeholder host such as the
// default keypost.example.com is refused unless `-- --dev`). Upload it in the
// Teams admin center (Manage apps → Upload new app), or see README for installing it for everyone.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PackageError, buildTeamsPackage, isPlaceholderHost, parsePackageEnv } from "./app-package.ts";

try {
  const dev = process.argv.includes("--dev");
  const env = parsePackageEnv(process.env, { dev });
  if (dev && isPlaceholderHost(new URL(env.TEAMS_DEVELOPER_URL).hostname))
    process.stderr.write(
      `manifest:teams: --dev: privacy and terms link to ${env.TEAMS_DEVELOPER_URL}, a placeholder; not for production\n`,
    );
  const out = join(import.meta.dirname, "../../dist/teams");
  mkdirSync(out, { recursive: true });
  const file = join(out, "keypost-teams.zip");
  const zipped = buildTeamsPackage(env);
  writeFileSync(file, zipped);
  process.stdout.write(
    `wrote dist/teams/keypost-teams.zip (${zipped.length} bytes): app ${env.TEAMS_APP_ID}, bot ${env.TEAMS_CLIENT_ID}\n`,
  );
} catch (error) {
  if (!(error instanceof PackageError)) throw error;
  process.stderr.write(`manifest:teams: ${error.message}\n`);
  process.exitCode = 2;
}

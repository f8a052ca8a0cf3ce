// No container engine runs here, so the deployment files are checked against the code: every
// environment variable they set is one the configuration reads, the ports agree with the one the
// service listens on, every probe path answers on the running service, the image builds with the
// same steps CI runs, and runs compiled code, as a user other than root, with a HEALTHCHECK on /readyz.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema, loadConfig, SECRET_FILES } from "../../src/infra/config.ts";
import { silentLogger } from "../../src/infra/logger.ts";
import { startService, type Service } from "../../src/main.ts";
import { testDatabase, type TestDatabase } from "../support/databases.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const dockerfile = read("Dockerfile");
const compose = read("docker-compose.yml");
const systemd = read("deploy/systemd/keypost.service");
const kubernetes = read("deploy/kubernetes/keypost.yaml");
const ci = read(".ci/run");
const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };

const KNOWN = new Set<string>([...Object.keys(configSchema.shape), ...SECRET_FILES.map((name) => `${name}_FILE`)]);
/** The official postgres image's own settings, set on the postgres service only. */
const POSTGRES_IMAGE = new Set(["POSTGRES_USER", "POSTGRES_DB", "POSTGRES_PASSWORD_FILE"]);
const DEFAULT_PORT = String(loadConfig({}).PORT);

function envNames(): Record<string, string[]> {
  return {
    Dockerfile: [...dockerfile.matchAll(/^\s*(?:ENV\s+)?([A-Z][A-Z0-9_]+)=\S+(?:\s*\\)?$/gm)].map((m) => m[1]!),
    "docker-compose.yml": [...compose.matchAll(/^\s{6}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!),
    "keypost.service": [...systemd.matchAll(/^Environment=([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!),
    "keypost.yaml": [...kubernetes.matchAll(/\{ name: ([A-Z][A-Z0-9_]+), value:/g)].map((m) => m[1]!),
  };
}

describe("the deployment files agree with the code", () => {
  it("set only variables the configuration reads (or the postgres image's own)", () => {
    const all = envNames();
    for (const [file, names] of Object.entries(all)) {
      expect(names.length, file).toBeGreaterThan(2);
      for (const name of names) expect(KNOWN.has(name) || POSTGRES_IMAGE.has(name), `${file}: ${name}`).toBe(true);
    }
    // What the replicas need to be reachable and to run without DDL rights.
    expect(all["docker-compose.yml"]).toEqual(expect.arrayContaining(["HOST", "KEYPOST_MIGRATE", "DATABASE_URL_FILE"]));
    expect(all["keypost.yaml"]).toEqual(expect.arrayContaining(["HOST", "KEYPOST_MIGRATE", "DATABASE_URL_FILE"]));
    expect(dockerfile).toMatch(/^\s*HOST=0\.0\.0\.0/m);
  });

  it("use the port the service listens on", () => {
    expect(dockerfile).toContain(`EXPOSE ${DEFAULT_PORT}`);
    expect(dockerfile).toMatch(new RegExp(`PORT=${DEFAULT_PORT}`));
    expect([...compose.matchAll(/"\d+:(\d+)"/g)].map((m) => m[1])).toEqual([DEFAULT_PORT, DEFAULT_PORT]);
    expect([...kubernetes.matchAll(/containerPort: (\d+)/g)].map((m) => m[1])).toEqual([DEFAULT_PORT]);
    for (const m of kubernetes.matchAll(/port: (\d+) \}/g)) expect(m[1]).toBe(DEFAULT_PORT);
    expect(systemd).toContain(`PORT=${DEFAULT_PORT}`);
  });

  it("build the image with CI's steps and run compiled code, not as root", () => {
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\w+)/gm)].map((m) => m[2]);
    expect(stages).toEqual(["build", "run"]);
    const [build, run] = dockerfile.split(/^FROM .* AS run$/m) as [string, string];
    // The build stage runs what CI runs after checkout: npm ci, then npm run build.
    expect(ci).toMatch(/^npm ci .*$/m);
    expect(ci).toMatch(/^npm run build\b/m);
    expect(build).toMatch(/^RUN npm ci\b/m);
    expect(build).toMatch(/^RUN npm run build$/m);
    expect(pkg.scripts.build).toBe("node scripts/build.mjs");
    expect(build).toMatch(/^RUN npm prune --omit=dev --omit=optional$/m);
    expect(build).toMatch(/^RUN node scripts\/prune-prisma-runtime\.mjs$/m);
    expect(build.indexOf("RUN node scripts/prune-prisma-runtime.mjs")).toBeGreaterThan(
      build.indexOf("RUN npm run build"),
    );
    // The run stage: compiled code and production dependencies, no sources, no compiler.
    expect(run).toContain("COPY --from=build /app/dist ./dist");
    expect(run).not.toMatch(/COPY (--from=build \/app\/)?src\b/);
    expect(run).not.toMatch(/npm (ci|install)(?! --omit)/);
    expect(run).toMatch(/^USER (?!root)\w+$/m);
    expect(run).toMatch(/^CMD \["node", (.*, )?"bin\/keypost\.js", "serve"\]$/m);
    expect(run).toMatch(/^HEALTHCHECK .*\n\s+CMD .*\/readyz/m);
  });

  it("start the service with the Node flags of npm start", () => {
    // The small-footprint flags (decision 18.13) are part of what "the service" is: the image, the
    // unit and `npm start` run the same command, so the idle memory measured is the one deployed.
    const start = /^node ((?:--[\w-]+(?:=\S+)? )+)bin\/keypost\.js serve$/.exec(pkg.scripts.start ?? "");
    expect(start, "npm start: node <flags> bin/keypost.js serve").not.toBeNull();
    const flags = start![1]!.trim().split(" ");
    expect(flags).toEqual(
      expect.arrayContaining(["--max-semi-space-size=1", "--v8-pool-size=1", "--liftoff-only", "--optimize-for-size"]),
    );
    const cmd = /^CMD \[(.*)\]$/m.exec(dockerfile)![1]!;
    expect(JSON.parse(`[${cmd}]`)).toEqual(["node", ...flags, "bin/keypost.js", "serve"]);
    expect(systemd).toMatch(new RegExp(`^ExecStart=/usr/bin/node ${flags.join(" ")} bin/keypost\\.js serve$`, "m"));
    // Compose and Kubernetes run the image's CMD for the service (their own command is the migration).
    expect(compose).not.toMatch(/command: \[[^\]]*"serve"/);
    expect(kubernetes).not.toMatch(/command: \[[^\]]*"serve"/);
  });

  describe("probe paths answer on the running service", () => {
    let db: TestDatabase;
    let service: Service;
    beforeAll(async () => {
      db = await testDatabase("sqlite");
      service = await startService(
        loadConfig({ PORT: "0", DATABASE_URL: db.url, KEYPOST_SCHEDULER: "on", LOG_LEVEL: "silent" }),
        { log: silentLogger },
      );
    });
    afterAll(async () => {
      await service?.close();
      await db?.drop();
    });

    it("every path the files probe or scrape", async () => {
      const paths = new Set([
        ...[...kubernetes.matchAll(/path: (\/\w+)/g)].map((m) => m[1]!),
        ...[...kubernetes.matchAll(/prometheus\.io\/path: (\/\w+)/g)].map((m) => m[1]!),
        ...[...dockerfile.matchAll(/127\.0\.0\.1:\d+(\/\w+)/g)].map((m) => m[1]!),
        ...[...compose.matchAll(/127\.0\.0\.1:\d+(\/\w+)/g)].map((m) => m[1]!),
      ]);
      expect([...paths].sort()).toEqual(["/livez", "/metrics", "/readyz"]);
      for (const path of paths) {
        let status = 0;
        for (let i = 0; i < 50 && status !== 200; i++) {
          status = (await fetch(`${service.url}${path}`)).status;
          if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(status, path).toBe(200);
      }
    });
  });
});

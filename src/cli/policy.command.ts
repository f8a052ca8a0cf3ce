// keypost policy apply|import|show|export — the bank's policies (docs/policies.md). Every change is
// written with a versioned `policy.changed` audit-log event in the same transaction; applying or
// importing the same thing again changes nothing. `show --post` says where each number comes from.
import { writeFile } from "node:fs/promises";
import { stringify } from "csv-stringify/sync";
import { POLICY_COLUMNS, checkPolicyRows, FIELD_COLUMNS, type StoredPolicies } from "../app/policy/policy-file-rows.ts";
import { formatRowError, type RowError } from "../ports/register-source.ts";
import {
  POLICY_FIELDS,
  PRESET_CODES,
  isPostCategory,
  presetPolicies,
  type CategoryDefaults,
  type Policy,
} from "../domain/policy/index.ts";
import { openDatabase, type Database } from "../infra/db/database.ts";
import { fieldCipherOf } from "../infra/records/field-cipher.ts";
import { migrate } from "../infra/db/migrator.ts";
import { PrismaPolicyRepository } from "../infra/db/prisma-policy-repository.ts";
import { PrismaPolicyWriter, type PolicyWriteReport } from "../infra/db/prisma-policy-writer.ts";
import { systemClock } from "../ports/clock.ts";
import { readPolicyFile } from "../infra/policy-files/policy-file.reader.ts";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliContext } from "./command.ts";
import { parseOptions } from "./export.command.ts";
import { policyRowsInForce } from "./export-bank-files.ts";

const USAGE =
  "policy apply <preset> | import <file> [--dry-run] | show [--post CODE] | export [--format csv|json] [--out FILE]";

async function withDatabase<T>(ctx: CliContext, work: (db: Database) => Promise<T>): Promise<T> {
  await migrate(ctx.config.DATABASE_URL);
  const db = openDatabase(ctx.config.DATABASE_URL, fieldCipherOf(ctx.config));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** The category defaults in force, or none when they cannot be told apart (several sets, no preset). */
async function defaultsOrNone(repo: PrismaPolicyRepository): Promise<CategoryDefaults> {
  try {
    return await repo.categoryDefaults();
  } catch {
    return {};
  }
}

function printWrite(ctx: CliContext, report: PolicyWriteReport, dryRun: boolean): void {
  if (dryRun) ctx.io.out("dry run: nothing was written");
  ctx.io.out(`policies: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`);
  for (const line of report.changes) ctx.io.out(`  ${line}`);
}

class DryRun extends Error {
  constructor(readonly report: PolicyWriteReport) {
    super("dry run");
  }
}

const cliChange = (ctx: CliContext) => ({
  at: (ctx.clock ?? systemClock).now(),
  actorId: null,
  platform: "cli" as const,
});

async function apply(args: string[], ctx: CliContext): Promise<number> {
  const [preset, ...rest] = args;
  if (preset === undefined || rest.length > 0 || preset.startsWith("-"))
    throw new UsageError(`name one preset: keypost policy apply <${PRESET_CODES.join("|")}>`);
  if (!(PRESET_CODES as readonly string[]).includes(preset))
    throw new UsageError(`unknown preset "${preset}" (known: ${PRESET_CODES.join(", ")})`);
  return withDatabase(ctx, async (db) => {
    printWrite(ctx, await new PrismaPolicyWriter(db).write(presetPolicies(preset), preset, cliChange(ctx)), false);
    return EXIT_OK;
  });
}

function printErrors(ctx: CliContext, errors: readonly RowError[]): number {
  for (const e of errors) ctx.io.err(formatRowError(e));
  ctx.io.err(`${errors.length} ${errors.length === 1 ? "problem" : "problems"}: nothing was imported`);
  return EXIT_USAGE;
}

/** Reads and checks a policy file against what is stored; errors or the policies to write. */
export async function checkPolicyFile(
  db: Database,
  path: string,
): Promise<{ errors: RowError[]; policies: Policy[]; activePreset: string | undefined }> {
  const read = await readPolicyFile(path);
  if (read.errors.length > 0) return { errors: read.errors, policies: [], activePreset: undefined };
  const repo = new PrismaPolicyRepository(db.prisma);
  const stored: StoredPolicies = {
    byCode: new Map((await repo.list()).map((p) => [p.code, p])),
    defaults: await defaultsOrNone(repo),
  };
  return checkPolicyRows(path, read.rows, stored);
}

async function importFile(args: string[], ctx: CliContext): Promise<number> {
  const dryRun = args.includes("--dry-run");
  const unknown = args.find((a) => a.startsWith("-") && a !== "--dry-run");
  if (unknown !== undefined) throw new UsageError(`unknown option "${unknown}" (usage: keypost ${USAGE})`);
  const paths = args.filter((a) => !a.startsWith("-"));
  if (paths.length !== 1) throw new UsageError("name one policy file: keypost policy import policies.csv");
  return withDatabase(ctx, async (db) => {
    const checked = await checkPolicyFile(db, paths[0]!);
    if (checked.errors.length > 0) return printErrors(ctx, checked.errors);
    const writer = new PrismaPolicyWriter(db);
    let report: PolicyWriteReport;
    try {
      report = await db.transaction(async (tx) => {
        const r = await writer.writeIn(tx, checked.policies, checked.activePreset, cliChange(ctx));
        if (dryRun) throw new DryRun(r);
        return r;
      });
    } catch (error) {
      if (!(error instanceof DryRun)) throw error;
      report = error.report;
    }
    printWrite(ctx, report, dryRun);
    return EXIT_OK;
  });
}

const table = (rows: readonly (readonly string[])[]): string[] => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd(),
  );
};

const value = (v: number | readonly number[]): string => (typeof v === "number" ? String(v) : v.join(","));

function origin(policy: Policy): string {
  return policy.preset === null || policy.preset === "custom" ? "the bank's own" : `preset ${policy.preset}`;
}

async function show(args: string[], ctx: CliContext): Promise<number> {
  const options = parseOptions(args, ["post"], "policy show [--post CODE]");
  return withDatabase(ctx, async (db) => {
    const repo = new PrismaPolicyRepository(db.prisma);
    const defaults = await defaultsOrNone(repo);
    const postCode = options.get("post");
    if (postCode === undefined) {
      const policies = await repo.list();
      const active = await repo.activePreset();
      ctx.io.out(`active preset: ${active ?? "none"}`);
      if (policies.length === 0) {
        ctx.io.out("no policy is stored: every post has no policy (keypost policy apply <preset> or policy import)");
        return EXIT_FAILURE;
      }
      const inForce = new Set(Object.values(defaults).map((p) => p?.code));
      ctx.io.out(
        table([
          ["code", "applies to", ...POLICY_FIELDS.map((f) => FIELD_COLUMNS[f]), "from"],
          ...policies.map((p) => [
            p.code,
            p.category === null
              ? "posts pointing at it"
              : `${p.category} default${inForce.has(p.code) ? "" : " (inactive)"}`,
            ...POLICY_FIELDS.map((f) => value(p[f])),
            origin(p),
          ]),
        ]).join("\n"),
      );
      return EXIT_OK;
    }
    const post = await db.prisma.keyPost.findUnique({
      where: { code: postCode },
      select: { code: true, name: true, category: true, policy: { select: { code: true } } },
    });
    if (!post) throw new UsageError(`no key post "${postCode}"`);
    const base = isPostCategory(post.category) ? defaults[post.category] : undefined;
    const own = post.policy ? await repo.byCode(post.policy.code) : undefined;
    ctx.io.out(`${post.code} ${post.name} (${post.category})`);
    if (!base && !own) {
      ctx.io.out(`${post.code} has no policy: apply a preset (keypost policy apply cn-bank) or import a policy file`);
      return EXIT_FAILURE;
    }
    const rows = POLICY_FIELDS.map((f) => {
      const fromOwn = own !== undefined && (!base || value(own[f]) !== value(base[f]));
      const source = fromOwn
        ? `post override ${own.code} (${origin(own)})`
        : `category default ${base!.code} (${origin(base!)})`;
      return [FIELD_COLUMNS[f], value(fromOwn ? own[f] : base![f]), source];
    });
    ctx.io.out(table([["field", "value", "comes from"], ...rows]).join("\n"));
    return EXIT_OK;
  });
}

async function exportPolicies(args: string[], ctx: CliContext): Promise<number> {
  const options = parseOptions(args, ["format", "out"], "policy export [--format csv|json] [--out FILE]");
  const format = options.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") throw new UsageError(`--format must be csv or json (got "${format}")`);
  return withDatabase(ctx, async (db) => {
    // The defaults in force and every override: an inactive preset's defaults decide nothing.
    const rows = await policyRowsInForce(db);
    const text =
      format === "csv"
        ? stringify([[...POLICY_COLUMNS], ...rows.map((r) => POLICY_COLUMNS.map((c) => r[c]))], {
            record_delimiter: "\n",
          })
        : JSON.stringify(
            {
              kind: "policies",
              rows: rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ""))),
            },
            null,
            2,
          ) + "\n";
    const out = options.get("out");
    if (out === undefined) ctx.io.out(text.replace(/\n$/, ""));
    else {
      await writeFile(out, text);
      ctx.io.err(`policies: ${rows.length} rows → ${out}`);
    }
    return EXIT_OK;
  });
}

export const policyCommand: CliCommand = {
  name: "policy",
  usage: USAGE,
  summary: "the bank's rotation and leave policies: apply a preset, import or export a file, show a post's numbers",
  run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === "apply") return apply(rest, ctx);
    if (sub === "import") return importFile(rest, ctx);
    if (sub === "show") return show(rest, ctx);
    if (sub === "export") return exportPolicies(rest, ctx);
    throw new UsageError(`keypost ${USAGE}`);
  },
};

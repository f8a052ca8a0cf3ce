// Imports register files — units, employees, posts, assignments, clients — in one transaction.
// Files are taken in dependency order whatever order they come in; references resolve against the
// files and the database; every row is checked and every problem reported; nothing is written
// unless every row of every file is valid. Upserts by the bank's codes: the same files again
// change nothing. A dry run does all of it and rolls back. A real import that changed something
// writes one audit-log entry with the counts and each file's sha256.
import type { Clock } from "../../ports/clock.ts";
import type { NewId } from "../../ports/ids.ts";
import type { LogPlatform } from "../../ports/audit-log.ts";
import type { RegisterStore } from "../../ports/register-repository.ts";
import { ImportContext, type KindTally, type Progress } from "./import-context.ts";
import { importUnits } from "./import-units.step.ts";
import { importEmployees } from "./import-employees.step.ts";
import { importPosts } from "./import-posts.step.ts";
import { importAssignments } from "./import-assignments.step.ts";
import { importClients } from "./import-clients.step.ts";
import { REGISTER_KINDS, type RegisterKind } from "../../ports/register-kinds.ts";
import { sortRowErrors, type RegisterSource, type RowError } from "../../ports/register-source.ts";

export interface ImportRegisterDeps {
  readonly store: RegisterStore;
  readonly clock: Clock;
  readonly newId: NewId;
  /** Called every 10 000 rows of a kind (the CLI shows it when stderr is a terminal). */
  readonly onProgress?: Progress;
}

export interface ImportRegisterInput {
  readonly sources: readonly RegisterSource[];
  readonly dryRun: boolean;
  /** Problems found before reading (a file whose kind could not be told): nothing is written. */
  readonly fileErrors?: readonly RowError[];
  readonly platform?: LogPlatform;
  readonly actorId?: string | null;
}

export interface KindSummary extends KindTally {
  readonly kind: RegisterKind;
}

export interface ImportedFile {
  readonly name: string;
  readonly kind: RegisterKind;
  readonly sha256: string;
}

export interface ImportReport {
  readonly dryRun: boolean;
  /** True when the import committed changes (not a dry run, and something changed). */
  readonly written: boolean;
  readonly kinds: readonly KindSummary[];
  readonly files: readonly ImportedFile[];
}

export type ImportOutcome =
  { readonly ok: true; readonly report: ImportReport } | { readonly ok: false; readonly errors: readonly RowError[] };

/**
 * The order the steps run in: each after the kinds it refers to. Posts refer only to units (and the
 * reference tables), so they go before the employees: on SQLite the import's thread writes the posts
 * and builds their indexes while this thread reads the employees — the thread waits for the
 * employees' rows much of that time — rather than at the end, where nothing else runs beside it
 * (decision 13.s14i-6). Reports, errors and counts keep REGISTER_KINDS' order.
 */
const STEP_ORDER: readonly RegisterKind[] = ["units", "posts", "employees", "assignments", "clients"];

const STEPS: Record<RegisterKind, (ctx: ImportContext, sources: readonly RegisterSource[]) => Promise<void>> = {
  units: importUnits,
  employees: importEmployees,
  posts: importPosts,
  assignments: importAssignments,
  clients: importClients,
};

export async function importRegister(deps: ImportRegisterDeps, input: ImportRegisterInput): Promise<ImportOutcome> {
  const now = deps.clock.now();
  const byKind = (kind: RegisterKind) => input.sources.filter((s) => s.kind === kind);
  const present = REGISTER_KINDS.filter((kind) => byKind(kind).length > 0);
  return deps.store.transaction(
    async (repo): Promise<ImportOutcome> => {
      const ctx = new ImportContext(repo, now, deps.newId, deps.onProgress);
      ctx.prefetch(present);
      for (const kind of STEP_ORDER) await STEPS[kind](ctx, byKind(kind));
      await ctx.flush();
      const errors = [...(input.fileErrors ?? []), ...ctx.errors];
      if (errors.length > 0) {
        // Files in the order they are imported (units first): the first problems are the causes.
        const order = [
          ...(input.fileErrors ?? []).map((e) => e.file),
          ...REGISTER_KINDS.flatMap((kind) => byKind(kind).map((s) => s.name)),
        ];
        return { ok: false, errors: sortRowErrors(errors, order) };
      }
      const kinds = present.map((kind) => ({ kind, ...ctx.tally(kind) }));
      const files = input.sources.map((s) => ({ name: s.name, kind: s.kind, sha256: s.sha256() }));
      const changes = kinds.reduce((n, k) => n + k.created + k.updated, 0);
      const written = !input.dryRun && changes > 0;
      if (written) {
        await ctx.repo.appendLog({
          at: now,
          actorId: input.actorId ?? null,
          platform: input.platform ?? "cli",
          action: "register.imported",
          subjectType: "register",
          subjectId: "org",
          data: {
            files: files.map((f) => ({ file: f.name, kind: f.kind, sha256: f.sha256 })),
            counts: Object.fromEntries(
              kinds.map((k) => [k.kind, { created: k.created, updated: k.updated, unchanged: k.unchanged }]),
            ),
          },
        });
      }
      await ctx.flush();
      return { ok: true, report: { dryRun: input.dryRun, written, kinds, files } };
    },
    (outcome) => outcome.ok && outcome.report.written,
  );
}

/** "employees: 3 created, 1 updated, 96 unchanged" — one line per kind imported. */
export function summaryLines(report: ImportReport): string[] {
  return report.kinds.map((k) => `${k.kind}: ${k.created} created, ${k.updated} updated, ${k.unchanged} unchanged`);
}

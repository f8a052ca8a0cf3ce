// Helpers for the register tests: import files through the real use case, export, count rows.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importRegister, type ImportOutcome } from "../../../src/app/register/import-register.ts";
import { exportRegister } from "../../../src/app/register/export-register.ts";
import { formatRowError } from "../../../src/ports/register-source.ts";
import type { Database } from "../../../src/infra/db/database.ts";
import { PrismaRegisterReader } from "../../../src/infra/db/register/prisma-register-reader.ts";
import { PrismaRegisterStore } from "../../../src/infra/db/register/prisma-register-repository.ts";
import { openRegisterFiles } from "../../../src/infra/register-files/open-register-file.ts";
import { RegisterFilesWriter, type RegisterFormat } from "../../../src/infra/register-files/register-file-writer.ts";
import { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { newId } from "../../../src/ports/ids.ts";

export const SAMPLES = join(import.meta.dirname, "..", "..", "..", "samples", "register");
export const NOW = "2026-11-28T02:00:00Z";

export function filesIn(dir: string, extension = ".csv"): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(extension))
    .sort()
    .map((f) => join(dir, f));
}

export async function importFiles(
  db: Database,
  paths: readonly string[],
  options: { dryRun?: boolean; at?: string } = {},
): Promise<ImportOutcome> {
  const { sources, errors } = await openRegisterFiles(paths);
  return importRegister(
    { store: new PrismaRegisterStore(db), clock: new FixedClock(options.at ?? NOW), newId },
    { sources, dryRun: options.dryRun ?? false, fileErrors: errors },
  );
}

/** The error lines of a failed import (file names shortened to their base name). */
export function errorLines(outcome: ImportOutcome): string[] {
  if (outcome.ok) throw new Error("the import succeeded");
  return outcome.errors.map((e) => formatRowError({ ...e, file: e.file.split("/").pop()! }));
}

export function counts(outcome: ImportOutcome): Record<string, [number, number, number]> {
  if (!outcome.ok) throw new Error(`the import failed:\n${errorLines(outcome).join("\n")}`);
  return Object.fromEntries(outcome.report.kinds.map((k) => [k.kind, [k.created, k.updated, k.unchanged]]));
}

export async function exportTo(db: Database, format: RegisterFormat = "csv"): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "keypost-export-"));
  await exportRegister(new PrismaRegisterReader(db), new RegisterFilesWriter(dir, format));
  return dir;
}

/** Row counts of the register tables (to prove that nothing was written). */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const p = db.prisma;
  return {
    units: await p.orgUnit.count(),
    employees: await p.employee.count(),
    roles: await p.roleGrant.count(),
    identities: await p.chatIdentity.count(),
    posts: await p.keyPost.count(),
    assignments: await p.assignment.count(),
    clients: await p.client.count(),
    clientAssignments: await p.clientAssignment.count(),
    log: await p.auditLogEntry.count(),
  };
}

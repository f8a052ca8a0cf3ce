// keypost verify-log [--file <export>] [--public-key <pem>…]: without --file, the database's log
// end to end and against the signed checkpoints outside it; with --file, an export on its own, with
// no database (docs/audit-log.md).
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { openDatabase } from "../infra/db/database.ts";
import { fieldCipherOf } from "../infra/records/field-cipher.ts";
import { migrate } from "../infra/db/migrator.ts";
import { verifyLog } from "../infra/db/audit-log-verifier.ts";
import { DirectoryCheckpointStore } from "../infra/audit-log/directory-checkpoint-store.ts";
import { ExportFileError, parseExport } from "../infra/audit-log/export-records.ts";
import { verifyExport } from "../infra/audit-log/export-verifier.ts";
import { trustedCheckpoints } from "../infra/audit-log/trusted-checkpoints.ts";
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliCommand, type CliContext } from "./command.ts";

const USAGE = "verify-log [--file <export>] [--public-key <pem>]…";

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch {
    throw new UsageError(`cannot read ${what} "${path}"`);
  }
}

async function verifyFile(file: string, pinned: string[] | undefined, { io }: CliContext): Promise<number> {
  let records;
  try {
    records = parseExport(await readText(file, "the export"));
  } catch (error) {
    if (error instanceof ExportFileError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  const v = verifyExport(records, pinned);
  const summary = `${v.entries} entries in full, ${v.omitted} hash-only, ${v.proven} proven by ${v.checkpoints} signed checkpoints (key ${v.keyIds.join(", ") || "none"})`;
  if (v.ok) {
    io.out(`export ok: ${summary}`);
    return EXIT_OK;
  }
  io.out(`export not proven: ${summary}`);
  for (const p of v.problems) io.out(`- ${p}`);
  return EXIT_FAILURE;
}

export const verifyLogCommand: CliCommand = {
  name: "verify-log",
  usage: USAGE,
  summary: "check the audit log (or an export of it, with no database): every hash, every link, the signed checkpoints",
  async run(args, ctx) {
    let values: { file?: string; "public-key"?: string[] };
    try {
      ({ values } = parseArgs({
        args,
        options: { file: { type: "string" }, "public-key": { type: "string", multiple: true } },
        strict: true,
        allowPositionals: false,
      }));
    } catch {
      throw new UsageError(
        `verify-log takes --file and --public-key only (got "${args.join(" ")}"; usage: keypost ${USAGE})`,
      );
    }
    const pinned = values["public-key"]
      ? await Promise.all(values["public-key"].map((f) => readText(f, "the public key")))
      : undefined;
    if (values.file !== undefined) return verifyFile(values.file, pinned, ctx);

    const { config, io } = ctx;
    await migrate(config.DATABASE_URL);
    const trusted = await trustedCheckpoints(new DirectoryCheckpointStore(config.KEYPOST_LOG_CHECKPOINT_DIR), pinned);
    if (!trusted.ok) {
      io.out(`log not proven: ${trusted.reason}`);
      return EXIT_FAILURE;
    }
    const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
    try {
      const result = await verifyLog(db, { checkpoints: trusted.checkpoints });
      if (result.ok) {
        io.out(`log ok: ${result.entries} entries`);
        if (trusted.checkpoints.length === 0)
          io.out("no signed checkpoints: only the chain inside the database was checked (docs/audit-log.md)");
        else io.out(`${result.checkpoints} signed checkpoints match`);
        return EXIT_OK;
      }
      io.out(`log broken at entry #${result.firstBad.seq}: ${result.firstBad.reason}`);
      return EXIT_FAILURE;
    } finally {
      await db.close();
    }
  },
};

// keypost export audit-log [--from] [--to] [--subject] [--format jsonl|csv] [--out FILE] [--as CODE]
// Who may export the log (docs/audit-log.md, decisions 19.2): the operator (the CLI without --as:
// whoever holds the database and the signing key) and compliance. Entries of a leave still sealed
// at the export instant are hash-only lines unless the reader may see every sealed leave (the
// operator, or HR/compliance over the whole bank). Every export first signs a checkpoint of the head.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { hasAnyRole, type Actor } from "../domain/access/roles.ts";
import { auditLogExport, type ExportReader, type ExportSelection } from "../infra/audit-log/audit-log-exporter.ts";
import { csvHeaderLine, toCsvLine, toJsonLine, type ExportFormat } from "../infra/audit-log/export-records.ts";
import { logRecordsOf } from "../infra/audit-log/log-records.ts";
import { openDatabase, type Database } from "../infra/db/database.ts";
import { fieldCipherOf } from "../infra/records/field-cipher.ts";
import { migrate } from "../infra/db/migrator.ts";
import { PrismaReportQueries } from "../infra/db/prisma-report-queries.ts";
import { systemClock } from "../ports/clock.ts";
import { EXIT_OK, UsageError } from "./command.ts";
import type { ExportReport } from "./export.command.ts";

const USAGE =
  "export audit-log [--from DATE|ISO] [--to DATE|ISO] [--subject ID|TYPE:ID] [--format jsonl|csv] [--out FILE] [--as CODE]";

function instant(name: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const date = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}(T.*(Z|[+-]\d{2}:\d{2}))?$/.test(text) || Number.isNaN(date.getTime()))
    throw new UsageError(`--${name} must be a date (YYYY-MM-DD, UTC) or an ISO instant with offset (got "${text}")`);
  return date;
}

/** A grant on a top-level unit ("/HO/") covers the whole bank. */
function overWholeBank(actor: Actor): boolean {
  return actor.grants.some(
    (g) => ["hr", "compliance", "compliance_head"].includes(g.role) && g.unitPath.split("/").length === 3,
  );
}

export async function readerFor(db: Database, code: string | undefined): Promise<ExportReader> {
  if (code === undefined) return { name: "operator", seesSealed: true };
  const actor = await new PrismaReportQueries(db.prisma, db.provider).actorByCode(code);
  if (!actor) throw new UsageError(`no current employee with code "${code}"`);
  const mayExport = actor.grants.some((g) => hasAnyRole(actor, ["compliance", "compliance_head"], g.unitPath));
  if (!mayExport || actor.onLeave)
    throw new UsageError(`${code} may not export the audit log: only compliance may (docs/audit-log.md)`);
  return { name: code, seesSealed: overWholeBank(actor) };
}

export const auditLogExportReport: ExportReport = {
  name: "audit-log",
  usage: USAGE,
  summary: "the audit log with every entry's hash and signed checkpoints, verifiable with no database",
  async run(args, { config, io, clock }) {
    let values: Record<string, string | undefined>;
    try {
      ({ values } = parseArgs({
        args,
        options: Object.fromEntries(
          ["from", "to", "subject", "format", "out", "as"].map((n) => [n, { type: "string" as const }]),
        ),
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(`${(error as Error).message} (usage: keypost ${USAGE})`);
    }
    const format = (values.format ?? "jsonl") as ExportFormat;
    if (format !== "jsonl" && format !== "csv") throw new UsageError(`--format must be jsonl or csv (got "${format}")`);
    const selection: ExportSelection = {
      ...(values.from !== undefined ? { from: instant("from", values.from)! } : {}),
      ...(values.to !== undefined ? { to: instant("to", values.to)! } : {}),
      ...(values.subject !== undefined ? { subjects: [values.subject] } : {}),
    };
    if (!config.KEYPOST_LOG_SIGNING_KEY_FILE)
      throw new UsageError(
        "export audit-log needs KEYPOST_LOG_SIGNING_KEY_FILE: an export is proven by the checkpoint signed for it",
      );
    await migrate(config.DATABASE_URL);
    const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
    try {
      const reader = await readerFor(db, values.as);
      const records = await logRecordsOf(config, db);
      const now = (clock ?? systemClock).now();
      const mine = await records.checkpointer.checkpoint("export", now);
      const keys = await records.store.publicKeys();
      const checkpoints = (await records.store.list()).map((checkpoint) => ({
        checkpoint,
        publicKey: keys.get(checkpoint.keyId) ?? "",
      }));
      const out = values.out === undefined ? undefined : createWriteStream(values.out, { encoding: "utf8" });
      const pending: string[] = [];
      const write = async (text: string): Promise<void> => {
        if (!out) {
          pending.push(text);
          return;
        }
        if (!out.write(text)) await once(out, "drain");
      };
      if (format === "csv") await write(csvHeaderLine());
      let lines = 0;
      for await (const record of auditLogExport(db, selection, reader, now, checkpoints)) {
        await write(format === "csv" ? toCsvLine(record) : toJsonLine(record));
        if (record.record === "entry" || record.record === "omitted") lines += 1;
      }
      if (out) {
        out.end();
        await once(out, "finish");
        io.out(`audit log: ${lines} entries up to #${mine?.seq ?? 0} → ${values.out}`);
      } else io.out(pending.join("").replace(/\n$/, ""));
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};

// keypost evidence audit <id> [--lang zh-CN|en] [--out FILE]: the evidence pack of one off-post
// audit (src/infra/records/evidence-pack.ts). The CLI is the operator's tool, as for exports.
import { writeFile } from "node:fs/promises";
import { isLocale } from "../ports/locale.ts";
import { logRecordsOf } from "../infra/audit-log/log-records.ts";
import { openDatabase } from "../infra/db/database.ts";
import { fieldCipherOf } from "../infra/records/field-cipher.ts";
import { migrate } from "../infra/db/migrator.ts";
import { PrismaEvidenceReads } from "../infra/db/prisma-evidence-reads.ts";
import { EvidencePackError, buildEvidencePack } from "../infra/records/evidence-pack.ts";
import { renderAuditReport } from "../app/records/audit-report.html.ts";
import { DirectoryEvidenceStore } from "../infra/records/directory-evidence-store.ts";
import { systemClock } from "../ports/clock.ts";
import { EXIT_OK, UsageError, parseOrUsage, type CliCommand } from "./command.ts";

const USAGE = "evidence audit <audit id> [--lang zh-CN|en] [--out FILE]";

export const evidenceCommand: CliCommand = {
  name: "evidence",
  usage: USAGE,
  summary: "one zip with an audit's printable report, records, proven log entries and a SHA-256 manifest",
  async run(args, { config, io, clock }) {
    const parsed = parseOrUsage(
      {
        args,
        options: { lang: { type: "string" }, out: { type: "string" } },
        allowPositionals: true,
      },
      USAGE,
    );
    const [kind, ref, ...rest] = parsed.positionals;
    if (kind !== "audit" || ref === undefined || rest.length > 0) throw new UsageError(`usage: keypost ${USAGE}`);
    const lang = parsed.values.lang ?? config.KEYPOST_LOCALE;
    if (!isLocale(lang)) throw new UsageError(`--lang must be zh-CN or en (got "${lang}")`);
    await migrate(config.DATABASE_URL);
    const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
    try {
      const pack = await buildEvidencePack(
        db,
        new PrismaEvidenceReads(db),
        renderAuditReport,
        await logRecordsOf(config, db),
        ref,
        lang,
        (clock ?? systemClock).now(),
        new DirectoryEvidenceStore(config.KEYPOST_EVIDENCE_DIR),
      ).catch((error: unknown) => {
        if (error instanceof EvidencePackError) throw new UsageError(error.message);
        throw error;
      });
      const out = parsed.values.out ?? `evidence-audit-${pack.auditId}.zip`;
      await writeFile(out, pack.zip, { flag: "wx" }).catch(() => {
        throw new UsageError(`cannot create "${out}" (it must not exist yet)`);
      });
      io.out(`evidence pack of audit ${pack.auditId}: ${pack.files.length + 1} files → ${out}`);
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};

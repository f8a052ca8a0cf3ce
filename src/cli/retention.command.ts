// keypost purge <class> --before DATE [--dry-run] and keypost legal-hold set|clear|list [<class>]
// [--reason TEXT]: retention of records (docs/retention.md). A purge refuses anything inside its
// retention period (KEYPOST_RETENTION preset) or under a legal hold, and says why; what it removes
// is logged in the audit log itself. Legal holds are kept as settings ("retention.hold.<class>").
import {
  RECORD_CLASSES,
  RETENTION_YEARS,
  isRecordClass,
  purgeRefusal,
  type RecordClass,
} from "../domain/retention/retention.policy.ts";
import { appendLogEntry } from "../infra/db/audit-log-writer.ts";
import { logRecordsOf } from "../infra/audit-log/log-records.ts";
import { openDatabase, type Database } from "../infra/db/database.ts";
import { fieldCipherOf } from "../infra/records/field-cipher.ts";
import { migrate } from "../infra/db/migrator.ts";
import { PurgeError, runPurge } from "../infra/records/purge-runner.ts";
import { purgeTarget } from "./purge-targets.ts";
import { systemClock } from "../ports/clock.ts";
import { EXIT_FAILURE, EXIT_OK, UsageError, parseOrUsage, type CliCommand } from "./command.ts";

const holdKey = (c: RecordClass) => `retention.hold.${c}`;

export async function holdOf(db: Database, c: RecordClass): Promise<{ reason: string; at: string } | undefined> {
  const row = await db.prisma.setting.findUnique({ where: { key: holdKey(c) } });
  return row ? (JSON.parse(row.value) as { reason: string; at: string }) : undefined;
}

function recordClass(value: string | undefined): RecordClass {
  if (value === undefined || !isRecordClass(value))
    throw new UsageError(`name a record class: ${RECORD_CLASSES.join(", ")} (got "${value ?? ""}")`);
  return value;
}

const PURGE_USAGE = "purge <class> --before YYYY-MM-DD [--dry-run]";

export const purgeCommand: CliCommand = {
  name: "purge",
  usage: PURGE_USAGE,
  summary: "remove records older than their retention period (refused inside retention or under a legal hold)",
  async run(args, { config, io, clock }) {
    const parsed = parseOrUsage(
      {
        args,
        options: { before: { type: "string" }, "dry-run": { type: "boolean" } },
        allowPositionals: true,
      },
      PURGE_USAGE,
    );
    const c = recordClass(parsed.positionals[0]);
    const text = parsed.values.before;
    if (text === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)))
      throw new UsageError(`--before must be a date YYYY-MM-DD (got "${text ?? ""}")`);
    const before = new Date(`${text}T00:00:00Z`);
    const now = (clock ?? systemClock).now();
    await migrate(config.DATABASE_URL);
    const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
    try {
      // Purging audits removes their findings too: both classes' retention and holds must allow it.
      for (const governed of c === "audits" ? (["audits", "findings"] as const) : [c]) {
        const refusal = purgeRefusal(governed, config.KEYPOST_RETENTION, before, now, await holdOf(db, governed));
        if (refusal?.code === "LEGAL_HOLD") {
          io.err(`refused: ${governed} is under a legal hold (${refusal.reason}); nothing removed`);
          return EXIT_FAILURE;
        }
        if (refusal?.code === "INSIDE_RETENTION") {
          io.err(
            `refused: ${governed} is kept ${refusal.years} years under ${config.KEYPOST_RETENTION}; records dated before ${text} may go from ${refusal.keptUntil.toISOString().slice(0, 10)}; nothing removed`,
          );
          return EXIT_FAILURE;
        }
      }
      const records = await logRecordsOf(config, db);
      const target = purgeTarget(c, db, records, config, before, now);
      if (parsed.values["dry-run"]) {
        io.out(await target.dryRun());
        return EXIT_OK;
      }
      try {
        const result = await runPurge(db, records, target.purge, before, now);
        io.out(result.removed === 0 ? `nothing to remove${target.kept(result)}` : target.done(result));
        return EXIT_OK;
      } catch (error) {
        if (error instanceof PurgeError) {
          io.err(`refused: ${error.message}`);
          return EXIT_FAILURE;
        }
        throw error;
      }
    } finally {
      await db.close();
    }
  },
};

const HOLD_USAGE = "legal-hold set <class> --reason TEXT | legal-hold clear <class> | legal-hold list";

export const legalHoldCommand: CliCommand = {
  name: "legal-hold",
  usage: HOLD_USAGE,
  summary: "stop (or allow again) every purge of a record class, e.g. during litigation or an inspection",
  async run(args, { config, io, clock }) {
    const parsed = parseOrUsage({ args, options: { reason: { type: "string" } }, allowPositionals: true }, HOLD_USAGE);
    const [verb, cls] = parsed.positionals;
    if (verb !== "set" && verb !== "clear" && verb !== "list") throw new UsageError(`usage: keypost ${HOLD_USAGE}`);
    await migrate(config.DATABASE_URL);
    const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
    try {
      if (verb === "list") {
        for (const c of RECORD_CLASSES) {
          const hold = await holdOf(db, c);
          const years = RETENTION_YEARS[config.KEYPOST_RETENTION][c];
          io.out(`${c}: ${years} years${hold ? `; on hold since ${hold.at} (${hold.reason})` : ""}`);
        }
        return EXIT_OK;
      }
      const c = recordClass(cls);
      const now = (clock ?? systemClock).now();
      if (verb === "set") {
        const reason = parsed.values.reason?.trim();
        if (!reason) throw new UsageError("--reason is required: say why the records are held");
        const value = JSON.stringify({ reason, at: now.toISOString() });
        await db.transaction(async (tx, sql) => {
          await tx.setting.upsert({
            where: { key: holdKey(c) },
            create: { key: holdKey(c), value },
            update: { value },
          });
          await appendLogEntry(
            tx,
            db.provider,
            {
              at: now,
              actorId: null,
              platform: "cli",
              action: "records.hold_set",
              subjectType: "records",
              subjectId: c,
              data: { reason },
            },
            sql,
          );
        });
        io.out(`${c} is on legal hold: no purge until it is cleared`);
      } else {
        await db.transaction(async (tx, sql) => {
          await tx.setting.deleteMany({ where: { key: holdKey(c) } });
          await appendLogEntry(
            tx,
            db.provider,
            {
              at: now,
              actorId: null,
              platform: "cli",
              action: "records.hold_cleared",
              subjectType: "records",
              subjectId: c,
              data: {},
            },
            sql,
          );
        });
        io.out(`${c}: legal hold cleared`);
      }
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};

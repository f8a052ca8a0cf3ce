// keypost erase-person <code> [--dry-run]: erases a person's personal data once they have left and
// every record naming them is past its retention and not on hold (docs/retention.md, "Erasing a
// person"). The records keep the person's id; the audit log loses their chat ids, codes and typed
// text and still verifies (log-erasure.ts); the erasure itself is logged (people.erased, ids,
// counts and the hashes of the older entries it redacted) and checkpointed.
import { RECORD_CLASSES, erasureRefusal, type RecordClass } from "../domain/retention/retention.policy.ts";
import { logRecordsOf } from "../infra/audit-log/log-records.ts";
import { openDatabase } from "../infra/db/database.ts";
import { migrate } from "../infra/db/migrator.ts";
import { erasureFacts, personErasure } from "../infra/records/person-erasure.ts";
import { PurgeError, runPurge } from "../infra/records/purge-runner.ts";
import { systemClock } from "../ports/clock.ts";
import { EXIT_FAILURE, EXIT_OK, UsageError, parseOrUsage, type CliCommand } from "./command.ts";
import { holdOf } from "./retention.command.ts";

const USAGE = "erase-person <employee code> [--dry-run]";

export const erasePersonCommand: CliCommand = {
  name: "erase-person",
  usage: USAGE,
  summary: "erase a person's personal data once they have left and their records are past retention",
  async run(args, { config, io, clock }) {
    const parsed = parseOrUsage({ args, options: { "dry-run": { type: "boolean" } }, allowPositionals: true }, USAGE);
    const code = parsed.positionals[0];
    if (!code || parsed.positionals.length > 1) throw new UsageError(`usage: keypost ${USAGE}`);
    const now = (clock ?? systemClock).now();
    await migrate(config.DATABASE_URL);
    const db = openDatabase(config.DATABASE_URL);
    try {
      const person = await db.prisma.employee.findUnique({ where: { code }, select: { id: true } });
      if (!person) {
        io.err(`no employee with code "${code}"; nothing erased`);
        return EXIT_FAILURE;
      }
      const holds: Partial<Record<RecordClass, { reason: string }>> = {};
      for (const c of RECORD_CLASSES) {
        const hold = await holdOf(db, c);
        if (hold) holds[c] = hold;
      }
      const facts = await erasureFacts(db.prisma, person.id, now);
      const refusal = erasureRefusal(config.KEYPOST_RETENTION, now, facts, holds);
      if (refusal) {
        io.err(
          refusal.code === "STILL_EMPLOYED"
            ? `refused: ${code} has not left; nothing erased`
            : refusal.code === "LEGAL_HOLD"
              ? `refused: ${refusal.recordClass} naming ${code} are under a legal hold (${refusal.reason}); nothing erased`
              : `refused: ${refusal.recordClass} naming ${code} are kept under ${config.KEYPOST_RETENTION} until ${refusal.keptUntil.toISOString().slice(0, 10)}; nothing erased`,
        );
        return EXIT_FAILURE;
      }
      if (parsed.values["dry-run"]) {
        io.out(`would erase the personal data of ${code}`);
        return EXIT_OK;
      }
      const result = await runPurge(db, await logRecordsOf(config, db), personErasure(person.id), undefined, now);
      io.out(
        `erased the personal data of ${code} (${result.data.identities as number} chat identities, ${result.data.notices as number} notices, ${result.data.logEntries as number} log entries); the erasure is logged and checkpointed`,
      );
      return EXIT_OK;
    } catch (error) {
      if (error instanceof PurgeError) {
        io.err(`refused: ${error.message}`);
        return EXIT_FAILURE;
      }
      throw error;
    } finally {
      await db.close();
    }
  },
};

import { parseArgs } from "node:util";
import { migrate } from "../infra/db/migrator.ts";
import { openDatabase } from "../infra/db/database.ts";
import { fieldCipherOf } from "../infra/records/field-cipher.ts";
import { createLogger } from "../infra/logger.ts";
import { FixedClock } from "../infra/fixed-clock.ts";
import { buildKernel, buildNotifiers, teamsAdapterFor, tick } from "../main.ts";
import { Dispatcher } from "../app/delivery/dispatcher.ts";
import { logRecordsOf } from "../infra/audit-log/log-records.ts";
import { EXIT_OK, UsageError, type CliCommand } from "./command.ts";

export const tickCommand: CliCommand = {
  name: "tick",
  usage: "tick [--at <ISO-8601>]",
  summary: "run every scheduled job due as of that instant (default: now), then exit",
  async run(args, { config, io }) {
    const { values } = parseArgs({ args, options: { at: { type: "string" } }, strict: true, allowPositionals: false });
    const at = values.at === undefined ? new Date() : new Date(values.at);
    if (Number.isNaN(at.getTime()) || (values.at !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(values.at))) {
      throw new UsageError(`--at must be an ISO-8601 instant such as 2026-12-01T09:00:00+08:00 (got "${values.at}")`);
    }
    await migrate(config.DATABASE_URL);
    const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
    try {
      const log = createLogger(config.LOG_LEVEL);
      const kernel = buildKernel(db, config, new FixedClock(at));
      const teams = await teamsAdapterFor(kernel, config, log);
      const records = await logRecordsOf(config, db);
      const dispatcher = new Dispatcher(buildNotifiers(log, config, teams ? [teams.notifier] : []));
      const report = await tick(
        kernel,
        {
          dispatcher,
          checkpointer: records.checkpointer,
          onCheckpointRefused: (error) =>
            io.err(`audit log checkpoint refused: ${error instanceof Error ? error.message : String(error)}`),
        },
        at,
      );
      for (const r of report.ran) io.out(`ran ${r.job} [${r.slot}]${r.result ? " " + JSON.stringify(r.result) : ""}`);
      for (const s of report.skipped) io.out(`skipped ${s.job} [${s.slot}]: already run`);
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};

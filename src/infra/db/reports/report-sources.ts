// The reports' dependencies over one database, and what `keypost export <report>` needs from the
// outside world: a migrated database, files, the system clock.
import { writeFile } from "node:fs/promises";
import type { ReportDeps, ReportExportHost } from "../../../ports/report-queries.ts";
import { systemClock } from "../../../ports/clock.ts";
import { openDatabase, type Database } from "../database.ts";
import { migrate } from "../migrator.ts";
import { PrismaCalendarRepository } from "../prisma-calendar-repository.ts";
import { PrismaReportQueries } from "../prisma-report-queries.ts";
import { fieldCipherOf } from "../../records/field-cipher.ts";

export function reportDepsOf(db: Database): ReportDeps {
  return {
    queries: new PrismaReportQueries(db.prisma, db.provider, db.fields),
    calendars: new PrismaCalendarRepository(db.prisma),
  };
}

export function reportExportHost(usageError: (message: string) => Error): ReportExportHost {
  return {
    async open(config) {
      await migrate(config.DATABASE_URL);
      const db = openDatabase(config.DATABASE_URL, fieldCipherOf(config));
      return { deps: reportDepsOf(db), close: () => db.close() };
    },
    writeFile: (path, text) => writeFile(path, text, "utf8"),
    usageError,
    now: () => systemClock.now(),
  };
}

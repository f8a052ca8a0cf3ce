// An online copy of a SQLite database with SQLite's backup API (better-sqlite3's db.backup): pages
// are copied a batch at a time while the service goes on reading and writing; a write during the
// copy makes SQLite restart it, so the copy is one consistent instant. The copy is then checked
// (PRAGMA integrity_check) before it is reported done.
import { existsSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";

export interface BackupResult {
  readonly pages: number;
  readonly bytes: number;
}

export async function backupSqlite(source: string, target: string): Promise<BackupResult> {
  if (existsSync(target)) throw new Error(`${target} exists already: name a new file`);
  const db = new BetterSqlite3(source, { fileMustExist: true, timeout: 10_000 });
  try {
    const progress = await db.backup(target);
    const copy = new BetterSqlite3(target, { readonly: true });
    try {
      const check = copy.pragma("integrity_check", { simple: true });
      if (check !== "ok") throw new Error(`the copy failed its integrity check: ${String(check)}`);
      const pageSize = copy.pragma("page_size", { simple: true }) as number;
      return { pages: progress.totalPages, bytes: progress.totalPages * pageSize };
    } finally {
      copy.close();
    }
  } finally {
    db.close();
  }
}

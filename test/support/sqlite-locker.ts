// Another process holding a write lock on a SQLite file, as a second service or an operator's
// shell would: used by the "database locked" tests of each platform to show that requests needing
// no database answer at once and the others get a clear 503, not a stall or a 500.
import { spawn, type ChildProcess } from "node:child_process";

/** Starts a process holding `BEGIN IMMEDIATE` on the file until its stdin closes. */
export async function lockSqliteFile(path: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `const db = require("better-sqlite3")(${JSON.stringify(path)});
       db.exec("BEGIN IMMEDIATE"); db.exec("UPDATE \\"Employee\\" SET \\"locale\\" = \\"locale\\"");
       process.stdout.write("locked\\n");
       process.stdin.on("end", () => { db.exec("COMMIT"); db.close(); process.exit(0); }); process.stdin.resume();`,
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
    child.on("exit", (code) => reject(new Error(`locker exited ${code}`)));
  });
  return child;
}

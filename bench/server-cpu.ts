// CPU time per request for the benches that run on a shared machine (decision 20.26): wall time
// there is 2–4× the work under other sessions' load, CPU time much less so. The service's CPU is
// this process's (process.cpuUsage); a local PostgreSQL server's is the sum over the postmaster's
// children, read from /proc — a bench on a shared Linux machine, not a portable tool: elsewhere
// (another machine, no /proc) it is undefined and the benches print the process's CPU only.
// Only the backends of the bench's database and their parallel workers count (not autovacuum, not
// other sessions' tests on the same server). A pid reused within one request would be miscounted; on a bench's time scale that
// does not happen.
import { readdirSync, readFileSync } from "node:fs";

/**
 * The CPU time (ms) each of the local PostgreSQL server's processes has used so far, by pid, or
 * undefined. A sum over the processes alive at two reads can go down (a backend or an autovacuum
 * worker that ended drops out), so `cpuBetween` compares them process by process.
 */
export function serverCpu(postmaster: Server | number | undefined): Map<number, number> | undefined {
  if (postmaster === undefined) return undefined;
  const { pid: parent, database } =
    typeof postmaster === "number" ? { pid: postmaster, database: undefined } : postmaster;
  const tick = 10; // USER_HZ is 100 on Linux
  const ours = new Map<number, number>();
  const workers = new Map<number, { leader: number; ms: number }>();
  try {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      let f: string[];
      let title: string;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (Number(f[1]) !== parent) continue;
        title = database === undefined ? "" : readFileSync(`/proc/${pid}/cmdline`, "utf8");
      } catch {
        continue;
      }
      const ms = (Number(f[11]) + Number(f[12])) * tick;
      // A backend's title is "postgres: <user> <database> <client> <activity>"; a parallel worker's
      // "postgres: parallel worker for PID <leader>": the bench's database's backends and their workers.
      const worker = /^postgres: parallel worker for PID (\d+)/.exec(title);
      if (worker) workers.set(Number(pid), { leader: Number(worker[1]), ms });
      else if (database === undefined || title.split(" ")[2] === database) ours.set(Number(pid), ms);
    }
  } catch {
    return undefined;
  }
  for (const [pid, w] of workers) if (database === undefined || ours.has(w.leader)) ours.set(pid, w.ms);
  return ours;
}

/** The server's CPU (ms) between two reads: each process's growth, a process started in between counted whole. */
export function cpuBetween(
  before: Map<number, number> | undefined,
  after: Map<number, number> | undefined,
): number | undefined {
  if (before === undefined || after === undefined) return undefined;
  let total = 0;
  for (const [pid, ms] of after) total += Math.max(0, ms - (before.get(pid) ?? 0));
  return total;
}

/** A local PostgreSQL server: its postmaster's pid, and the database whose backends are counted. */
export interface Server {
  readonly pid: number;
  readonly database: string;
}

/**
 * The postmaster (a backend's parent) and the bench's database, or undefined when the server is not
 * local or not Linux. Only that database's backends are counted: on a shared machine other
 * sessions' tests may use the same server (seen: they doubled the figures).
 */
export async function postmasterOf(db: {
  $queryRawUnsafe: <T>(sql: string) => Promise<T>;
}): Promise<Server | undefined> {
  try {
    const [row] = await db.$queryRawUnsafe<{ pid: number; db: string }[]>(
      "SELECT pg_backend_pid() AS pid, current_database() AS db",
    );
    const stat = readFileSync(`/proc/${row!.pid}/stat`, "utf8");
    return { pid: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]), database: row!.db };
  } catch {
    return undefined;
  }
}

/** Runs `work` and answers its wall time and the CPU (ms) this process and the server spent on it. */
export async function timed<T>(
  postmaster: Server | undefined,
  work: () => Promise<T>,
): Promise<{ result: T; wall: number; cpu: number; dbCpu: number | undefined }> {
  const db0 = serverCpu(postmaster);
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const result = await work();
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu0);
  const db1 = serverCpu(postmaster);
  return {
    result,
    wall,
    cpu: (used.user + used.system) / 1000,
    dbCpu: cpuBetween(db0, db1),
  };
}

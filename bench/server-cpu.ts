// CPU time per request for the benches that run on a shared machine (decision 20.26): wall time
// there is 2–4× the work under other sessions' load, CPU time much less so. The service's CPU is
// this process's (process.cpuUsage); a local PostgreSQL server's is the sum over the postmaster's
// children, read from /proc — a bench on a shared Linux machine, not a portable tool: elsewhere
// (another machine, no /proc) it is undefined and the benches print the process's CPU only.
// The children include autovacuum: a bank written just before a run can add its work to the
// first requests (the benches' kept banks avoid it). A pid reused within one request would be
// miscounted; on a bench's time scale that does not happen.
import { readdirSync, readFileSync } from "node:fs";

/**
 * The CPU time (ms) each of the local PostgreSQL server's processes has used so far, by pid, or
 * undefined. A sum over the processes alive at two reads can go down (a backend or an autovacuum
 * worker that ended drops out), so `cpuBetween` compares them process by process.
 */
export function serverCpu(postmaster: number | undefined): Map<number, number> | undefined {
  if (postmaster === undefined) return undefined;
  const tick = 10; // USER_HZ is 100 on Linux
  const out = new Map<number, number>();
  try {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      } catch {
        continue;
      }
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[1]) === postmaster) out.set(Number(pid), (Number(f[11]) + Number(f[12])) * tick);
    }
  } catch {
    return undefined;
  }
  return out;
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

/** The postmaster's pid (a backend's parent), or undefined when the server is not local or not Linux. */
export async function postmasterOf(db: {
  $queryRawUnsafe: <T>(sql: string) => Promise<T>;
}): Promise<number | undefined> {
  try {
    const [row] = await db.$queryRawUnsafe<{ pid: number }[]>("SELECT pg_backend_pid() AS pid");
    const stat = readFileSync(`/proc/${row!.pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** Runs `work` and answers its wall time and the CPU (ms) this process and the server spent on it. */
export async function timed<T>(
  postmaster: number | undefined,
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

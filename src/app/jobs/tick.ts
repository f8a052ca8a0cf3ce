// One scheduler tick: every job whose slot this instant falls into runs, once — the slot is claimed
// by a unique row first, so a repeated tick, a second server or a restart never runs it twice.
// Jobs compute what is due from the database as of `at` (state decides), so a slot missed while
// the service was down is caught up by the next one. node-cron and `keypost tick --at` both call this.
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Kernel } from "../kernel/execute.ts";

export interface ScheduledJob {
  readonly name: string;
  /** The slot an instant falls into, e.g. the minute ("2026-12-01T01:00Z") or the UTC day. */
  slotOf(at: Date): string;
  run(kernel: Kernel, at: Date): Promise<Record<string, number> | void>;
}

export interface TickReport {
  readonly at: string;
  readonly ran: { job: string; slot: string; result: Record<string, number> | null }[];
  readonly skipped: { job: string; slot: string }[];
}

export const everyMinute = (at: Date): string => at.toISOString().slice(0, 16) + "Z";
export const everyHour = (at: Date): string => at.toISOString().slice(0, 13) + "Z";
export const everyDay = (at: Date): string => at.toISOString().slice(0, 10);

export async function runTick(
  kernel: Kernel,
  jobs: readonly ScheduledJob[],
  at: Date,
  instance: string,
): Promise<TickReport> {
  const report: TickReport = { at: at.toISOString(), ran: [], skipped: [] };
  // A job's finish is written in the transaction that claims the next job's slot (and the last one's
  // with the tick's mark): the same writes in the same order at the same instants, in half the
  // transactions: a tick is twelve jobs (thirteen with the log checkpoint), most finding nothing due
  // (decision 13.s11t-3).
  let done: { job: string; slot: string; at: Date } | undefined;
  const finishDone = async (tx: TxPorts, finished = done) => {
    if (finished) await tx.slots.finish(finished.job, finished.slot, finished.at);
  };
  for (const job of jobs) {
    const slot = job.slotOf(at);
    const claimed = await kernel.uow.run(async (tx) => {
      await finishDone(tx);
      return tx.slots.claim(job.name, slot, instance, at);
    });
    done = undefined;
    if (!claimed) {
      report.skipped.push({ job: job.name, slot });
      continue;
    }
    const result = await job.run(kernel, at);
    done = { job: job.name, slot, at: kernel.clock.now() };
    report.ran.push({ job: job.name, slot, result: result ?? null });
  }
  await kernel.uow.run(async (tx) => {
    await finishDone(tx);
    await tx.settings.set("scheduler.lastTick", at.toISOString());
  });
  return report;
}

// The scheduler tick's delivery job: one drain of the outbox by this process's dispatcher (the same
// one a running service keeps draining continuously; see dispatcher.ts). A platform without a
// configured notifier falls back to the log.
import type { Kernel } from "../kernel/execute.ts";
import type { Notifiers } from "./delivery-context.ts";
import type { DispatchReport } from "./delivery-outcome.ts";
import { dispatcherFor } from "./dispatcher.ts";

export type { Notifiers } from "./delivery-context.ts";
export type { DispatchReport } from "./delivery-outcome.ts";

/** Delivers every notice due now (and updates changed cards in place); `pageSize` rows are read at a time. */
export async function dispatchNotices(kernel: Kernel, notifiers: Notifiers, pageSize = 500): Promise<DispatchReport> {
  return dispatcherFor(notifiers, { pageSize }).drain(kernel);
}

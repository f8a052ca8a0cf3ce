// The figures bench:slack and bench:teams print for a side: throughput over all counted rounds and
// nearest-rank percentiles of every request's latency.

export interface TimedRound {
  /** From the first request sent until the last answer arrived. */
  readonly seconds: number;
  /** Each request's time to its answer, in milliseconds. */
  readonly latencies: readonly number[];
}

/** Nearest-rank percentile of an ascending list (p in 0–100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function latencySummary(rounds: readonly TimedRound[]): { throughput: number; p50: number; p99: number } {
  const all = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = rounds.reduce((s, r) => s + r.seconds, 0);
  return { throughput: seconds > 0 ? all.length / seconds : 0, p50: percentile(all, 50), p99: percentile(all, 99) };
}

// Monotonic time for pacing (rate limits, backoff waits), apart from the wall Clock that stamps rows:
// tests and benchmarks put in a virtual timer so that waiting is deterministic.
export interface Timer {
  /** Milliseconds on a monotonic scale (only differences mean anything). */
  nowMs(): number;
  /** Resolves after `ms` (at once when `ms` ≤ 0). */
  sleep(ms: number): Promise<void>;
}

export const systemTimer: Timer = {
  nowMs: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

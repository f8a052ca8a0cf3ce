// Monotonic time for pacing (rate limits, backoff waits), apart from the wall Clock that stamps rows:
// tests and benchmarks put in a virtual timer so that waiting is deterministic.
export interface Timer {
  /** Milliseconds on a monotonic scale (only differences mean anything). */
  nowMs(): number;
  /** Resolves after `ms` (at once when `ms` ≤ 0), or as soon as `signal` aborts (the wait is then forgotten). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemTimer: Timer = {
  nowMs: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timeout);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timeout = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener("abort", done, { once: true });
    }),
};

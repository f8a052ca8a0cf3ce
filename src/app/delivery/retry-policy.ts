// When a notice is tried again: exactly when the platform's Retry-After says, otherwise after an
// exponential backoff with jitter; after `maxAttempts` tries it is given up (and escalated).

export interface RetryPolicy {
  /** Tries (sends and reconciliations) before a notice is given up. */
  readonly maxAttempts: number;
  /** The first backoff; each further attempt doubles it, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** How long a row stays leased to the dispatcher that took it; past it, a crash is assumed. */
  readonly leaseMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  // Short, with heartbeats every third of it (dispatch-pump.ts): what a killed process held is taken
  // over ~15 s after the kill, so within 30 s with room for a loaded machine's late timers (17.s8s-4).
  leaseMs: 15_000,
};

/**
 * The wait after attempt number `attempt` (1-based) failed: `afterMs` exactly when the platform named
 * one (Retry-After), else base·2^(attempt−1) capped, with "equal jitter" — half fixed, half random —
 * so that many notices failing together do not come back together.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, afterMs: number, random: () => number): number {
  if (afterMs > 0) return afterMs;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

export function exhausted(policy: RetryPolicy, attempts: number): boolean {
  return attempts >= policy.maxAttempts;
}

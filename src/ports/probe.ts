// What the core tells the service's instruments (metrics, the log) about the work it does, without
// knowing what measures it: one press, on which platform, how it ended, how long it took.
export interface PressProbe {
  /** `outcome` is "ok", a refusal's stable code, or "error" when the press threw. */
  pressed(platform: string, outcome: string, seconds: number): void;
}

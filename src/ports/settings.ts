/** Small key/value facts the service keeps about itself (last scheduler tick, default locale, preset). */
export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export const SETTING = {
  lastTick: "scheduler.lastTick",
  defaultLocale: "org.defaultLocale",
  policyPreset: "org.policyPreset",
  demoLoadedAt: "demo.loadedAt",
  /** The chat platforms `serve` delivers to ("slack,teams"), written at start from its configuration. */
  noticePlatforms: "org.noticePlatforms",
} as const;

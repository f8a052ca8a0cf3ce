// Policies: category defaults, per-post overrides, presets, and the dates they set.
export * from "./policy.ts";
export * from "./policy-presets.ts";
export * from "./policy-dates.ts";

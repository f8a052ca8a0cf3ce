// Types of build-state.mjs for the TypeScript that imports it (bench/startup.bench.ts).
export declare const ROOT: string;
export declare const STAMP: string;
export declare const ENTRY: string;
export declare function buildState(): "current" | "stale" | "missing";

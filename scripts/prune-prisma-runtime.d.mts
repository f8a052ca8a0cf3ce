// Types of prune-prisma-runtime.mjs for the TypeScript that imports it (its test).
export declare function usedCompilers(root?: string): Set<string>;
export declare function removable(files: readonly string[], used: ReadonlySet<string>): string[];

#!/usr/bin/env node
// The `keypost` command. Runs the compiled JavaScript in dist/ (npm run build) when it is current;
// in a checkout whose sources are newer than the build (or never built), the TypeScript sources
// through tsx's loader, a development dependency.
import { pathToFileURL } from "node:url";
import { buildState, ENTRY } from "../scripts/build-state.mjs";

let main;
if (buildState() === "current") {
  ({ main } = await import(pathToFileURL(ENTRY).href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));

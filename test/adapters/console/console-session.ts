// Drives the terminal chat through streams: types the lines (then the input ends) and returns
// everything it printed, as a person at the keyboard would have seen it.
import { PassThrough } from "node:stream";
import { runConsoleChat, type ConsoleChatOptions } from "../../../adapters/console/console-chat.ts";
import type { Kernel } from "../../../src/app/kernel/execute.ts";
import type { ActionRegistry } from "../../../src/app/kernel/press-action.ts";

export async function chat(
  kernel: Kernel,
  actions: ActionRegistry,
  personId: string,
  typed: readonly string[],
  options: Partial<ConsoleChatOptions> = {},
): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString("utf8")));
  input.end(typed.map((line) => line + "\n").join(""));
  await runConsoleChat({ kernel, actions, personId, input, output, width: 72, ...options });
  return printed;
}

/** The number shown before the last action on screen whose label starts with `label`. */
export function numberOf(printed: string, label: string): string {
  const found = [...printed.matchAll(/\[(\d+)\] ([^[\n]+)/g)].filter((m) => m[2]?.startsWith(label)).at(-1);
  if (!found?.[1]) throw new Error(`no action "${label}" on screen:\n${printed}`);
  return found[1];
}

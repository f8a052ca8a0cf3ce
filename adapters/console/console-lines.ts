// Lines typed by the user, one at a time, over any input stream (a terminal, a pipe, a test's
// PassThrough). On a terminal readline edits the line; on a pipe the typed line is echoed, so a
// scripted session reads like a transcript.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

export interface LineSource {
  /** Shows the prompt and waits for a line; null once the input has ended. */
  next(prompt: string): Promise<string | null>;
  close(): void;
}

export function lineSource(
  input: Readable,
  output: Writable,
  options: { terminal: boolean; echo: boolean },
): LineSource {
  const rl = createInterface({
    input,
    ...(options.terminal ? { output } : {}),
    terminal: options.terminal,
    crlfDelay: Infinity,
  });
  const buffered: string[] = [];
  let ended = false;
  let waiting: ((line: string | null) => void) | undefined;
  rl.on("line", (line) => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(line);
    } else buffered.push(line);
  });
  rl.on("close", () => {
    ended = true;
    waiting?.(null);
    waiting = undefined;
  });
  // Ctrl-C on a terminal ends the session like q.
  rl.on("SIGINT", () => rl.close());
  return {
    async next(prompt) {
      if (options.terminal) {
        rl.setPrompt(prompt);
        rl.prompt();
      } else output.write(prompt);
      const line =
        buffered.length > 0
          ? (buffered.shift() ?? null)
          : ended
            ? null
            : await new Promise<string | null>((resolve) => (waiting = resolve));
      if (options.echo) output.write(line === null ? "\n" : line + "\n");
      return line;
    },
    close: () => rl.close(),
  };
}

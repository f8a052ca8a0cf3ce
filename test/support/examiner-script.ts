// The examiner's script exactly as docs/audit-log.md shows it (between its marker comments), for the
// tests that run it on real exports: the doc cannot drift from what Keypost writes.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export function documentedScript(): string {
  const doc = readFileSync(join(import.meta.dirname, "../../docs/audit-log.md"), "utf8");
  const block = /<!-- examiner-script:start -->\n```js\n([\s\S]*?)```\n<!-- examiner-script:end -->/.exec(doc);
  if (!block) throw new Error("docs/audit-log.md has no examiner script block");
  return block[1]!;
}

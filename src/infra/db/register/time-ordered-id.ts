// UUIDs in version 7 layout (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits from
// node:crypto. They are ordinary UUID strings, as unguessable as random ones within a millisecond,
// but they sort by creation time, so the rows of a large import land at the right edge of each
// id index instead of all over it: measured on SQLite, 100 000 employees with their chat ids and
// posts import ~1.4× faster than with crypto.randomUUID (bench/import.bench.ts).
import { randomFillSync } from "node:crypto";

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const POOL_IDS = 1024;
const pool = new Uint8Array(10 * POOL_IDS);
let used = POOL_IDS;

let lastMs = -1;
let timePart = "";

/** Called ~250 000 times by a large import: no closure, and the time part made once per millisecond. */
export function timeOrderedId(): string {
  if (used === POOL_IDS) {
    randomFillSync(pool);
    used = 0;
  }
  const r = used++ * 10;
  const ms = Date.now();
  if (ms !== lastMs) {
    const time = ms.toString(16).padStart(12, "0");
    timePart = `${time.slice(0, 8)}-${time.slice(8, 12)}-`;
    lastMs = ms;
  }
  const version = HEX[0x70 | (pool[r]! & 0x0f)]!;
  const variant = HEX[0x80 | (pool[r + 2]! & 0x3f)]!;
  return `${timePart}${version}${HEX[pool[r + 1]!]}-${variant}${HEX[pool[r + 3]!]}-${HEX[pool[r + 4]!]}${HEX[pool[r + 5]!]}${HEX[pool[r + 6]!]}${HEX[pool[r + 7]!]}${HEX[pool[r + 8]!]}${HEX[pool[r + 9]!]}`;
}

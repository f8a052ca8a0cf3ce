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

export function timeOrderedId(): string {
  if (used === POOL_IDS) {
    randomFillSync(pool);
    used = 0;
  }
  const r = used++ * 10;
  const ms = Date.now();
  const time = ms.toString(16).padStart(12, "0");
  const b = (i: number) => HEX[pool[r + i]!]!;
  const version = HEX[0x70 | (pool[r]! & 0x0f)]!;
  const variant = HEX[0x80 | (pool[r + 2]! & 0x3f)]!;
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-${version}${b(1)}-${variant}${b(3)}-${b(4)}${b(5)}${b(6)}${b(7)}${b(8)}${b(9)}`;
}

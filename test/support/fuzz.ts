// A seeded generator of bad request bodies for the fuzz tests: mutations of real payloads (keys
// dropped, values replaced by wrong types, huge or odd strings, deep nesting), whole random JSON
// values, truncated JSON and random bytes. The same seed gives the same payloads, so a failure
// names a seed and an index that reproduce it.

/** mulberry32: small, fast, good enough to pick mutations reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;

export const int = (r: Rand, n: number) => Math.floor(r() * n);
export const pickOne = <T>(r: Rand, items: readonly T[]): T => items[int(r, items.length)]!;

const ODD_STRINGS = [
  "",
  " ",
  "\u0000",
  "__proto__",
  "constructor",
  "kp.press.1",
  "kp.form.1",
  "../../etc/passwd",
  '\'; DROP TABLE "Leave"; --',
  "%00%ff",
  "\ud800",
  "😀".repeat(50),
  "你好",
  "x".repeat(5000),
  "1e309",
  "-0",
  "null",
  "true",
  "{}",
  "[]",
];

export function oddValue(r: Rand, depth = 0): unknown {
  switch (int(r, 10)) {
    case 0:
      return null;
    case 1:
      return pickOne(r, [0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, 2 ** 31]);
    case 2:
      return r() < 0.5;
    case 3:
      return pickOne(r, ODD_STRINGS);
    case 4:
      return depth > 3 ? [] : Array.from({ length: int(r, 4) }, () => oddValue(r, depth + 1));
    case 5:
      return depth > 3
        ? {}
        : Object.fromEntries(
            Array.from({ length: int(r, 4) }, () => [pickOne(r, ODD_STRINGS), oddValue(r, depth + 1)]),
          );
    case 6: {
      let v: unknown = 1;
      for (let i = 0; i < 20 + int(r, 200); i += 1) v = r() < 0.5 ? [v] : { a: v };
      return v;
    }
    case 7:
      return "x".repeat(int(r, 20_000));
    default:
      return String.fromCharCode(...Array.from({ length: int(r, 40) }, () => int(r, 0xffff)));
  }
}

function paths(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const p = [...prefix, k];
      out.push(p);
      if (prefix.length < 4) paths(v, p, out);
    }
  }
  return out;
}

/** A copy of `base` with one to three mutations (a key dropped, a value replaced, a key added). */
export function mutate(r: Rand, base: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  for (let m = 0; m < 1 + int(r, 3); m += 1) {
    const all = paths(copy);
    if (all.length === 0) return oddValue(r);
    const path = pickOne(r, all);
    let parent: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    if (!parent || typeof parent !== "object") continue;
    const last = path[path.length - 1]!;
    const op = int(r, 3);
    if (op === 0) delete parent[last];
    else if (op === 1) parent[last] = oddValue(r);
    else parent[pickOne(r, ODD_STRINGS)] = oddValue(r);
  }
  return copy;
}

/** Raw text of a mutated payload; sometimes truncated, sometimes not JSON at all. */
export function rawText(r: Rand, value: unknown): string {
  const text = JSON.stringify(value) ?? "null";
  const roll = int(r, 20);
  if (roll === 0) return text.slice(0, int(r, text.length));
  if (roll === 1) return Buffer.from(Array.from({ length: int(r, 2000) }, () => int(r, 256))).toString("latin1");
  if (roll === 2) return "";
  return text;
}

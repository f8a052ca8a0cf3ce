// Where each key (a code, an e-mail, a chat id) was first seen in the files, to report a duplicate
// with a pointer to the first occurrence. It holds every key of a 100 000-row file, so it keeps a
// 64-bit hash of the key, not the key: a Map of strings cost ~70 bytes a key and, in V8, the heap
// grows to about four times what stays live — that alone broke the import's memory budget.
// Two different keys share a 64-bit hash with a probability of about n²/2⁶⁵ (3 × 10⁻⁹ for
// 300 000 keys); such a pair would be reported as a duplicate. A slot is 12 bytes (the hash and
// where: 8 bits of file, 24 of line) and the table is filled up to seven eighths (linear probing
// stays short: ~2.5 probes to find a key at three quarters full, ~8 for a new key at 7/8): at
// 400 000 employees (keys of codes, e-mails and chat ids) each table is 2¹⁹ slots, 6 MB, where
// filling it to three quarters doubled it to 2²⁰ — the import's three tables take ~19 MB, not ~38
// (issue 13, decision 13.s10i-3).

const LINE_BITS = 2 ** 24;
/** Files 0 … 254 are named; the 256th and later ones share the last index ("another file"). */
const MAX_FILE = 255;
const EMPTY = 0;

/** 32-bit murmur-style hash of a string with a seed; two seeds make the 64-bit key. */
function hash32(text: string, seed: number): number {
  let h = (seed ^ text.length) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class FirstSeen {
  readonly #files: string[] = [];
  #size = 0;
  #hi = new Uint32Array(1024);
  #lo = new Uint32Array(1024);
  /** file index × 2²⁴ + line, plus one (0 marks an empty slot). */
  #at = new Uint32Array(1024);

  #slot(hi: number, lo: number): number {
    const mask = this.#at.length - 1;
    let i = lo & mask;
    while (this.#at[i] !== EMPTY && (this.#hi[i] !== hi || this.#lo[i] !== lo)) i = (i + 1) & mask;
    return i;
  }

  #grow(): void {
    const hi = this.#hi;
    const lo = this.#lo;
    const at = this.#at;
    this.#hi = new Uint32Array(hi.length * 2);
    this.#lo = new Uint32Array(lo.length * 2);
    this.#at = new Uint32Array(at.length * 2);
    for (let i = 0; i < at.length; i++) {
      if (at[i] === EMPTY) continue;
      const j = this.#slot(hi[i]!, lo[i]!);
      this.#hi[j] = hi[i]!;
      this.#lo[j] = lo[i]!;
      this.#at[j] = at[i]!;
    }
  }

  /** Undefined the first time; afterwards a phrase locating the first occurrence. */
  check(key: string, at: { file: string; line: number }): string | undefined {
    const hi = hash32(key, 0x9747b28c);
    const lo = hash32(key, 0x2545f491);
    const i = this.#slot(hi, lo);
    const found = this.#at[i]!;
    if (found === EMPTY) {
      let file = this.#files.indexOf(at.file);
      if (file === -1 && this.#files.length < MAX_FILE) file = this.#files.push(at.file) - 1;
      if (file === -1) file = MAX_FILE;
      this.#hi[i] = hi;
      this.#lo[i] = lo;
      // Below 2³² - 1: file ≤ 255 and line ≤ 2²⁴ - 2 (a line is never 0), so the sum cannot wrap.
      this.#at[i] = file * LINE_BITS + Math.min(at.line, LINE_BITS - 2) + 1;
      if (++this.#size * 8 > this.#at.length * 7) this.#grow();
      return undefined;
    }
    const index = Math.floor((found - 1) / LINE_BITS);
    const file = index < MAX_FILE ? this.#files[index] : "another file";
    const line = (found - 1) % LINE_BITS;
    return file === at.file ? `line ${line}` : `${file} line ${line}`;
  }

  has(key: string): boolean {
    return this.#at[this.#slot(hash32(key, 0x9747b28c), hash32(key, 0x2545f491))] !== EMPTY;
  }
}

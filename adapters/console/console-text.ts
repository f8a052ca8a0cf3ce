// Terminal text measured the way terminals draw it: CJK ideographs, kana, hangul and full-width
// forms take two columns, combining marks and zero-width characters none. Wrapping breaks Latin
// text between words and CJK text between any two characters, never before closing punctuation.

const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // kana, bopomofo, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // full-width forms
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f], // pictographs and emoticons
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd], // CJK extensions B and later
];

const ZERO: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f], // combining diacritics
  [0x200b, 0x200f], // zero-width space, joiners, marks
  [0xfe00, 0xfe0f], // variation selectors
];

const inRanges = (cp: number, ranges: readonly (readonly [number, number])[]) =>
  ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

export function charWidth(char: string): number {
  const cp = char.codePointAt(0) ?? 0;
  if (cp < 0x20 || inRanges(cp, ZERO)) return 0;
  return inRanges(cp, WIDE) ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** Pads with spaces to `width` columns (text already wider is left as is). */
export function padEndWidth(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** Cuts to at most `width` columns, ending with "…" when something was cut. */
export function truncateWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return out + "…";
}

/** Closing punctuation that must not begin a line. */
const NO_LINE_START = new Set([..."，。、；：？！）》」』】〕…,.;:?!)]}%"]);

/** Break units: a Latin word (with its trailing punctuation), one wide character, or a space. */
function units(paragraph: string): string[] {
  const out: string[] = [];
  for (const char of paragraph) {
    const last = out.at(-1);
    const wide = charWidth(char) === 2;
    if (char === " ") out.push(" ");
    else if (last !== undefined && last !== " " && NO_LINE_START.has(char)) out[out.length - 1] = last + char;
    else if (!wide && last !== undefined && last !== " " && charWidth([...last].at(-1) ?? " ") !== 2)
      out[out.length - 1] = last + char;
    else out.push(char);
  }
  return out;
}

/** Hard-breaks a unit wider than a whole line. */
function splitLong(unit: string, width: number): string[] {
  const parts: string[] = [];
  let part = "";
  for (const char of unit) {
    if (displayWidth(part) + charWidth(char) > width && part !== "") {
      parts.push(part);
      part = "";
    }
    part += char;
  }
  if (part !== "") parts.push(part);
  return parts;
}

/** Wraps to lines of at most `width` columns; "\n" starts a new paragraph. */
export function wrapText(text: string, width: number): string[] {
  const limit = Math.max(4, width);
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const unit of units(paragraph)) {
      if (unit === " ") {
        if (line !== "") line += " ";
        continue;
      }
      for (const piece of displayWidth(unit) > limit ? splitLong(unit, limit) : [unit]) {
        if (line !== "" && displayWidth(line) + displayWidth(piece) > limit) {
          lines.push(line.trimEnd());
          line = "";
        }
        line += piece;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

// Tolerant name matching over the register, within the asker's units: a code exactly; a Chinese
// name exactly, else as part of a name; English names in any case and word order, with the common
// romanisations of one surname taken as the same (Zhang / Chang / Cheung, Wang / Wong …); last, one
// misspelt word ("Hengtong Tradng") or one slipped character in a long Chinese name. The best tier
// that finds anyone wins; several people in it are a choice for the asker, never a guess.
import type { ClientMatch, NameSearch, PersonMatch, PostMatch } from "../../ports/question-reads.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import levenshtein from "damerau-levenshtein";
import { SPELLING_VARIANTS } from "./question-lexicon.ts";

export type Resolved<T> =
  | { readonly kind: "one"; readonly match: T }
  | { readonly kind: "many"; readonly matches: readonly T[] }
  | { readonly kind: "none" };

const CJK = /[\u4e00-\u9fff]/;
export const CANDIDATE_LIMIT = 8;

function words(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .split(/[\s,.'-]+/)
    .filter((w) => /^[a-z]+$/.test(w));
}

function canonical(word: string): string {
  return Object.hasOwn(SPELLING_VARIANTS, word) ? SPELLING_VARIANTS[word]! : word;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  const x = a.map(canonical).sort().join(" ");
  const y = b.map(canonical).sort().join(" ");
  return x === y;
}

function resolved<T>(found: readonly T[]): Resolved<T> {
  if (found.length === 0) return { kind: "none" };
  if (found.length === 1) return { kind: "one", match: found[0]! };
  return { kind: "many", matches: found.slice(0, CANDIDATE_LIMIT) };
}

interface Named {
  readonly code: string;
  readonly name: string;
  readonly nameEn?: string | null;
}

/** Tiers: code, exact name, English words equal, then the name contains what was typed. */
/** Where a name is looked for: the scope's paths and the ids of its units. */
export type Within = Pick<NameSearch, "scope" | "unitIds">;

async function tiered<T extends Named>(
  phrase: string,
  within: Within,
  search: (s: NameSearch) => Promise<T[]>,
): Promise<Resolved<T>> {
  const text = phrase.trim();
  if (text === "") return { kind: "none" };
  const limit = 50;
  // A code is that code or nobody: never its letters read as words (P-BR1-01-TELLER is not "a teller").
  if (/^[a-z]{1,3}-?[0-9][a-z0-9-]*$/i.test(text) || /^[a-z0-9]+(?:-[a-z0-9]+)+$/i.test(text))
    return resolved(await search({ code: text.toUpperCase(), ...within, limit }));
  if (CJK.test(text)) {
    const compact = text.replace(/\s+/g, "");
    const found = await search({ text: compact, ...within, limit });
    const exact = found.filter((f) => f.name === compact);
    if (found.length > 0 || compact.length < LONG_CHINESE) return resolved(exact.length > 0 ? exact : found);
    return resolved(await nearChinese(compact, within, search, limit));
  }
  const typed = words(text);
  if (typed.length === 0) return { kind: "none" };
  const spellings = [typed, typed.map(canonical)].filter((w, i, all) => i === 0 || w.join() !== all[0]!.join());
  const found = new Map<string, T>();
  for (const w of spellings) for (const f of await search({ words: w, ...within, limit })) found.set(f.code, f);
  // Also a romanisation typed for a canonical one stored: try each stored name's words through the table.
  const all = [...found.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  const literal = all.filter((f) => f.nameEn && words(f.nameEn).sort().join(" ") === [...typed].sort().join(" "));
  if (literal.length > 0) return resolved(literal);
  const exact = all.filter((f) => f.nameEn && sameWords(words(f.nameEn), typed));
  // Else every typed word must begin a word of the name ("wang" finds Wei Wang, "yan hu" not Jianhua Yang).
  const begins = all.filter((f) => {
    const mine = words(f.nameEn ?? "").map(canonical);
    return typed.map(canonical).every((t) => mine.some((w) => w.startsWith(t)));
  });
  if (exact.length > 0 || begins.length > 0) return resolved(exact.length > 0 ? exact : begins);
  return resolved(await nearWords(typed, within, search, limit));
}

/** Edits a typed Latin word may be off by: none below five letters, one, two from eight. */
function allowedEdits(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
}

/** A typed word fits a word of the name: it begins it, or is a typo of it (or of its beginning). */
function fits(typed: string, word: string): boolean {
  if (word.startsWith(typed)) return true;
  const most = allowedEdits(typed);
  if (most === 0) return false;
  return (
    levenshtein(typed, word).steps <= most || levenshtein(typed, word.slice(0, typed.length)).steps <= Math.min(1, most)
  );
}

/**
 * The last tier: one typed word misspelt ("Beijing Hengtong Tradng", "Tiancheng Proprety"). Each
 * word of five letters or more is left out in turn, the rest searched as before, and a name is kept
 * only when every typed word fits one of its words. Several are still a choice, never a guess.
 */
async function nearWords<T extends Named>(
  typed: readonly string[],
  within: Within,
  search: (s: NameSearch) => Promise<T[]>,
  limit: number,
): Promise<T[]> {
  if (typed.length < 2) return [];
  const found = new Map<string, T>();
  for (let i = 0; i < typed.length; i += 1) {
    if (allowedEdits(typed[i]!) === 0) continue;
    const rest = typed.filter((_, j) => j !== i);
    for (const f of await search({ words: rest, ...within, limit })) {
      const mine = words(f.nameEn ?? "").map(canonical);
      if (typed.map(canonical).every((t) => mine.some((w) => fits(t, w)))) found.set(f.code, f);
    }
  }
  return [...found.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** A long Chinese name (a company's) typed with one slip ("有线公司" for "有限公司"). */
const LONG_CHINESE = 6;

/** Names that begin or end like the typed one and are one character off it (or off its beginning). */
async function nearChinese<T extends Named>(
  typed: string,
  within: Within,
  search: (s: NameSearch) => Promise<T[]>,
  limit: number,
): Promise<T[]> {
  const found = new Map<string, T>();
  for (const part of [typed.slice(0, 4), typed.slice(-4)])
    for (const f of await search({ text: part, ...within, limit })) {
      const off = Math.min(levenshtein(typed, f.name).steps, levenshtein(typed, f.name.slice(0, typed.length)).steps);
      if (off <= 1) found.set(f.code, f);
    }
  return [...found.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

export function matchPeople(tx: TxPorts, phrase: string, within: Within): Promise<Resolved<PersonMatch>> {
  return tiered(phrase, within, (s) => tx.questions.people(s));
}

export function matchPosts(tx: TxPorts, phrase: string, within: Within): Promise<Resolved<PostMatch>> {
  return tiered(phrase, within, (s) => tx.questions.posts(s));
}

export function matchClients(tx: TxPorts, phrase: string, within: Within): Promise<Resolved<ClientMatch>> {
  return tiered(phrase, within, (s) => tx.questions.clients(s));
}

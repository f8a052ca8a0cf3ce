// Tolerant name matching over the register, within the asker's units: a code exactly; a Chinese
// name exactly, else as part of a name; English names in any case and word order, with the common
// romanisations of one surname taken as the same (Zhang / Chang / Cheung, Wang / Wong …). The best
// tier that finds anyone wins; several people in it are a choice for the asker, never a guess.
import type { ClientMatch, NameSearch, PersonMatch, PostMatch } from "../../ports/question-reads.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
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
  return SPELLING_VARIANTS[word] ?? word;
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
    return resolved(exact.length > 0 ? exact : found);
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
  return resolved(exact.length > 0 ? exact : begins);
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

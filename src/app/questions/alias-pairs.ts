// Which of a long list of aliases may stand in a short text, without trying each one. The unit
// finder (question.parser.ts) looks for the longest unit alias a question holds; a bank of 1 909
// units has several aliases a unit, and trying every one in turn with indexOf was about half of a
// parse in a CPU profile (the finder runs several times a question). An alias can stand in the
// text only where its first two characters do, so the list is indexed once by those two
// characters and a text picks the lists of the pairs it holds. The answer keeps the list's order
// (the finder's longest-first rule) and may hold aliases that do not stand in the text after all;
// it never leaves out one that does. Measured: a parse's p50 0.8–0.9 ms against 1.0–1.2 ms
// (bench:questions on PostgreSQL, alternated runs, decision 13.s20-1).

interface Indexed {
  readonly byPair: Map<string, number[]>;
  /** Aliases shorter than two characters: always tried. */
  readonly short: number[];
}

const indexes = new WeakMap<readonly { readonly text: string }[], Indexed>();

function pairIndex(aliases: readonly { readonly text: string }[]): Indexed {
  const index = indexes.get(aliases);
  if (index) return index;
  const built: Indexed = { byPair: new Map(), short: [] };
  aliases.forEach((alias, k) => {
    if (alias.text.length < 2) {
      built.short.push(k);
      return;
    }
    const pair = alias.text.slice(0, 2);
    const list = built.byPair.get(pair);
    if (list) list.push(k);
    else built.byPair.set(pair, [k]);
  });
  indexes.set(aliases, built);
  return built;
}

/**
 * The aliases that may stand in `text`, in the list's order. The list is indexed on first use and
 * the index kept as long as the list lives: pass the same (unchanging) array each time.
 */
export function aliasesIn<A extends { readonly text: string }>(text: string, aliases: readonly A[]): A[] {
  const index = pairIndex(aliases);
  const picked = [...index.short];
  const seen = new Set<string>();
  for (let i = 0; i + 1 < text.length; i += 1) {
    const pair = text.slice(i, i + 2);
    if (seen.has(pair)) continue;
    seen.add(pair);
    const list = index.byPair.get(pair);
    if (list) for (const k of list) picked.push(k);
  }
  return picked.sort((a, b) => a - b).map((k) => aliases[k]!);
}

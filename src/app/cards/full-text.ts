// Long texts on cards: a card shows the start of a plan, a report, a finding, an opinion or a
// checklist note, and carries the whole texts in `card.full`, which each platform opens on "Read in
// full" (a Slack modal, a Teams dialog). A card thus stays under every platform's size limit (Slack's
// 3 000 characters a section and 50 blocks, Teams' 28 KB a message) and nothing is lost by cutting.
import type { CardFullSection } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";

/** Characters of a long text a card shows before "…" (plans and reports). */
export const CARD_EXCERPT = 600;
/** Characters of a short text in a table cell (findings, checklist notes) before "…". */
export const CELL_EXCERPT = 200;

/** The start of `text`: at most `max` characters (code points), ending with "…" when cut. */
export function excerpt(text: string, max = CARD_EXCERPT): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function isLong(text: Bilingual, max: number): boolean {
  return [...text["zh-CN"]].length > max || [...text.en].length > max;
}

/** A long text as a card field shows it: its excerpt in each language. */
export function excerptOf(text: Bilingual, max = CARD_EXCERPT): Bilingual {
  return bi(excerpt(text["zh-CN"], max), excerpt(text.en, max));
}

/**
 * Collects the long texts of one card; `full()` answers them all when at least one was cut (else
 * nothing: a card whose texts all fit offers no "Read in full").
 */
export class FullText {
  readonly #sections: CardFullSection[] = [];
  #cut = false;

  /** Adds a text and answers what the card shows of it. */
  add(heading: Bilingual, text: Bilingual, max = CARD_EXCERPT): Bilingual {
    this.#sections.push({ heading, text });
    if (isLong(text, max)) this.#cut = true;
    return excerptOf(text, max);
  }

  full(): { full?: readonly CardFullSection[] } {
    return this.#cut ? { full: [...this.#sections] } : {};
  }
}

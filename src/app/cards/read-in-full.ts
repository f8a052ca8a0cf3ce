// "Read in full": the whole texts of one card, for the person who pressed it. The card is rebuilt
// for them from their own notices about the subject (home.view with the subject and the notice
// kind the message shows), so the same rules decide what they may read as what their card shows:
// nobody reads a subject they were not told of, and a sealed leave's audit stays invisible before
// the leave starts. Platforms name the card by subject and kind only, never by its text.
import type { Card, CardFullSection } from "../../ports/card.ts";
import { bi, type Bilingual } from "../../ports/locale.ts";
import { describeCode } from "../kernel/app-error.ts";
import { ask, type Answer } from "../home/query.ts";
import { viewHome } from "../home/view-home.ts";
import type { Kernel } from "../kernel/execute.ts";
import type { Invocation } from "../kernel/use-case.ts";

export const READ_IN_FULL = bi("查看全文", "Read in full");

/** What a "Read in full" button carries back: the card's subject and the notice kind it was sent as. */
export interface FullTextRef {
  readonly type: string;
  readonly id: string;
  readonly kind?: string;
}

export interface FullTextView {
  readonly title: Bilingual;
  readonly sections: readonly CardFullSection[];
}

/** The reference a card's "Read in full" button carries (none when the card has nothing cut). */
export function fullTextRef(card: Card, kind?: string): FullTextRef | undefined {
  if (!card.full || !card.subject) return undefined;
  const shown = kind ?? card.subject.kind;
  return { type: card.subject.type, id: card.subject.id, ...(shown ? { kind: shown } : {}) };
}

/** The card's whole texts now, for this person; NOT_FOUND when they have no such card (or nothing is cut). */
export async function readInFull(
  kernel: Kernel,
  ref: FullTextRef,
  invocation: Invocation,
): Promise<Answer<FullTextView>> {
  const answer = await ask(kernel, viewHome, { subject: ref }, invocation);
  if (!answer.ok) return answer;
  const entry = [...answer.value.tasks, ...answer.value.notices][0];
  const sections = entry?.card.full;
  if (!entry || !sections || sections.length === 0)
    return { ok: false, code: "NOT_FOUND", message: describeCode("NOT_FOUND") };
  return { ok: true, value: { title: entry.card.title, sections } };
}

// Cards are rebuilt from the subject's current state whenever it moves on, so that a message
// already delivered is updated in place and nobody presses an outdated button by mistake.
import type { Card } from "../../ports/card.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";

export interface CardRef {
  readonly subjectId: string;
  /** The notice kind the card was first built for. */
  readonly kind: string;
  readonly recipient: Person;
}

export interface CardContext {
  readonly now: Date;
}

/** Builds the current card of one subject type for one recipient; undefined when it has nothing to show. */
export type CardBuilder = (tx: TxPorts, ref: CardRef, ctx: CardContext) => Promise<Card | undefined>;

/** One builder per subject type ("leave", "handover", "audit", …). */
export type CardRegistry = Readonly<Record<string, CardBuilder>>;

/** Rebuilds the card of every notice about a subject. Returns how many changed. */
export async function refreshNotices(
  tx: TxPorts,
  cards: CardRegistry,
  subjectType: string,
  subjectId: string,
  ctx: CardContext,
): Promise<number> {
  const build = cards[subjectType];
  if (!build) return 0;
  let changed = 0;
  for (const notice of await tx.outbox.forSubject(subjectType, subjectId)) {
    const recipient = await tx.people.byId(notice.recipientId);
    if (!recipient) continue;
    const card = await build(tx, { subjectId, kind: notice.kind, recipient }, ctx);
    if (!card || JSON.stringify(stripTokens(card)) === JSON.stringify(stripTokens(notice.card))) continue;
    await tx.outbox.replaceCard(notice.id, card);
    changed += 1;
  }
  return changed;
}

/** Two cards that differ only by freshly issued tokens show the same thing. */
function stripTokens(card: Card): Card {
  return { ...card, actions: card.actions.map((a) => ({ ...a, token: "" })) };
}

// A notice's card as stored (Notice.card). Cards about an audit, a rectification or a major-event
// report can show sealed text (a finding's excerpt, a report's description, compliance's note), so
// they are stored sealed like the columns they copy (docs/field-encryption.md); other cards are
// plain JSON, which the reminder query filters on. Reading accepts both, whatever the subject.
import type { Card } from "../../ports/card.ts";
import type { FieldCipher } from "../../ports/field-cipher.ts";

export const NOTICE_CARD = "Notice.card";
const SEALED_SUBJECTS: ReadonlySet<string> = new Set(["audit", "rectification", "major_event"]);

export function storedCard(fields: FieldCipher, subjectType: string, card: Card): string {
  const json = JSON.stringify(card);
  return SEALED_SUBJECTS.has(subjectType) ? fields.seal(NOTICE_CARD, json) : json;
}

export function cardOf(fields: FieldCipher, stored: string): Card {
  return JSON.parse(fields.open(NOTICE_CARD, stored)) as Card;
}

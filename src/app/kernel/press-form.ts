// A button that needs input first (a Slack modal, a Teams form card, asked again after a refusal): its token names an action on a subject; the form to ask is the
// one the subject's current card offers the person for that same action. The token is never
// trusted for more than naming it: pressAction checks everything again on submit.
import type { CardAction } from "../../ports/card.ts";
import { currentCard } from "./press-action.ts";
import type { Kernel } from "./execute.ts";

export async function formForToken(
  kernel: Kernel,
  token: string,
  personId: string,
): Promise<CardAction["form"] | undefined> {
  return kernel.uow.run(async (tx) => {
    const record = await tx.tokens.find(token);
    if (!record || record.recipientId !== personId || record.usedAt !== null) return undefined;
    const person = await tx.people.byId(personId);
    if (!person) return undefined;
    const card = await currentCard(tx, kernel.cards, record, person, { now: kernel.clock.now() });
    for (const action of card?.actions ?? []) {
      if (!action.form) continue;
      const offered = await tx.tokens.find(action.token);
      if (offered && offered.action === record.action && JSON.stringify(offered.args) === JSON.stringify(record.args))
        return action.form;
    }
    return undefined;
  });
}

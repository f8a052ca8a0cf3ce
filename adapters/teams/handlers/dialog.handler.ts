// task/fetch: the dialog (task module) a card's "Read in full" opens. The card carries only its
// subject and notice kind; the core rebuilds that card for the person who asks (readInFull: their
// own notices only) and the dialog shows its whole texts — plans, reports, findings, opinions,
// checklist notes — which the message itself shows cut, to stay under Teams' 28 KB.
import { READ_IN_FULL, readInFull } from "../../../src/app/cards/read-in-full.ts";
import { pick } from "../../../src/ports/locale.ts";
import type { IncomingActivity } from "../activity.schema.ts";
import { readData } from "../cards/card-data.ts";
import { ADAPTIVE_CARD_TYPE, fullTextCard, type AdaptiveCard } from "../cards/keypost.card.ts";
import { refusalSentence } from "../teams-errors.ts";
import { passGate } from "../teams-gate.ts";
import type { TeamsContext } from "../teams-context.ts";
import { gateSentence } from "./gate-refusal.ts";

export type DialogResponse =
  | {
      readonly task: {
        readonly type: "continue";
        readonly value: {
          readonly title: string;
          readonly width: "large";
          readonly height: "large";
          readonly card: { readonly contentType: typeof ADAPTIVE_CARD_TYPE; readonly content: AdaptiveCard };
        };
      };
    }
  | { readonly task: { readonly type: "message"; readonly value: string } };

const message = (value: string): DialogResponse => ({ task: { type: "message", value } });

export async function onDialogOpen(ctx: TeamsContext, activity: IncomingActivity): Promise<DialogResponse> {
  const gated = await passGate(ctx, activity);
  if (!gated.ok) return message(gateSentence(gated.refusal, activity, ctx.kernel.orgLocale));
  const data = readData.safeParse((activity.value as { data?: unknown } | undefined)?.data);
  if (!data.success) return message(refusalSentence({ code: "UNKNOWN_ACTION" }, gated.locale));
  const answer = await readInFull(ctx.kernel, data.data.subject, gated.invocation);
  if (!answer.ok) return message(refusalSentence(answer, gated.locale));
  return {
    task: {
      type: "continue",
      value: {
        title: pick(READ_IN_FULL, gated.locale),
        width: "large",
        height: "large",
        card: { contentType: ADAPTIVE_CARD_TYPE, content: fullTextCard(answer.value, gated.locale) },
      },
    },
  };
}

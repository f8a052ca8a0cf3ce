// adaptiveCard/action (Universal Actions): the invoke Teams sends when someone presses an
// Action.Execute button or when a card with `refresh` is shown. The answer replaces the card for
// the person who acted: the outcome's sentence on top of the subject's current card. A press goes
// through the core (pressAction: the token is looked up, the person, the state and the version
// re-checked); a refresh and the home are read-side queries for that person only.
import { CHAT_FORMS, isChatFormId, submitChatForm } from "../../../src/app/chat-commands/chat-forms.ts";
import { formRefusal } from "../../../src/app/cards/form-refusal.ts";
import { formForToken } from "../../../src/app/kernel/press-form.ts";
import { formCard } from "../cards/form.card.ts";
import { ask } from "../../../src/app/home/query.ts";
import { viewHome } from "../../../src/app/home/view-home.ts";
import { pick, type Locale } from "../../../src/ports/locale.ts";
import type { Outcome } from "../../../src/app/kernel/outcome.ts";
import { cardActionValue, type IncomingActivity } from "../activity.schema.ts";
import { actionData, formValues, VERB, type ActionData } from "../cards/card-data.ts";
import type { ChatUserRequest } from "../../../src/app/chat-identity/resolve-chat-user.ts";
import { renderHome } from "../cards/home.card.ts";
import { ADAPTIVE_CARD_TYPE, renderCard, sentenceCard, type AdaptiveCard } from "../cards/keypost.card.ts";
import { refusalSentence } from "../teams-errors.ts";
import { checkGate, resolveGate, type Passed } from "../teams-gate.ts";
import { pressAsChatUser } from "../../../src/app/chat-identity/press-as-chat-user.ts";
import type { TeamsContext } from "../teams-context.ts";
import { MSG } from "../teams-messages.ts";
import { gateSentence } from "./gate-refusal.ts";

export type CardActionResponse =
  | { readonly statusCode: 200; readonly type: typeof ADAPTIVE_CARD_TYPE; readonly value: AdaptiveCard }
  | { readonly statusCode: 200; readonly type: "application/vnd.microsoft.activity.message"; readonly value: string };

function cardResponse(card: AdaptiveCard): CardActionResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_TYPE, value: card };
}

function messageResponse(text: string): CardActionResponse {
  return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: text };
}

export function outcomeCard(outcome: Outcome, locale: Locale, userId: string): AdaptiveCard {
  const text = outcome.ok ? pick(outcome.message, locale) : refusalSentence(outcome, locale);
  const banner = {
    text: `${outcome.ok ? "✓" : "✗"} ${text}`,
    tone: outcome.ok ? ("good" as const) : ("attention" as const),
  };
  if (outcome.card) return renderCard(outcome.card, locale, { banner, refreshFor: [userId] });
  return sentenceCard(banner.text, banner.tone, pick(MSG.home, locale));
}

async function homeCard(ctx: TeamsContext, passed: Passed, page: number): Promise<AdaptiveCard> {
  const answer = await ask(ctx.kernel, viewHome, { page }, passed.invocation);
  if (!answer.ok) return sentenceCard(refusalSentence(answer, passed.locale), "attention");
  return renderHome(answer.value, answer.value.locale);
}

async function refreshed(
  ctx: TeamsContext,
  passed: Passed,
  subject: { type: string; id: string },
  userId: string,
): Promise<AdaptiveCard> {
  const answer = await ask(ctx.kernel, viewHome, { subject }, passed.invocation);
  if (!answer.ok) return sentenceCard(refusalSentence(answer, passed.locale), "attention");
  const entry = [...answer.value.tasks, ...answer.value.notices][0];
  if (!entry) return sentenceCard(pick(MSG.gone, answer.value.locale), "default", pick(MSG.home, answer.value.locale));
  return renderCard(entry.card, answer.value.locale, { refreshFor: [userId] });
}

export async function onCardAction(ctx: TeamsContext, activity: IncomingActivity): Promise<CardActionResponse> {
  const checked = checkGate(ctx, activity);
  if (!checked.ok) return messageResponse(gateSentence(checked.refusal, activity, ctx.kernel.orgLocale));
  const value = cardActionValue.safeParse(activity.value);
  const data = value.success ? actionData.safeParse(value.data.action.data) : undefined;
  // A press resolves its user inside its own transaction (pressAsChatUser); the rest pass the gate here.
  if (data?.success && data.data.kp === "press") return onPress(ctx, activity, checked.request, data.data);
  const gated = await resolveGate(ctx, checked);
  if (!gated.ok) return messageResponse(gateSentence(gated.refusal, activity, ctx.kernel.orgLocale));
  if (!data?.success)
    return cardResponse(
      sentenceCard(
        refusalSentence({ code: "UNKNOWN_ACTION" }, gated.locale),
        "attention",
        pick(MSG.home, gated.locale),
      ),
    );
  const pressed = data.data;
  switch (pressed.kp) {
    case "press": // answered above, before the gate's register read
      return onPress(ctx, activity, checked.request, pressed);
    case "refresh":
      return cardResponse(await refreshed(ctx, gated, pressed.subject, activity.from.id));
    case "home":
      return cardResponse(await homeCard(ctx, gated, pressed.page ?? 1));
    case "form": {
      const values = formValues(pressed);
      const outcome = await submitChatForm(ctx.kernel, pressed.form, values, gated.invocation, pressed.requestId);
      const form = isChatFormId(pressed.form) ? { id: pressed.form, ...CHAT_FORMS[pressed.form] } : undefined;
      const refusal = form ? formRefusal(outcome, form.inputs, values) : undefined;
      if (form && refusal)
        return cardResponse(
          formCard(form, gated.locale, {
            verb: VERB.form,
            data: { kp: VERB.form, form: form.id, requestId: pressed.requestId },
            values,
            refusal,
            banner: outcome.ok ? "" : `✗ ${refusalSentence(outcome, gated.locale)}`,
          }),
        );
      return cardResponse(outcomeCard(outcome, gated.locale, activity.from.id));
    }
  }
}

async function onPress(
  ctx: TeamsContext,
  activity: IncomingActivity,
  request: ChatUserRequest,
  pressed: ActionData & { readonly kp: "press" },
): Promise<CardActionResponse> {
  const values = formValues(pressed);
  const done = await pressAsChatUser(ctx.kernel, ctx.actions, { token: pressed.token, values }, request);
  if (!done.ok) return messageResponse(gateSentence("unknown_user", activity, ctx.kernel.orgLocale));
  const { outcome, locale } = done;
  // A refusal about what was typed: the same form again, filled in, the reason under its input.
  const form = outcome.ok ? undefined : await formForToken(ctx.kernel, pressed.token, done.personId);
  const refusal = form ? formRefusal(outcome, form.inputs, values) : undefined;
  if (form && refusal)
    return cardResponse(
      formCard(form, locale, {
        verb: VERB.press,
        data: { kp: VERB.press, token: pressed.token },
        values,
        refusal,
        banner: outcome.ok ? "" : `✗ ${refusalSentence(outcome, locale)}`,
      }),
    );
  return cardResponse(outcomeCard(outcome, locale, activity.from.id));
}

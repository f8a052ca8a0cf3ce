// Buttons. A card button's value is only its opaque token: `pressAction` looks the subject up
// again, checks the person pressing, the state and the version, and uses the token once (a double
// click changes nothing the second time). The press is committed before the ack; then the message
// pressed is updated in place (the outbox updates every other copy) — an ephemeral one (a
// `/keypost tasks` answer) through its response_url, as chat.update cannot reach it — or the App
// Home republished.
// A button with a form opens a modal. Page buttons carry only the command of the page they show.
import type { App } from "@slack/bolt";
import { routeChatCommand } from "../../../src/app/chat-commands/chat-command.router.ts";
import { isChatFormId, CHAT_FORMS } from "../../../src/app/chat-commands/chat-forms.ts";
import { pressAction } from "../../../src/app/kernel/press-action.ts";
import { FORM_ACTION, PRESS_ACTION } from "../blocks/card.blocks.ts";
import { formModal } from "../blocks/form.view.ts";
import { HOME_PAGE_ACTION } from "../blocks/home.view.ts";
import { PAGE_ACTION } from "../blocks/reply.blocks.ts";
import { chatDeps, type SlackContext } from "../slack-context.ts";
import { refusalSentence, unknownAccountText, webApiErrorCode } from "../slack-errors.ts";
import { publishHome } from "../slack-home.ts";
import { formForToken } from "../../../src/app/kernel/press-form.ts";
import { slackPerson, type SlackPerson } from "../slack-identity.ts";
import { BlockActions } from "../slack-payloads.ts";
import { chatMessage, outcomeMessage, outcomeSentence } from "./reply.ts";

/** Opens the chat form a DM reply offered (a DM cannot open a modal by itself). */
export const CHAT_FORM_ACTION = "kp.chatform";

const startsWith = (id: string, prefix: string) => id === prefix || id.startsWith(prefix + ".");

export function registerActions(app: App, ctx: SlackContext): void {
  app.action(/^kp\./, async ({ body, ack, respond }) => {
    const parsed = BlockActions.safeParse(body);
    if (!parsed.success) return ack();
    const press = parsed.data;
    const action = press.actions[0]!;
    const person = await slackPerson(ctx.kernel, ctx.web, ctx.log, press.user.id, press.team?.id ?? "");
    const onHome = press.container?.type === "view" || press.view?.type === "home";
    const channel = press.container?.channel_id ?? press.channel?.id;
    const ts = press.container?.message_ts ?? press.message?.ts;
    const ephemeral = press.container?.is_ephemeral === true;
    const answer: Respond | undefined = press.response_url ? (message) => respond(message as never) : undefined;
    if (!person) {
      await ack();
      // Someone Keypost does not know gets an answer where they pressed: their App Home, or the chat.
      if (onHome) return publishHome(ctx, press.user.id, undefined);
      if (channel) await ctx.web.chat.postEphemeral({ channel, user: press.user.id, text: unknownAccountText() });
      return;
    }
    const value = action.value ?? "";
    if (startsWith(action.action_id, PRESS_ACTION))
      return pressNow(ctx, person, press.user.id, value, { ack, channel, ts, onHome, ephemeral, respond: answer });
    if (startsWith(action.action_id, FORM_ACTION)) {
      const form = await formForToken(ctx.kernel, value, person.personId);
      await ack();
      if (!form) return tell(ctx, press.user.id, channel, refusalSentence("UNKNOWN_ACTION", undefined, person.locale));
      await ctx.web.views.open({
        trigger_id: press.trigger_id,
        view: formModal(
          form,
          person.locale,
          JSON.stringify({
            k: "press",
            t: value,
            ...(channel ? { ch: channel } : {}),
            ...(ts ? { ts } : {}),
            ...(onHome ? { home: true } : {}),
            ...(ephemeral && press.response_url ? { ru: press.response_url } : {}),
          }),
        ) as never,
      });
      return;
    }
    if (startsWith(action.action_id, CHAT_FORM_ACTION) && isChatFormId(value)) {
      await ack();
      const spec = CHAT_FORMS[value];
      await ctx.web.views.open({
        trigger_id: press.trigger_id,
        view: formModal(
          { title: spec.title, inputs: spec.inputs },
          person.locale,
          JSON.stringify({ k: "chat", f: value }),
        ) as never,
      });
      return;
    }
    if (startsWith(action.action_id, HOME_PAGE_ACTION) && /^\d{1,4}$/.test(value)) {
      await ack();
      return publishHome(ctx, press.user.id, person.personId, Number(value));
    }
    if (startsWith(action.action_id, PAGE_ACTION)) {
      await ack();
      const reply = await routeChatCommand(chatDeps(ctx), value, { personId: person.personId, platform: "slack" });
      if (reply.kind === "form") return;
      await respond({ replace_original: true, ...chatMessage(reply, person.locale) });
      return;
    }
    return ack();
  });
}

/** Posts to the press's response_url (Bolt's respond). */
export type Respond = (message: Record<string, unknown>) => Promise<unknown>;

interface Where {
  readonly ack: () => Promise<void>;
  readonly channel: string | undefined;
  readonly ts: string | undefined;
  readonly onHome: boolean;
  /** The button was on an ephemeral message (a `/keypost tasks` answer): only response_url reaches it. */
  readonly ephemeral: boolean;
  readonly respond: Respond | undefined;
}

/**
 * Replaces the message pressed with `message`: `chat.update` for a message in the conversation,
 * the response_url for an ephemeral one — and for any message `chat.update` cannot find (Slack
 * answers `message_not_found` for an ephemeral message when its payload did not say so).
 */
export async function replacePressed(
  ctx: SlackContext,
  where: { channel: string; ts: string | undefined; ephemeral: boolean; respond: Respond | undefined },
  message: { text: string; blocks: unknown[] },
): Promise<void> {
  if (where.respond && (where.ephemeral || !where.ts))
    return void (await where.respond({ replace_original: true, ...message }));
  try {
    await ctx.web.chat.update({ channel: where.channel, ts: where.ts!, ...(message as { text: string }) });
  } catch (error) {
    if (!where.respond || !UNREACHABLE_MESSAGE.has(webApiErrorCode(error))) throw error;
    await where.respond({ replace_original: true, ...message });
  }
}

const UNREACHABLE_MESSAGE = new Set(["message_not_found", "cant_update_message", "channel_not_found"]);

async function pressNow(
  ctx: SlackContext,
  person: SlackPerson,
  slackUser: string,
  token: string,
  where: Where,
): Promise<void> {
  const outcome = await pressAction(
    ctx.kernel,
    ctx.actions,
    { token },
    { personId: person.personId, platform: "slack" },
  );
  await where.ack();
  if (!outcome.ok) ctx.log.info("slack press refused", { code: outcome.code, user: slackUser });
  if (where.onHome)
    return publishHome(ctx, slackUser, person.personId, 1, (locale) => outcomeSentence(outcome, locale));
  if (!where.channel) return;
  if (outcome.card && (where.ts || where.respond)) {
    await replacePressed(ctx, { ...where, channel: where.channel }, outcomeMessage(outcome, person.locale));
  } else if (where.ephemeral && where.respond) {
    await where.respond({
      replace_original: false,
      response_type: "ephemeral",
      text: outcomeSentence(outcome, person.locale),
    });
  } else {
    await tell(ctx, slackUser, where.channel, outcomeSentence(outcome, person.locale));
  }
}

async function tell(ctx: SlackContext, user: string, channel: string | undefined, text: string): Promise<void> {
  if (channel) await ctx.web.chat.postEphemeral({ channel, user, text });
  else await ctx.web.chat.postMessage({ channel: user, text });
}

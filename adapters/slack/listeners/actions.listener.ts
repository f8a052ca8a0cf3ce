// Buttons other than a card's one-click press (that one is typed at the edge and goes through the
// inbox: slack-press.ts). A button with a form opens a modal while its trigger is valid; a chat
// form button opens the form a DM reply offered; page buttons carry only the command of the page
// they show.
import type { App } from "@slack/bolt";
import { routeChatCommand } from "../../../src/app/chat-commands/chat-command.router.ts";
import { isChatFormId, CHAT_FORMS } from "../../../src/app/chat-commands/chat-forms.ts";
import { FORM_ACTION, READ_ACTION } from "../blocks/card.blocks.ts";
import { formModal, fullTextModal } from "../blocks/form.view.ts";
import { readInFull } from "../../../src/app/cards/read-in-full.ts";
import { z } from "zod";
import { HOME_PAGE_ACTION } from "../blocks/home.view.ts";
import { PAGE_ACTION } from "../blocks/reply.blocks.ts";
import { chatDeps, type SlackContext } from "../slack-context.ts";
import { refusalSentence, unknownAccountText } from "../slack-errors.ts";
import { publishHome } from "../slack-home.ts";
import { formForToken } from "../../../src/app/kernel/press-form.ts";
import { slackPerson } from "../slack-identity.ts";
import { BlockActions } from "../slack-payloads.ts";
import { chatMessage } from "./reply.ts";

/** Opens the chat form a DM reply offered (a DM cannot open a modal by itself). */
export const CHAT_FORM_ACTION = "kp.chatform";

const startsWith = (id: string, prefix: string) => id === prefix || id.startsWith(prefix + ".");

/** What a "Read in full" button carries: the card's subject and notice kind (card.blocks.ts). */
const FullRef = z.object({
  type: z.string().min(1).max(40),
  id: z.string().min(1).max(64),
  kind: z.string().max(60).optional(),
});

function fullRefOf(value: string): z.infer<typeof FullRef> | undefined {
  try {
    const parsed = FullRef.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

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
    if (!person) {
      await ack();
      // Someone Keypost does not know gets an answer where they pressed: their App Home, or the chat.
      if (onHome) return publishHome(ctx, press.user.id, undefined);
      if (channel) await ctx.web.chat.postEphemeral({ channel, user: press.user.id, text: unknownAccountText() });
      return;
    }
    const value = action.value ?? "";
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
            // An ephemeral message is answered through its response_url after the submission.
            ...(ephemeral && press.response_url ? { ru: press.response_url } : {}),
          }),
        ) as never,
      });
      return;
    }
    if (startsWith(action.action_id, READ_ACTION)) {
      await ack();
      const ref = fullRefOf(value);
      const answer = ref
        ? await readInFull(ctx.kernel, ref, { personId: person.personId, platform: "slack" })
        : ({ ok: false, code: "UNKNOWN_ACTION" } as const);
      if (!answer.ok) return tell(ctx, press.user.id, channel, refusalSentence(answer.code, undefined, person.locale));
      await ctx.web.views.open({
        trigger_id: press.trigger_id,
        view: fullTextModal(answer.value, person.locale) as never,
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

async function tell(ctx: SlackContext, user: string, channel: string | undefined, text: string): Promise<void> {
  if (channel) await ctx.web.chat.postEphemeral({ channel, user, text });
  else await ctx.web.chat.postMessage({ channel: user, text });
}

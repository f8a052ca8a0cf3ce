// A Slack button press, taken once at the edge. The receiver reads a signed `block_actions` body,
// and when its first action is a card's one-click button (`kp.press`) turns it into a typed
// `SlackPress` — the token, who pressed, and where the answer goes. That is what the inbox stores
// under the request's replay key before the ack, and what the inbox worker hands back to
// `actOnPress`: the press path Teams takes too (`pressAsChatUser`, then `pressAction`), then the answer
// where it was pressed (an ephemeral message through its response_url: slack-answer.ts). Bolt is not entered again and the payload is not parsed again.
// Buttons that open a modal (their trigger lives 3 s) and page buttons stay with Bolt's listeners.
import { z } from "zod";
import { pressAsChatUser } from "../../src/app/chat-identity/press-as-chat-user.ts";
import { PRESS_ACTION } from "./blocks/card.blocks.ts";
import type { SlackContext } from "./slack-context.ts";
import { replacePressed, responder } from "./slack-answer.ts";
import { unknownAccountText } from "./slack-errors.ts";
import { publishHome } from "./slack-home.ts";
import { handOver } from "./slack-upload.ts";
import { slackUserRequest } from "./slack-identity.ts";
import { BlockActions } from "./slack-payloads.ts";
import { outcomeMessage, outcomeSentence } from "./listeners/reply.ts";

const Id = z.string().min(1).max(64);

export const SlackPress = z.object({
  token: z.string().max(2000),
  user: Id,
  team: z.string().max(64),
  channel: Id.optional(),
  ts: z.string().max(32).optional(),
  onHome: z.boolean(),
  responseUrl: z.string().url().optional(),
  /** The button was on an ephemeral message (a `/keypost tasks` answer): answered through responseUrl. */
  ephemeral: z.boolean().optional(),
});
export type SlackPress = z.infer<typeof SlackPress>;

const isPressAction = (id: string) => id === PRESS_ACTION || id.startsWith(`${PRESS_ACTION}.`);

/** The typed press in a `block_actions` body, when its action is a card's one-click button. */
export function pressOf(body: Record<string, unknown>): SlackPress | undefined {
  const parsed = BlockActions.safeParse(body);
  if (!parsed.success) return undefined;
  const actions = parsed.data;
  const action = actions.actions[0]!;
  if (!isPressAction(action.action_id)) return undefined;
  const channel = actions.container?.channel_id ?? actions.channel?.id;
  const ts = actions.container?.message_ts ?? actions.message?.ts;
  return {
    token: action.value ?? "",
    user: actions.user.id,
    team: actions.team?.id ?? "",
    ...(channel ? { channel } : {}),
    ...(ts ? { ts } : {}),
    onHome: actions.container?.type === "view" || actions.view?.type === "home",
    ...(actions.response_url ? { responseUrl: actions.response_url } : {}),
    ...(actions.container?.is_ephemeral ? { ephemeral: true } : {}),
  };
}

/** A stored press back from the inbox (a row written before this format held the raw body). */
export function storedPress(payload: string): SlackPress | undefined {
  const value: unknown = JSON.parse(payload);
  const typed = SlackPress.safeParse(value);
  if (typed.success) return typed.data;
  return typeof value === "object" && value !== null ? pressOf(value as Record<string, unknown>) : undefined;
}

/** Acts on an accepted press and answers where it was pressed. */
export async function actOnPress(ctx: SlackContext, press: SlackPress): Promise<void> {
  // A known account is read inside the press's own transaction; any other is resolved first
  // (pressAsChatUser, decision 13.s9p-3).
  const done = await pressAsChatUser(
    ctx.kernel,
    ctx.actions,
    { token: press.token },
    slackUserRequest(ctx.web, ctx.log, press.user, press.team),
  );
  if (!done.ok) {
    // Someone Keypost does not know gets an answer where they pressed: their App Home, or the chat.
    if (press.onHome) return publishHome(ctx, press.user, undefined);
    if (press.channel)
      await ctx.answer("chat.postEphemeral", { channel: press.channel, user: press.user, text: unknownAccountText() });
    return;
  }
  const { outcome } = done;
  const person = { personId: done.personId, locale: done.locale };
  if (!outcome.ok) ctx.log.info("slack press refused", { code: outcome.code, user: press.user });
  if (press.onHome)
    return publishHome(ctx, press.user, person.personId, 1, (locale) => outcomeSentence(outcome, locale));
  if (!press.channel) return;
  // The pack button: the link answers below; the pack itself is posted into the DM as well.
  if (outcome.ok && outcome.file) await handOver(ctx, press.channel, outcome.file, person.locale);
  const respond = responder(press.responseUrl, ctx.text);
  const ephemeral = press.ephemeral === true;
  if (outcome.card && (press.ts || respond)) {
    await replacePressed(
      ctx,
      { channel: press.channel, ts: press.ts, ephemeral, respond },
      outcomeMessage(outcome, person.locale),
    );
  } else if (ephemeral && respond) {
    await respond({
      replace_original: false,
      response_type: "ephemeral",
      text: outcomeSentence(outcome, person.locale),
    });
  } else {
    await ctx.answer("chat.postEphemeral", {
      channel: press.channel,
      user: press.user,
      text: outcomeSentence(outcome, person.locale),
    });
  }
}

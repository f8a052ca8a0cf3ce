// Events: the App Home opened (publish it), and a direct message to the bot (a chat command or a
// question, answered in the DM). Events API retries (X-Slack-Retry-Num) of an event already
// taken change nothing: the receiver takes each event id once, before its work (slack-receiver.ts).
import type { App } from "@slack/bolt";
import { attachFromChat } from "../../../src/app/chat-commands/attach-reply.ts";
import { routeChatCommand } from "../../../src/app/chat-commands/chat-command.router.ts";
import { pick } from "../../../src/ports/locale.ts";
import { actionRows, button } from "../blocks/block-kit.ts";
import { chatDeps, type SlackContext } from "../slack-context.ts";
import { unknownAccountText } from "../slack-errors.ts";
import { sharedFiles } from "../slack-files.ts";
import { publishHome } from "../slack-home.ts";
import { currentLocale, slackPerson } from "../slack-identity.ts";
import { AppHomeOpened, DirectMessage, EventEnvelope } from "../slack-payloads.ts";
import { CHAT_FORM_ACTION } from "./actions.listener.ts";
import { chatMessage } from "./reply.ts";

export function registerEvents(app: App, ctx: SlackContext): void {
  app.event("app_home_opened", async ({ body, event }) => {
    const envelope = EventEnvelope.safeParse(body);
    const opened = AppHomeOpened.safeParse(event);
    if (!envelope.success || !opened.success || (opened.data.tab !== undefined && opened.data.tab !== "home")) return;
    const person = await slackPerson(ctx.kernel, ctx.web, ctx.log, opened.data.user, envelope.data.team_id);
    await publishHome(ctx, opened.data.user, person?.personId);
  });

  app.event("message", async ({ body, event }) => {
    const envelope = EventEnvelope.safeParse(body);
    const parsed = DirectMessage.safeParse(event);
    if (!envelope.success || !parsed.success) return;
    const message = parsed.data;
    const withFiles = message.subtype === "file_share" && (message.files?.length ?? 0) > 0;
    if (message.bot_id || (message.subtype && !withFiles)) return;
    const person = await slackPerson(ctx.kernel, ctx.web, ctx.log, message.user, envelope.data.team_id);
    if (!person) {
      await ctx.web.chat.postMessage({ channel: message.channel, text: unknownAccountText() });
      return;
    }
    if (withFiles) {
      // Evidence files: "attach <post code> <item>" typed with the file (slack-files.ts).
      const files = await sharedFiles(ctx.web, ctx.botToken, ctx.apiUrl, message.files ?? []);
      const answer = await attachFromChat(
        ctx.kernel,
        { personId: person.personId, platform: "slack" },
        message.text,
        files,
      );
      const locale = await currentLocale(ctx.kernel, person.personId);
      await ctx.web.chat.postMessage({ channel: message.channel, ...chatMessage(answer, locale) } as never);
      return;
    }
    const reply = await routeChatCommand(chatDeps(ctx), message.text, { personId: person.personId, platform: "slack" });
    const locale = await currentLocale(ctx.kernel, person.personId);
    if (reply.kind === "form") {
      const label = pick(reply.form.title, locale);
      await ctx.web.chat.postMessage({
        channel: message.channel,
        text: label,
        blocks: actionRows(
          [button(`${CHAT_FORM_ACTION}.open`, label, reply.form.id, "primary")],
          "kp.chatform",
        ) as never,
      });
    } else {
      await ctx.web.chat.postMessage({ channel: message.channel, ...chatMessage(reply, locale) } as never);
    }
  });
}

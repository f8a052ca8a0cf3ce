// `/keypost …`: the chat command router answers; the answer is ephemeral (only the person sees it)
// and goes back in the HTTP response itself, after any change it made is committed. A command that
// opens a form opens the modal first (its trigger id lives 3 s), then acknowledges.
import type { App } from "@slack/bolt";
import { routeChatCommand } from "../../../src/app/chat-commands/chat-command.router.ts";
import { formModal } from "../blocks/form.view.ts";
import { chatDeps, type SlackContext } from "../slack-context.ts";
import { unknownAccountText } from "../slack-errors.ts";
import { currentLocale, slackPerson } from "../slack-identity.ts";
import { SlashCommand } from "../slack-payloads.ts";
import { ackedAlready } from "../slack-receiver.ts";
import { chatMessage } from "./reply.ts";

export const SLASH_COMMAND = "/keypost";

export function registerCommand(app: App, ctx: SlackContext): void {
  app.command(SLASH_COMMAND, async ({ body, ack: ackNow, respond, context }) => {
    // Past the ack budget the answer goes to the command's response_url, still only to the person.
    const ack = async (answer?: Record<string, unknown>): Promise<void> => {
      if (!ackedAlready(context)) return ackNow(answer as never);
      await ackNow();
      if (answer) await respond(answer as never);
    };
    const parsed = SlashCommand.safeParse(body);
    if (!parsed.success) return ack({ response_type: "ephemeral", text: "Unreadable command / 无法识别的命令" });
    const command = parsed.data;
    const person = await slackPerson(ctx.kernel, ctx.web, ctx.log, command.user_id, command.team_id);
    if (!person) return ack({ response_type: "ephemeral", text: unknownAccountText() });
    const invocation = { personId: person.personId, platform: "slack" as const };
    const reply = await routeChatCommand(chatDeps(ctx), command.text, invocation);
    if (reply.kind === "form") {
      await ctx.web.views.open({
        trigger_id: command.trigger_id,
        view: formModal(reply.form, person.locale, JSON.stringify({ k: "chat", f: reply.form.id })) as never,
      });
      return ack();
    }
    const locale = await currentLocale(ctx.kernel, person.personId);
    return ack({ response_type: "ephemeral", ...chatMessage(reply, locale) });
  });
}

// A message typed in the personal chat: `home [page]` shows the person's home card; everything
// else goes to the chat command router shared with Slack's /keypost (help, status, tasks, audit,
// report, leave, event, lang; free text to the questions hook). Answers are new messages in the
// same conversation (a sentence and/or cards). Outside a personal chat Keypost only says where it
// works.
import { ask } from "../../../src/app/home/query.ts";
import { attachFromChat } from "../../../src/app/chat-commands/attach-reply.ts";
import { routeChatCommand } from "../../../src/app/chat-commands/chat-command.router.ts";
import { viewHome } from "../../../src/app/home/view-home.ts";
import { pick, type Locale } from "../../../src/ports/locale.ts";
import { isPersonal, type IncomingActivity } from "../activity.schema.ts";
import { renderChatReply } from "../cards/chat-reply.card.ts";
import { renderHome } from "../cards/home.card.ts";
import { refusalSentence } from "../teams-errors.ts";
import { passGate, type Passed } from "../teams-gate.ts";
import type { TeamsContext } from "../teams-context.ts";
import { sentFiles } from "../teams-files.ts";
import { MSG } from "../teams-messages.ts";
import { gateSentence } from "./gate-refusal.ts";
import { reply } from "./reply.ts";

/** The typed text without @mentions of the bot, trimmed. */
export function typedText(activity: IncomingActivity): string {
  return (activity.text ?? "")
    .replace(/<at>[^<]*<\/at>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export async function sendHome(
  ctx: TeamsContext,
  passed: Passed,
  to: IncomingActivity,
  page = 1,
  text?: string,
): Promise<void> {
  const answer = await ask(ctx.kernel, viewHome, { page }, passed.invocation);
  if (!answer.ok) return reply(ctx, to, { text: refusalSentence(answer, passed.locale) });
  await reply(ctx, to, { ...(text ? { text } : {}), card: renderHome(answer.value, answer.value.locale) });
}

export async function onMessage(ctx: TeamsContext, activity: IncomingActivity): Promise<void> {
  const gated = await passGate(ctx, activity);
  if (!gated.ok) {
    ctx.log.warn("teams: message refused", {
      refusal: gated.refusal,
      tenant: activity.channelData?.tenant?.id ?? null,
    });
    if (gated.refusal === "unknown_user" || gated.refusal === "no_user")
      await reply(ctx, activity, { text: gateSentence(gated.refusal, activity, ctx.kernel.orgLocale) });
    return;
  }
  if (!isPersonal(activity)) return reply(ctx, activity, { text: pick(MSG.notInstalledHere, gated.locale) });
  const text = typedText(activity);
  const files = sentFiles(activity.attachments, ctx.allowedServiceUrl);
  if (files.length > 0) {
    // Evidence files: "attach <post code> <item>" typed with the file (teams-files.ts).
    const answer = await attachFromChat(ctx.kernel, gated.invocation, text, files);
    return reply(ctx, activity, { text: pick(answer.text, gated.locale) });
  }
  const word = (text.split(" ")[0] ?? "").toLowerCase();
  if (HOME_WORDS.has(word) && text.split(" ").length <= 2)
    return sendHome(ctx, gated, activity, Number(text.split(" ")[1]) || 1);
  const answer = await routeChatCommand(
    { kernel: ctx.kernel, ...(ctx.reports ? { reports: ctx.reports } : {}) },
    text,
    gated.invocation,
  );
  // The reply speaks the person's language as it is now (`lang` may just have changed it).
  const locale =
    answer.kind === "text" && word === "lang" && !answer.refused
      ? ((await languageOf(ctx, gated)) ?? gated.locale)
      : gated.locale;
  const content = renderChatReply(answer, locale, activity.from.id);
  const extra = word === "help" || word === "帮助" || text === "" ? `\n\n${pick(MSG.homeHelp, locale)}` : "";
  await reply(ctx, activity, { ...(content.text ? { text: content.text + extra } : {}), cards: content.cards });
}

const HOME_WORDS = new Set(["home", "主页"]);

async function languageOf(ctx: TeamsContext, passed: Passed): Promise<Locale | undefined> {
  const answer = await ask(ctx.kernel, viewHome, { page: 1 }, passed.invocation);
  return answer.ok ? answer.value.locale : undefined;
}

// A message typed in the personal chat: `help`, `home`, `lang en|zh-CN`, else the typed command
// router shared with Slack. Answers are new messages in the same conversation (a sentence and/or
// a card). Outside a personal chat Keypost only says where it works.
import { ask } from "../../../src/app/home/query.ts";
import { setLocale } from "../../../src/app/home/set-locale.ts";
import { viewHome } from "../../../src/app/home/view-home.ts";
import { isLocale, pick } from "../../../src/app/i18n/locale.ts";
import { execute } from "../../../src/app/kernel/execute.ts";
import { isPersonal, type IncomingActivity } from "../activity.schema.ts";
import { renderHome } from "../cards/home.card.ts";
import { refusalSentence } from "../teams-errors.ts";
import { passGate, type Passed } from "../teams-gate.ts";
import type { TeamsContext } from "../teams-context.ts";
import { MSG } from "../teams-messages.ts";
import { gateSentence } from "./gate-refusal.ts";
import { reply } from "./reply.ts";

/** The typed text without @mentions of the bot, trimmed. */
export function typedText(activity: IncomingActivity): string {
  return (activity.text ?? "").replace(/<at>[^<]*<\/at>/g, " ").replace(/\s+/g, " ").trim();
}

export async function sendHome(ctx: TeamsContext, passed: Passed, to: IncomingActivity, page = 1, text?: string): Promise<void> {
  const answer = await ask(ctx.kernel, viewHome, { page }, passed.invocation);
  if (!answer.ok) return reply(ctx, to, { text: refusalSentence(answer, passed.locale) });
  await reply(ctx, to, { ...(text ? { text } : {}), card: renderHome(answer.value, answer.value.locale) });
}

export async function onMessage(ctx: TeamsContext, activity: IncomingActivity): Promise<void> {
  const gated = await passGate(ctx, activity);
  if (!gated.ok) {
    ctx.log.warn("teams: message refused", { refusal: gated.refusal, tenant: activity.channelData?.tenant?.id ?? null });
    if (gated.refusal === "unknown_user" || gated.refusal === "no_user") await reply(ctx, activity, { text: gateSentence(gated.refusal, activity, ctx.kernel.orgLocale) });
    return;
  }
  if (!isPersonal(activity)) return reply(ctx, activity, { text: pick(MSG.notInstalledHere, gated.locale) });
  const text = typedText(activity);
  const [word = "", arg] = text.split(" ");
  switch (word.toLowerCase()) {
    case "":
    case "home":
    case "主页":
      return sendHome(ctx, gated, activity);
    case "help":
    case "?":
    case "帮助":
      return reply(ctx, activity, { text: pick(MSG.help, gated.locale) });
    case "lang":
    case "语言": {
      if (!isLocale(arg)) return reply(ctx, activity, { text: pick(MSG.langUsage, gated.locale) });
      const outcome = await execute(ctx.kernel, setLocale, { locale: arg }, gated.invocation);
      return reply(ctx, activity, { text: outcome.ok ? pick(outcome.message, arg) : refusalSentence(outcome, gated.locale) });
    }
    default:
      return reply(ctx, activity, { text: pick(MSG.unknownCommand(text), gated.locale) });
  }
}

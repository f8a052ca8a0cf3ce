// Publishing a person's App Home (views.publish): on app_home_opened, after they act on it, and
// whenever a notice to them is delivered or updated (the notifier calls back), so it stays current.
import { ask } from "../../src/app/home/query.ts";
import { viewHome } from "../../src/app/home/view-home.ts";
import { identify } from "../../src/app/kernel/execute.ts";
import { hasReportRole, unitSummaryFields } from "../../src/app/chat-commands/role-summary.ts";
import type { CardField } from "../../src/ports/card.ts";
import type { Locale } from "../../src/ports/locale.ts";
import { context, section, escapeMrkdwn } from "./blocks/block-kit.ts";
import { homeView } from "./blocks/home.view.ts";
import type { SlackContext } from "./slack-context.ts";
import { unknownAccountText } from "./slack-errors.ts";

export async function publishHome(
  ctx: SlackContext,
  slackUserId: string,
  personId: string | undefined,
  page = 1,
  banner?: (locale: Locale) => string,
): Promise<void> {
  if (!personId) {
    await ctx.web.views.publish({
      user_id: slackUserId,
      view: { type: "home", blocks: [section(escapeMrkdwn(unknownAccountText()))] } as never,
    });
    return;
  }
  const invocation = { personId, platform: "slack" as const };
  const answer = await ask(ctx.kernel, viewHome, { page }, invocation);
  if (!answer.ok) {
    await ctx.web.views.publish({
      user_id: slackUserId,
      view: { type: "home", blocks: [section(escapeMrkdwn(unknownAccountText()))] } as never,
    });
    return;
  }
  let units: CardField[] | undefined;
  if (ctx.reports) {
    const who = await ctx.kernel.uow.run((tx) => identify(tx, personId, ctx.kernel.orgLocale, "slack"));
    if (hasReportRole(who.actor)) units = await unitSummaryFields(ctx.reports, who.actor, answer.value.now);
  }
  const view = homeView(answer.value, answer.value.locale, units) as {
    type: "home";
    blocks: Record<string, unknown>[];
  };
  if (banner) view.blocks = [context(escapeMrkdwn(banner(answer.value.locale))), ...view.blocks].slice(0, 100);
  await ctx.web.views.publish({ user_id: slackUserId, view: view as never });
}

/** The Slack user ids a person is reachable under (normally one). */
export async function slackUsersOf(ctx: SlackContext, personId: string): Promise<string[]> {
  const identities = await ctx.kernel.uow.run((tx) => tx.people.identitiesOf(personId));
  return identities.filter((i) => i.platform === "slack").map((i) => i.externalId);
}

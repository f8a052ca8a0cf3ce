// The options load URL: Slack asks it (a signed `block_suggestion` to the same request URL) as
// someone types in a person input (an external_select, blocks/form.view.ts). The answer is the
// people the core's picker offers this person (people.pick: the units they hold a role over),
// named in their language, each option's value the employee code the form's use case reads.
import type { App } from "@slack/bolt";
import { ask } from "../../../src/app/home/query.ts";
import { pickPeople } from "../../../src/app/people/pick-people.query.ts";
import { pick } from "../../../src/ports/locale.ts";
import { LIMITS, plain } from "../blocks/block-kit.ts";
import { VALUE_ACTION } from "../blocks/form.view.ts";
import type { SlackContext } from "../slack-context.ts";
import { slackPerson } from "../slack-identity.ts";
import { BlockSuggestion } from "../slack-payloads.ts";

export function registerOptions(app: App, ctx: SlackContext): void {
  app.options({ type: "block_suggestion", action_id: VALUE_ACTION }, async ({ body, ack }) => {
    const parsed = BlockSuggestion.safeParse(body);
    const person = parsed.success
      ? await slackPerson(ctx.kernel, ctx.web, ctx.log, parsed.data.user.id, parsed.data.team?.id ?? "")
      : undefined;
    if (!parsed.success || !person) return ack({ options: [] });
    const answer = await ask(
      ctx.kernel,
      pickPeople,
      { text: parsed.data.value },
      { personId: person.personId, platform: "slack" },
    );
    const options = answer.ok
      ? answer.value.map((o) => ({ text: plain(pick(o.label, person.locale), LIMITS.optionText), value: o.value }))
      : [];
    await ack({ options } as never);
  });
}

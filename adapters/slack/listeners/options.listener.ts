// The options load URL: Slack asks it (a signed `block_suggestion` to the same request URL) as
// someone types in a person or post input (an external_select, blocks/form.view.ts). The answer
// is what the core's picker offers this person (pick.options: the units they hold a role over),
// named in their language, each option's value the code the form's use case reads.
import type { App } from "@slack/bolt";
import { ask } from "../../../src/app/home/query.ts";
import { PICK_KINDS, pickOptions, type PickKind } from "../../../src/app/cards/pick-options.query.ts";
import { pick } from "../../../src/ports/locale.ts";
import { LIMITS, plain } from "../blocks/block-kit.ts";
import { VALUE_ACTION } from "../blocks/form.view.ts";
import type { SlackContext } from "../slack-context.ts";
import { slackPerson } from "../slack-identity.ts";
import { BlockSuggestion } from "../slack-payloads.ts";

export function registerOptions(app: App, ctx: SlackContext): void {
  app.options({ type: "block_suggestion", action_id: /^v\.(person|post|people)$/ }, async ({ body, ack }) => {
    const parsed = BlockSuggestion.safeParse(body);
    // A multi-person input ("v.people") offers the persons a single one does.
    const asked = parsed.success ? parsed.data.action_id.slice(`${VALUE_ACTION}.`.length) : "";
    const kind = asked === "people" ? "person" : asked;
    const person = parsed.success
      ? await slackPerson(ctx.kernel, ctx.web, ctx.log, parsed.data.user.id, parsed.data.team?.id ?? "")
      : undefined;
    if (!parsed.success || !person || !(PICK_KINDS as readonly string[]).includes(kind))
      return ack({ options: [] } as never);
    const answer = await ask(
      ctx.kernel,
      pickOptions,
      { kind: kind as PickKind, text: parsed.data.value },
      { personId: person.personId, platform: "slack" },
    );
    const options = answer.ok
      ? answer.value.map((o) => ({ text: plain(pick(o.label, person.locale), LIMITS.optionText), value: o.value }))
      : [];
    await ack({ options } as never);
  });
}

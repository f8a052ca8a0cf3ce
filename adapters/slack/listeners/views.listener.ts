// A modal submitted: a card button's form (pressAction with the token and the values) or a chat
// command's form (submitChatForm; the view id makes a repeated submission count once). Committed
// before the ack; a refusal about what was typed answers `response_action: "errors"` next to
// the input (the modal stays, filled in); otherwise the ack replaces the modal with the outcome; then the message the button was on
// is updated in place, or the App Home republished.
import type { App } from "@slack/bolt";
import { CHAT_FORMS, isChatFormId, submitChatForm } from "../../../src/app/chat-commands/chat-forms.ts";
import { formRefusal, type FieldRefusal } from "../../../src/app/cards/form-refusal.ts";
import { formForToken } from "../../../src/app/kernel/press-form.ts";
import { pick } from "../../../src/ports/locale.ts";
import { pressAction } from "../../../src/app/kernel/press-action.ts";
import type { Outcome } from "../../../src/app/kernel/outcome.ts";
import { FORM_CALLBACK, messageModal } from "../blocks/form.view.ts";
import type { SlackContext } from "../slack-context.ts";
import { unknownAccountText } from "../slack-errors.ts";
import { publishHome } from "../slack-home.ts";
import { slackPerson } from "../slack-identity.ts";
import { FormMetadata, formValues, ViewSubmission } from "../slack-payloads.ts";
import { ackedAlready } from "../slack-receiver.ts";
import { replacePressed, responder } from "../slack-answer.ts";
import { outcomeMessage, outcomeSentence } from "./reply.ts";
import { section, escapeMrkdwn } from "../blocks/block-kit.ts";

function parseMetadata(text: string): FormMetadata | undefined {
  try {
    const parsed = FormMetadata.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The input a refusal is about, when the form the person submitted is still the one to answer. */
async function fieldRefusal(
  ctx: SlackContext,
  metadata: FormMetadata,
  outcome: Outcome,
  values: Readonly<Record<string, string>>,
  personId: string,
): Promise<FieldRefusal | undefined> {
  if (outcome.ok) return undefined;
  const inputs =
    metadata.k === "chat"
      ? isChatFormId(metadata.f)
        ? CHAT_FORMS[metadata.f].inputs
        : []
      : ((await formForToken(ctx.kernel, metadata.t, personId))?.inputs ?? []);
  return formRefusal(outcome, inputs, values);
}

export function registerViews(app: App, ctx: SlackContext): void {
  app.view(FORM_CALLBACK, async ({ body, ack, context }) => {
    const parsed = ViewSubmission.safeParse(body);
    const metadata = parsed.success ? parseMetadata(parsed.data.view.private_metadata) : undefined;
    if (!parsed.success || !metadata)
      return ack({
        response_action: "update",
        view: messageModal("Keypost", [section("Unreadable form / 无法识别的表单")], "en") as never,
      });
    const submission = parsed.data;
    const person = await slackPerson(ctx.kernel, ctx.web, ctx.log, submission.user.id, submission.team?.id ?? "");
    if (!person)
      return ack({
        response_action: "update",
        view: messageModal("Keypost", [section(escapeMrkdwn(unknownAccountText()))], "en") as never,
      });
    const invocation = { personId: person.personId, platform: "slack" as const };
    const values = formValues(submission.view.state);
    const outcome: Outcome =
      metadata.k === "chat"
        ? await submitChatForm(ctx.kernel, metadata.f, values, invocation, submission.view.id)
        : await pressAction(ctx.kernel, ctx.actions, { token: metadata.t, values }, invocation);
    // A refusal about what was typed keeps the modal open with the reason next to the field.
    const refused = ackedAlready(context)
      ? undefined
      : await fieldRefusal(ctx, metadata, outcome, values, person.personId);
    if (refused)
      return ack({ response_action: "errors", errors: { [refused.field]: pick(refused.message, person.locale) } });
    const shown = outcomeMessage(outcome, person.locale);
    // Past the ack budget Slack may have closed the modal already: the outcome goes to the DM too.
    if (ackedAlready(context)) {
      await ack();
      await ctx.web.chat.postMessage({ channel: submission.user.id, ...shown } as never);
    } else
      await ack({
        response_action: "update",
        view: messageModal(
          pick({ "zh-CN": "Keypost", en: "Keypost" }, person.locale),
          shown.blocks.slice(0, 100),
          person.locale,
        ) as never,
      });
    if (metadata.k !== "press") return;
    if (metadata.home)
      return publishHome(ctx, submission.user.id, person.personId, 1, (locale) => outcomeSentence(outcome, locale));
    if (metadata.ch && (metadata.ts || metadata.ru) && outcome.card)
      await replacePressed(
        ctx,
        {
          channel: metadata.ch,
          ts: metadata.ts,
          ephemeral: metadata.ru !== undefined,
          respond: responder(metadata.ru, ctx.text),
        },
        outcomeMessage(outcome, person.locale),
      );
  });
}

// What a signed Slack request is, checked before Bolt sees it: the kind, and for the kinds Keypost
// reads, every field Slack documents for it typed as Slack documents it (unknown fields allowed:
// Slack adds fields). Bolt reads `event.type`, `actions[0]`, … without checking, so `event: null` or
// `actions: "x"` made it throw (a 500); and a field of the wrong type further in (`team: "x"`,
// `event.channel: 5`, a view's `state.values` entry not an object) was answered 200 and then
// ignored or half-read. A request of a known kind with the wrong shape is a 400 naming the first
// field that breaks it; a kind Keypost does not use (shortcuts, `app_rate_limited`, other events)
// is acknowledged and left alone, as Slack requires. Shapes: docs.slack.dev reference/events
// (message.im, app_home_opened), reference/interaction-payloads (block_actions, view_submission),
// interactivity/implementing-slash-commands, apis/events-api (the envelope, url_verification).
// The fuzz test's oracle (test/support/fuzz-oracle.ts) states the same rules independently.
import { z } from "zod";
import { BlockSuggestion, Id } from "./slack-payloads.ts";

export type RequestShape =
  | { readonly ok: true; readonly kind: "event"; readonly eventKey: string }
  | {
      readonly ok: true;
      readonly kind: "press" | "view" | "command" | "url_verification" | "suggestion" | "ignored";
    }
  | { readonly ok: false; readonly type: string; readonly field: string };

const str = z.string().optional();
const bool = z.boolean().optional();
const anObject = z.looseObject({});
const httpUrl = z.string().refine((s) => URL.canParse(s) && /^https?:/i.test(s), "a URL");

const interactive = {
  user: z.looseObject({ id: Id, username: str, name: str, team_id: str }),
  team: z.looseObject({ id: Id, domain: str }).nullable().optional(),
  api_app_id: str,
  token: str,
  trigger_id: str,
  enterprise: anObject.nullable().optional(),
  is_enterprise_install: bool,
};

const PressShape = z.looseObject({
  ...interactive,
  type: z.literal("block_actions"),
  response_url: httpUrl.optional(),
  container: z
    .looseObject({ type: str, message_ts: str, channel_id: str, view_id: str, is_ephemeral: bool })
    .optional(),
  channel: z.looseObject({ id: Id, name: str }).optional(),
  message: z
    .looseObject({ type: str, subtype: str, text: str, ts: str, bot_id: str, blocks: z.array(z.unknown()).optional() })
    .optional(),
  state: z.looseObject({ values: anObject.optional() }).optional(),
  actions: z
    .array(
      z.looseObject({
        action_id: z.string().min(1).max(255),
        block_id: str,
        text: anObject.optional(),
        value: str,
        type: str,
        action_ts: str,
      }),
    )
    .min(1)
    .max(25),
});

const InputValueShape = z.looseObject({
  type: z.string(),
  value: z.string().nullable().optional(),
  selected_date: z.string().nullable().optional(),
  selected_option: z.looseObject({ value: z.string() }).nullable().optional(),
  selected_options: z
    .array(z.looseObject({ value: z.string() }))
    .nullable()
    .optional(),
});

const ViewSubmissionShape = z.looseObject({
  ...interactive,
  type: z.literal("view_submission"),
  response_urls: z.array(z.unknown()).optional(),
  view: z.looseObject({
    id: Id,
    team_id: str,
    type: str,
    blocks: z.array(z.unknown()).optional(),
    private_metadata: str,
    callback_id: str,
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), InputValueShape)) }),
    hash: str,
    title: anObject.optional(),
    clear_on_close: bool,
    notify_on_close: bool,
    close: anObject.nullable().optional(),
    submit: anObject.nullable().optional(),
    previous_view_id: z.string().nullable().optional(),
    root_view_id: z.string().nullable().optional(),
    app_id: str,
    external_id: str,
    app_installed_team_id: str,
    bot_id: str,
  }),
});

const ViewClosedShape = z.looseObject({
  ...interactive,
  type: z.literal("view_closed"),
  view: z.looseObject({ id: Id }),
});

const CommandShape = z.looseObject({ command: z.string().min(1).max(64), user_id: Id });

const UrlVerification = z.looseObject({
  type: z.literal("url_verification"),
  token: str,
  challenge: z.string().min(1).max(200),
});

const EventEnvelope = z.looseObject({
  type: z.literal("event_callback"),
  token: str,
  team_id: Id,
  api_app_id: str,
  event: z.looseObject({ type: z.string().min(1).max(64) }),
  event_id: Id,
  event_time: z.number().optional(),
  authorizations: z.array(z.unknown()).optional(),
  is_ext_shared_channel: bool,
  event_context: str,
});

const MessageEvent = z.looseObject({
  type: z.literal("message"),
  channel: Id,
  user: str,
  text: str,
  ts: str,
  event_ts: str,
  channel_type: str,
  client_msg_id: str,
  team: str,
  blocks: z.array(z.unknown()).optional(),
  subtype: str,
  bot_id: str,
  files: z.array(z.looseObject({ id: z.string().min(1) })).optional(),
});

const AppHomeOpenedEvent = z.looseObject({
  type: z.literal("app_home_opened"),
  user: Id,
  channel: str,
  tab: str,
  event_ts: str,
});

/** The first field a value breaks, as a path ("$.event.channel"), or undefined when it fits. */
function firstBroken(schema: z.ZodType, value: unknown, prefix = "$"): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const path = result.error.issues[0]?.path ?? [];
  // Capped: a record's keys (a view's block ids) come from the body.
  return (prefix + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")).slice(0, 120);
}

export function slackRequestShape(body: Record<string, unknown>): RequestShape {
  const type = typeof body.type === "string" ? body.type.slice(0, 64) : body.type === undefined ? "command" : undefined;
  if (type === undefined || type === "") return { ok: false, type: "?", field: "$.type" };
  const check = (schema: z.ZodType, ok: RequestShape, value: unknown = body, prefix = "$"): RequestShape => {
    const field = firstBroken(schema, value, prefix);
    return field ? { ok: false, type, field } : ok;
  };
  switch (type) {
    case "event_callback": {
      const envelope = EventEnvelope.safeParse(body);
      if (!envelope.success) return check(EventEnvelope, { ok: true, kind: "ignored" });
      const { event, team_id, event_id } = envelope.data;
      const ok: RequestShape = { ok: true, kind: "event", eventKey: `slack:event:${team_id}:${event_id}` };
      if (event.type === "message") return check(MessageEvent, ok, event, "$.event");
      if (event.type === "app_home_opened") return check(AppHomeOpenedEvent, ok, event, "$.event");
      return ok;
    }
    case "block_actions":
      return check(PressShape, { ok: true, kind: "press" });
    case "view_submission":
      return check(ViewSubmissionShape, { ok: true, kind: "view" });
    case "view_closed":
      return check(ViewClosedShape, { ok: true, kind: "view" });
    case "block_suggestion":
      return check(BlockSuggestion, { ok: true, kind: "suggestion" });
    case "url_verification":
      return check(UrlVerification, { ok: true, kind: "url_verification" });
    case "command":
      return check(CommandShape, { ok: true, kind: "command" });
    default:
      return { ok: true, kind: "ignored" };
  }
}

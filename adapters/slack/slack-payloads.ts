// The Slack payloads Keypost reads, parsed with zod at the edge (only the fields it uses; Slack
// sends many more). Shapes: https://docs.slack.dev/reference/interaction-payloads and the
// Events API; scrubbed real examples are in test/fixtures/slack/.
import { z } from "zod";

/** A Slack id (user, team, channel, view, event): short printable ASCII, as Slack issues them. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, "an id is printable ASCII");

export const SlashCommand = z.object({
  command: z.string().min(1).max(64),
  text: z.string().max(4000).default(""),
  user_id: Id,
  team_id: Id,
  channel_id: Id.optional(),
  trigger_id: z.string().min(1).max(255),
  response_url: z.string().url().optional(),
});
export type SlashCommand = z.infer<typeof SlashCommand>;

const Action = z.object({
  action_id: z.string().min(1).max(255),
  block_id: z.string().max(255).optional(),
  value: z.string().max(2000).optional(),
});

export const BlockActions = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: Id }),
  team: z.object({ id: Id }).nullable().optional(),
  trigger_id: z.string().min(1).max(255),
  response_url: z.string().url().optional(),
  container: z
    .object({
      type: z.string(),
      channel_id: Id.optional(),
      message_ts: z.string().max(32).optional(),
      view_id: Id.optional(),
      /** A message only the person sees (a `/keypost` answer): `chat.update` cannot reach it, its response_url can. */
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  channel: z.object({ id: Id }).optional(),
  message: z.object({ ts: z.string().max(32) }).optional(),
  view: z.object({ id: Id, type: z.string() }).optional(),
  actions: z.array(Action).min(1).max(25),
});
export type BlockActions = z.infer<typeof BlockActions>;

/** What Slack asks an options load URL as someone types in an external_select (a person input). */
export const BlockSuggestion = z.object({
  type: z.literal("block_suggestion"),
  user: z.object({ id: Id }),
  team: z.object({ id: Id }).nullable().optional(),
  action_id: z.string().min(1).max(255),
  block_id: z.string().max(255),
  value: z.string().max(200).default(""),
});
export type BlockSuggestion = z.infer<typeof BlockSuggestion>;

const InputValue = z.object({
  type: z.string(),
  value: z.string().nullable().optional(),
  selected_date: z.string().nullable().optional(),
  selected_option: z.object({ value: z.string() }).nullable().optional(),
  selected_options: z
    .array(z.object({ value: z.string() }))
    .nullable()
    .optional(),
});

export const ViewSubmission = z.object({
  type: z.literal("view_submission"),
  user: z.object({ id: Id }),
  team: z.object({ id: Id }).nullable().optional(),
  view: z.object({
    id: Id,
    callback_id: z.string().max(255),
    private_metadata: z.string().max(3000).default(""),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), InputValue)) }),
  }),
});
export type ViewSubmission = z.infer<typeof ViewSubmission>;

/** What a modal remembers: the chat form it was opened for, or the button (token) and where it was pressed. */
export const FormMetadata = z.discriminatedUnion("k", [
  z.object({ k: z.literal("chat"), f: z.string().max(64) }),
  z.object({
    k: z.literal("press"),
    t: z.string().min(1).max(200),
    ch: Id.optional(),
    ts: z.string().max(32).optional(),
    home: z.boolean().optional(),
    /** The response_url of an ephemeral message the button was on (answered there after the submission). */
    ru: z.string().url().max(500).optional(),
  }),
]);
export type FormMetadata = z.infer<typeof FormMetadata>;

export const EventEnvelope = z.object({
  type: z.literal("event_callback"),
  team_id: Id,
  event_id: Id,
  event: z.object({ type: z.string().max(64) }).loose(),
});

export const AppHomeOpened = z.object({ type: z.literal("app_home_opened"), user: Id, tab: z.string().optional() });

export const DirectMessage = z.object({
  type: z.literal("message"),
  channel_type: z.literal("im"),
  channel: Id,
  user: Id,
  text: z.string().max(40_000).default(""),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  /** A `file_share` message: the files shared with it (by id; files.info describes them). */
  files: z
    .array(z.object({ id: z.string().min(1).max(64) }))
    .max(20)
    .optional(),
});

/** A view submission's values by input name: text, date, the selected option or the selected options' values joined by commas. */
export function formValues(state: ViewSubmission["view"]["state"]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, byAction] of Object.entries(state.values)) {
    const input = Object.values(byAction)[0];
    if (!input) continue;
    const value =
      input.value ??
      input.selected_date ??
      input.selected_option?.value ??
      (input.selected_options ? input.selected_options.map((o) => o.value).join(",") : null);
    if (value !== null && value !== undefined) values[name] = value;
  }
  return values;
}

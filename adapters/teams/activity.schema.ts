// The parts of an incoming Bot Framework activity Keypost reads, parsed with zod at the edge.
// Anything else in the activity is ignored; an activity without them is refused. Ids are printable
// ASCII of bounded length, as Teams sends them: an id with a lone surrogate once reached
// encodeURIComponent (URIError: a 500) when the reply's URL was built.
import { z } from "zod";

const Ident = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[\x21-\x7e]+$/, "an id is printable ASCII");

const account = z.object({ id: Ident, name: z.string().max(512).optional(), aadObjectId: Ident.optional() }).loose();

export const incomingActivity = z
  .object({
    type: z.string().min(1),
    id: z.string().optional(),
    name: z.string().optional(),
    channelId: z.string().min(1),
    serviceUrl: z.url(),
    from: account,
    recipient: account,
    conversation: z
      .object({ id: Ident, conversationType: z.string().max(64).optional(), tenantId: Ident.optional() })
      .loose(),
    channelData: z
      .object({ tenant: z.object({ id: Ident }).optional() })
      .loose()
      .optional(),
    locale: z.string().optional(),
    text: z.string().optional(),
    action: z.string().optional(),
    membersAdded: z.array(account).optional(),
    value: z.unknown().optional(),
  })
  .loose();

export type IncomingActivity = z.infer<typeof incomingActivity>;

export const cardActionValue = z.object({
  action: z
    .object({
      type: z.literal("Action.Execute"),
      verb: z.string().max(40).optional(),
      data: z.record(z.string(), z.unknown()).default({}),
    })
    .loose(),
});

export function tenantOf(activity: IncomingActivity): string | undefined {
  return activity.channelData?.tenant?.id ?? activity.conversation.tenantId;
}

/** A personal (1:1) chat; Teams omits conversationType in some older payloads of personal chats. */
export function isPersonal(activity: IncomingActivity): boolean {
  const type = activity.conversation.conversationType;
  return type === "personal" || (type === undefined && !activity.conversation.id.startsWith("19:"));
}

// --- The shape every incoming activity must have, checked once its token is (teams-app.ts) -------
// Every field of the Bot Framework Activity schema that Teams sends and Keypost's fixtures show,
// typed as the schema documents it (learn.microsoft.com azure/bot-service/rest-api/
// bot-framework-rest-connector-api-reference#activity-object); unknown fields allowed. An activity
// that breaks it is a 400 naming the first field, whatever its type; a well-formed activity of a type
// Keypost does not use is acknowledged (200). Before, `from: 5` or `timestamp: []` was answered 200
// and then dropped by a handler, or not even looked at.
const str = z.string().optional();
const httpUrl = z.string().refine((s) => URL.canParse(s) && /^https?:/i.test(s), "a URL");
const documentedAccount = z.looseObject({ id: Ident, name: str, aadObjectId: Ident.optional(), role: str });

const documentedActivity = z.looseObject({
  type: z.string().min(1),
  id: str,
  timestamp: str,
  localTimestamp: str,
  localTimezone: str,
  channelId: z.string().min(1),
  serviceUrl: httpUrl,
  from: documentedAccount,
  recipient: documentedAccount,
  conversation: z.looseObject({
    id: Ident,
    conversationType: str,
    tenantId: Ident.optional(),
    isGroup: z.boolean().optional(),
    name: str,
  }),
  channelData: z.looseObject({}).optional(),
  entities: z.array(z.looseObject({})).optional(),
  membersAdded: z.array(documentedAccount).optional(),
  membersRemoved: z.array(documentedAccount).optional(),
  locale: str,
  text: str,
  textFormat: str,
  action: str,
  name: str,
  replyToId: str,
  value: z.unknown().optional(),
});

/** An Adaptive Card's Action.Execute (the "adaptiveCard/action" invoke's value). */
const documentedCardAction = z.looseObject({
  action: z.looseObject({
    type: z.literal("Action.Execute"),
    verb: str,
    title: str,
    data: z.looseObject({}).optional(),
  }),
  trigger: str,
});

function firstBroken(schema: z.ZodType, value: unknown, prefix: string): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const path = result.error.issues[0]?.path ?? [];
  return (prefix + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")).slice(0, 120);
}

/** The first field of an incoming activity that breaks its documented shape ("$.from.id"), or undefined. */
export function activityProblem(body: unknown): string | undefined {
  const broken = firstBroken(documentedActivity, body, "$");
  if (broken) return broken;
  const activity = body as { type: string; name?: string; value?: unknown };
  if (activity.type === "invoke" && activity.name === "adaptiveCard/action")
    return firstBroken(documentedCardAction, activity.value, "$.value");
  return undefined;
}

// --- Both readings in one pass (decision 13.s14q-2) -------------------------------------------------
// Every incoming activity was parsed twice: its documented shape (`activityProblem`, on the body, in
// teams-app.ts) and then Keypost's reading (`incomingActivity`, in the handler, on the same object).
// `checkedActivity` is the two schemas' constraints joined field by field (each field as strict as
// both, the value Keypost reads as `incomingActivity` gives it): it accepts exactly what both accept.
// It is the one pass of the usual case; only a refused activity goes through the two schemas again,
// so the answer that names a field (400) or refuses in the handler is the one it always was.
const checkedAccount = documentedAccount.extend({ name: z.string().max(512).optional() });

const checkedActivity = documentedActivity.extend({
  serviceUrl: httpUrl.pipe(z.url()),
  from: checkedAccount,
  recipient: checkedAccount,
  conversation: z.looseObject({
    id: Ident,
    conversationType: z.string().max(64).optional(),
    tenantId: Ident.optional(),
    isGroup: z.boolean().optional(),
    name: str,
  }),
  channelData: z
    .object({ tenant: z.object({ id: Ident }).optional() })
    .loose()
    .optional(),
  membersAdded: z.array(checkedAccount).optional(),
});

/** How an incoming activity reads: Keypost's reading, a 400 naming its first broken field, or refused by the handler. */
export type ActivityReading =
  { readonly activity: IncomingActivity } | { readonly field: string } | { readonly refused: true };

/** Reads an incoming activity in one zod pass when it is well-formed; a refused one as the two schemas refuse it. */
export function readActivity(body: unknown): ActivityReading {
  const checked = checkedActivity.safeParse(body);
  if (checked.success) {
    const activity = checked.data as IncomingActivity;
    const field =
      activity.type === "invoke" && activity.name === "adaptiveCard/action"
        ? firstBroken(documentedCardAction, activity.value, "$.value")
        : undefined;
    return field === undefined ? { activity } : { field };
  }
  const field = activityProblem(body);
  return field === undefined ? { refused: true } : { field };
}

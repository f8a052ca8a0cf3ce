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

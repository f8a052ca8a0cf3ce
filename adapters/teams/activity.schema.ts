// The parts of an incoming Bot Framework activity Keypost reads, parsed with zod at the edge.
// Anything else in the activity is ignored; an activity without them is refused.
import { z } from "zod";

const account = z
  .object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() })
  .loose();

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
      .object({ id: z.string().min(1), conversationType: z.string().optional(), tenantId: z.string().optional() })
      .loose(),
    channelData: z
      .object({ tenant: z.object({ id: z.string().min(1) }).optional() })
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

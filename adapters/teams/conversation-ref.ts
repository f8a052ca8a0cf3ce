// Where a proactive message reaches a person in Teams: the service URL, their personal
// conversation with the bot, their tenant and ids. Stored as JSON in ChatIdentity.conversationRef
// when the app is installed or first used; parsed again (zod) before every use.
import { z } from "zod";

export const conversationRef = z.object({
  serviceUrl: z.url(),
  conversationId: z.string().min(1),
  tenantId: z.string().min(1),
  botId: z.string().min(1),
  /** The user's Teams id in this conversation ("29:…"). */
  userId: z.string().min(1),
  aadObjectId: z.string().min(1),
});

export type ConversationRef = z.infer<typeof conversationRef>;

export function serialiseRef(ref: ConversationRef): string {
  return JSON.stringify(ref);
}

export function parseRef(text: string | null | undefined): ConversationRef | undefined {
  if (!text) return undefined;
  try {
    const parsed = conversationRef.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// The app added to (or removed from) a person's Teams: installationUpdate, and conversationUpdate
// with the bot among membersAdded. Adding stores the conversation reference and the installation
// time (so proactive notices can reach the person) and greets them with their home; removing
// forgets the reference, so later notices fail visibly (and are escalated) instead of vanishing.
import { forgetChatConversation } from "../../../src/app/chat-identity/resolve-chat-user.ts";
import { pick } from "../../../src/ports/locale.ts";
import { isPersonal, tenantOf, type IncomingActivity } from "../activity.schema.ts";
import { passGate } from "../teams-gate.ts";
import type { TeamsContext } from "../teams-context.ts";
import { MSG } from "../teams-messages.ts";
import { gateSentence } from "./gate-refusal.ts";
import { sendHome } from "./message.handler.ts";
import { reply } from "./reply.ts";

export async function onInstalled(ctx: TeamsContext, activity: IncomingActivity): Promise<void> {
  if (!isPersonal(activity)) return;
  const gated = await passGate(ctx, activity, ctx.kernel.clock.now());
  if (!gated.ok) {
    ctx.log.warn("teams: installation refused", { refusal: gated.refusal });
    if (gated.refusal === "unknown_user")
      await reply(ctx, activity, { text: gateSentence(gated.refusal, activity, ctx.kernel.orgLocale) });
    return;
  }
  await sendHome(ctx, gated, activity, 1, pick(MSG.welcome, gated.locale));
}

export async function onUninstalled(ctx: TeamsContext, activity: IncomingActivity): Promise<void> {
  const aadObjectId = activity.from.aadObjectId;
  const tenantId = tenantOf(activity);
  if (!isPersonal(activity) || !aadObjectId || !tenantId) return;
  if (ctx.allowedTenants.size > 0 && !ctx.allowedTenants.has(tenantId.toLowerCase())) return;
  await forgetChatConversation(ctx.kernel, "teams", aadObjectId);
}

/**
 * conversationUpdate: the bot itself added to a personal chat means the app was installed there.
 * Teams also sends installationUpdate for the same installation, which greets: this one only
 * stores the reference (whichever arrives first).
 */
export async function onConversationUpdate(ctx: TeamsContext, activity: IncomingActivity): Promise<void> {
  const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient.id);
  if (!botAdded || !isPersonal(activity)) return;
  const gated = await passGate(ctx, activity, ctx.kernel.clock.now());
  if (!gated.ok) ctx.log.warn("teams: conversation update refused", { refusal: gated.refusal });
}

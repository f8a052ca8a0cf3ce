// Every activity passes this gate before anything else: it must come from Teams, from an allowed
// tenant, carry the user's Entra object id, and name a service URL on the allow-list; then the
// user is looked up in the register (by object id, else by the e-mail address Teams gives for
// them on first contact) and, in a personal chat, the conversation reference is stored so that
// proactive notices can reach them.
import { resolveChatUser, type ChatUserRequest } from "../../src/app/chat-identity/resolve-chat-user.ts";
import type { Locale } from "../../src/ports/locale.ts";
import type { Kernel } from "../../src/app/kernel/execute.ts";
import type { Invocation } from "../../src/app/kernel/use-case.ts";
import { z } from "zod";
import { isPersonal, tenantOf, type IncomingActivity } from "./activity.schema.ts";
import type { BotConnectorClient } from "./connector/bot-connector.client.ts";
import { serialiseRef, type ConversationRef } from "./conversation-ref.ts";

export type GateRefusal = "not_teams" | "tenant_not_allowed" | "no_user" | "service_url_not_allowed" | "unknown_user";

export type Passed = {
  readonly ok: true;
  readonly invocation: Invocation;
  readonly locale: Locale;
  readonly tenantId: string;
  readonly ref: ConversationRef | undefined;
};

export type Gated = Passed | { readonly ok: false; readonly refusal: GateRefusal };

export interface GateOptions {
  readonly kernel: Kernel;
  readonly connector: BotConnectorClient;
  /** Tenants allowed; empty = any (development only). */
  readonly allowedTenants: ReadonlySet<string>;
}

const memberProfile = z.object({ email: z.string().optional(), userPrincipalName: z.string().optional() }).loose();

export function refOf(activity: IncomingActivity, tenantId: string): ConversationRef | undefined {
  const aadObjectId = activity.from.aadObjectId;
  if (!isPersonal(activity) || !aadObjectId) return undefined;
  return {
    serviceUrl: activity.serviceUrl,
    conversationId: activity.conversation.id,
    tenantId,
    botId: activity.recipient.id,
    userId: activity.from.id,
    aadObjectId,
  };
}

/** The gate's checks up to the user's identity, and how to ask the register who they are. */
export type Checked =
  | {
      readonly ok: true;
      readonly request: ChatUserRequest;
      readonly tenantId: string;
      readonly ref: ConversationRef | undefined;
    }
  | { readonly ok: false; readonly refusal: GateRefusal };

/**
 * Everything the gate checks before the register: from Teams, an allowed tenant, a user object id, a
 * service URL on the allow-list. A press takes its identity from here into its own transaction
 * (pressAsChatUser, decision 13.s9p-3); everything else passes the whole gate (`passGate`).
 */
export function checkGate(options: GateOptions, activity: IncomingActivity, installedAt?: Date): Checked {
  if (activity.channelId !== "msteams") return { ok: false, refusal: "not_teams" };
  const tenantId = tenantOf(activity);
  if (!tenantId || (options.allowedTenants.size > 0 && !options.allowedTenants.has(tenantId.toLowerCase())))
    return { ok: false, refusal: "tenant_not_allowed" };
  const aadObjectId = activity.from.aadObjectId;
  if (!aadObjectId) return { ok: false, refusal: "no_user" };
  if (!options.connector.allows(activity.serviceUrl)) return { ok: false, refusal: "service_url_not_allowed" };
  const ref = refOf(activity, tenantId);
  const request: ChatUserRequest = {
    platform: "teams",
    externalId: aadObjectId,
    tenantId,
    ...(ref ? { conversationRef: serialiseRef(ref) } : {}),
    ...(installedAt ? { installedAt } : {}),
    email: async () => {
      const answer = await options.connector.member(
        { serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id },
        activity.from.id,
      );
      if (answer.kind !== "ok") return undefined;
      const profile = memberProfile.safeParse(answer.body);
      return profile.success ? (profile.data.email ?? profile.data.userPrincipalName) : undefined;
    },
  };
  return { ok: true, request, tenantId, ref };
}

export async function passGate(options: GateOptions, activity: IncomingActivity, installedAt?: Date): Promise<Gated> {
  const checked = checkGate(options, activity, installedAt);
  if (!checked.ok) return checked;
  return resolveGate(options, checked);
}

/** The rest of the gate: who the user is in the register (linking them on first contact). */
export async function resolveGate(options: GateOptions, checked: Checked & { ok: true }): Promise<Gated> {
  const user = await resolveChatUser(options.kernel, checked.request);
  if (!user.ok) return { ok: false, refusal: "unknown_user" };
  const { tenantId, ref } = checked;
  return { ok: true, invocation: { personId: user.personId, platform: "teams" }, locale: user.locale, tenantId, ref };
}

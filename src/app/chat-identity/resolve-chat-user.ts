// Who a chat user is in the register. Known identities (imported with the register, or linked
// before) are found by their platform id; a chat user seen for the first time is matched by the
// e-mail address the platform gives for them, and the identity is linked (an audit-log fact). An
// identity stored for one tenant never answers for another. Conversation references (where a
// proactive message can reach the person) are stored here too, when the platform gives one.
import type { Locale } from "../../ports/locale.ts";
import { localeOf } from "../../ports/locale.ts";
import type { Kernel } from "../kernel/execute.ts";
import type { LogPlatform } from "../../ports/audit-log.ts";
import type { ChatIdentityRef, Platform } from "../../ports/people-repository.ts";

export interface ChatUserRequest {
  readonly platform: Platform;
  readonly externalId: string;
  readonly tenantId: string;
  /** Where proactive messages reach this person (JSON); undefined = keep what is stored. */
  readonly conversationRef?: string;
  /** Set when the app was just installed for this person. */
  readonly installedAt?: Date;
  /** Asked only for a chat user Keypost has not seen: their e-mail address on the platform. */
  readonly email?: () => Promise<string | undefined>;
}

export type ChatUser =
  | { readonly ok: true; readonly personId: string; readonly locale: Locale; readonly linked: boolean }
  | { readonly ok: false; readonly code: "UNKNOWN_USER" };

const UNKNOWN = { ok: false, code: "UNKNOWN_USER" } as const;

/** Whether a stored identity answers this request as it is: same tenant, nothing to store. */
export function usableAsStored(identity: ChatIdentityRef, request: ChatUserRequest): boolean {
  return identity.tenantId === request.tenantId && !needsLinking(identity, request);
}

function needsLinking(identity: ChatIdentityRef, request: ChatUserRequest): boolean {
  const refChanged = request.conversationRef !== undefined && request.conversationRef !== identity.conversationRef;
  return refChanged || identity.tenantId === "" || request.installedAt !== undefined;
}

async function known(kernel: Kernel, request: ChatUserRequest): Promise<ChatUser | undefined> {
  // Every message and press starts here: a known identity with nothing to store is one read, no
  // transaction (the action re-reads the person in its own unit of work).
  const seen = await kernel.uow.read((tx) => tx.people.chatIdentity(request.platform, request.externalId));
  if (seen && !needsLinking(seen, request)) {
    if (seen.status === "left" || (seen.tenantId !== "" && seen.tenantId !== request.tenantId)) return UNKNOWN;
    return { ok: true, personId: seen.personId, locale: localeOf(seen.locale, kernel.orgLocale), linked: false };
  }
  return kernel.uow.run(async (tx) => {
    const identity = await tx.people.chatIdentity(request.platform, request.externalId);
    if (!identity) return undefined;
    if (identity.status === "left") return UNKNOWN;
    if (identity.tenantId !== "" && identity.tenantId !== request.tenantId) return UNKNOWN;
    if (needsLinking(identity, request)) {
      await tx.people.linkChatIdentity(identity.personId, {
        platform: request.platform,
        externalId: request.externalId,
        tenantId: request.tenantId,
        conversationRef: request.conversationRef ?? identity.conversationRef,
        ...(request.installedAt ? { installedAt: request.installedAt } : {}),
      });
    }
    return {
      ok: true,
      personId: identity.personId,
      locale: localeOf(identity.locale, kernel.orgLocale),
      linked: false,
    };
  });
}

/** The person behind a chat user, linking the identity on first sight; UNKNOWN_USER when nobody matches. */
export async function resolveChatUser(kernel: Kernel, request: ChatUserRequest): Promise<ChatUser> {
  const found = await known(kernel, request);
  if (found) return found;
  const email = (await request.email?.())?.trim().toLowerCase();
  if (!email) return UNKNOWN;
  return kernel.uow.run(async (tx) => {
    const person = await tx.people.byEmail(email);
    if (!person || person.status === "left") return UNKNOWN;
    const existing = (await tx.people.identitiesOf(person.id)).find((i) => i.platform === request.platform);
    // One identity per platform and person: a second account with the same address is not linked silently.
    if (existing && existing.externalId !== request.externalId) return UNKNOWN;
    await tx.people.linkChatIdentity(person.id, {
      platform: request.platform,
      externalId: request.externalId,
      tenantId: request.tenantId,
      conversationRef: request.conversationRef ?? null,
      ...(request.installedAt ? { installedAt: request.installedAt } : {}),
    });
    await tx.log.append({
      at: kernel.clock.now(),
      actorId: person.id,
      platform: request.platform as LogPlatform,
      action: "employee.chat_identity_linked",
      subjectType: "employee",
      subjectId: person.id,
      data: { platform: request.platform, externalId: request.externalId, tenantId: request.tenantId, by: "email" },
      personal: { externalId: person.id },
    });
    return { ok: true, personId: person.id, locale: localeOf(person.locale, kernel.orgLocale), linked: true };
  });
}

/** The app was removed for this chat user: proactive messages can no longer reach them. */
export async function forgetChatConversation(kernel: Kernel, platform: Platform, externalId: string): Promise<void> {
  await kernel.uow.run((tx) => tx.people.forgetConversation(platform, externalId));
}

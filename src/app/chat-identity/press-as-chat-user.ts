// A button pressed by a chat account, with the account resolved in the press's own transaction when
// it can be (decision 13.s9p-3). Every press used to start with the gate's identity read (one round
// trip, before the transaction), then read the same person again by id inside it. A known account
// with nothing to store — the press of every day — is now read as the actor in the transaction's
// first round trip, beside the token's claim. Anything else (an account not seen yet, another
// tenant, a left person, a conversation reference or installation to store) rolls that attempt back
// untouched and takes the one resolver every platform shares (resolveChatUser: its rules, its linking
// and its log entry), then presses as the person it names, as before.
import { ChatUserUnresolved, type Kernel } from "../kernel/execute.ts";
import { pressAction, type ActionRegistry, type Press } from "../kernel/press-action.ts";
import type { Outcome } from "../kernel/outcome.ts";
import type { Who } from "../kernel/use-case.ts";
import type { Locale } from "../../ports/locale.ts";
import type { LogPlatform } from "../../ports/audit-log.ts";
import { resolveChatUser, usableAsStored, type ChatUserRequest } from "./resolve-chat-user.ts";

export type ChatPress =
  | { readonly ok: true; readonly outcome: Outcome; readonly personId: string; readonly locale: Locale }
  | { readonly ok: false; readonly code: "UNKNOWN_USER" };

export async function pressAsChatUser(
  kernel: Kernel,
  actions: ActionRegistry,
  press: Press,
  request: ChatUserRequest,
): Promise<ChatPress> {
  const platform = request.platform as LogPlatform;
  let who: Who | undefined;
  try {
    const outcome = await pressAction(kernel, actions, press, {
      chat: { platform: request.platform, externalId: request.externalId },
      platform,
      usable: (identity) => usableAsStored(identity, request),
      identified: (person) => (who = person),
    });
    if (!who) throw new Error("a chat press was acted on without its person");
    return { ok: true, outcome, personId: who.person.id, locale: who.locale };
  } catch (error) {
    if (!(error instanceof ChatUserUnresolved)) throw error;
  }
  const user = await resolveChatUser(kernel, request);
  if (!user.ok) return user;
  const outcome = await pressAction(kernel, actions, press, { personId: user.personId, platform });
  return { ok: true, outcome, personId: user.personId, locale: user.locale };
}

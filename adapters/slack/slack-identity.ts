// Who a Slack user is: the one resolver every platform shares (`resolveChatUser`: the stored chat
// identity within its workspace, else the employee whose e-mail is the Slack profile's, asked of
// `users.info` only then, and linked — one audit-log fact, `employee.chat_identity_linked`). An
// account that maps to nobody, to someone who left, or to a second account of an already linked
// person is unknown: the caller answers so and does nothing else.
import type { webApi } from "@slack/bolt";
import { resolveChatUser, type ChatUserRequest } from "../../src/app/chat-identity/resolve-chat-user.ts";
import { localeOf, type Locale } from "../../src/ports/locale.ts";
import type { Kernel } from "../../src/app/kernel/execute.ts";
import type { Logger } from "../../src/infra/logger.ts";

export interface SlackPerson {
  readonly personId: string;
  readonly locale: Locale;
}

/** How to ask the register who a Slack user is (their workspace's id is the tenant). */
export function slackUserRequest(web: webApi.WebClient, log: Logger, userId: string, teamId: string): ChatUserRequest {
  return {
    platform: "slack",
    externalId: userId,
    tenantId: teamId,
    email: async () => {
      try {
        const info = await web.users.info({ user: userId });
        return info.user?.profile?.email ?? undefined;
      } catch (error) {
        log.warn("slack users.info failed", {
          user: userId,
          error: error instanceof Error ? error.message : String(error),
        });
        return undefined;
      }
    },
  };
}

export async function slackPerson(
  kernel: Kernel,
  web: webApi.WebClient,
  log: Logger,
  userId: string,
  teamId: string,
): Promise<SlackPerson | undefined> {
  const user = await resolveChatUser(kernel, slackUserRequest(web, log, userId, teamId));
  return user.ok ? { personId: user.personId, locale: user.locale } : undefined;
}

/** The person's language now (after `lang` it has changed). */
export async function currentLocale(kernel: Kernel, personId: string): Promise<Locale> {
  const person = await kernel.uow.run((tx) => tx.people.byId(personId));
  return localeOf(person?.locale, kernel.orgLocale);
}

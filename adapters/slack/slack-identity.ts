// Who a Slack user is: the employee whose stored chat identity is that user, else the employee whose
// e-mail is the Slack profile's (users.info), then linked so the next time needs no lookup. An
// account that maps to nobody (or to someone who left) is unknown: the caller answers so and does
// nothing else.
import type { webApi } from "@slack/bolt";
import { localeOf, type Locale } from "../../src/app/i18n/locale.ts";
import type { Kernel } from "../../src/app/kernel/execute.ts";
import type { Logger } from "../../src/infra/logger.ts";

export interface SlackPerson {
  readonly personId: string;
  readonly locale: Locale;
}

export async function slackPerson(
  kernel: Kernel,
  web: webApi.WebClient,
  log: Logger,
  userId: string,
  teamId: string,
): Promise<SlackPerson | undefined> {
  const known = await kernel.uow.run((tx) => tx.people.chatIdentity("slack", userId));
  if (known)
    return known.status === "left"
      ? undefined
      : { personId: known.personId, locale: localeOf(known.locale, kernel.orgLocale) };
  let email: string | undefined;
  try {
    const info = await web.users.info({ user: userId });
    email = info.user?.profile?.email ?? undefined;
  } catch (error) {
    log.warn("slack users.info failed", {
      user: userId,
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
  if (!email) return undefined;
  const now = kernel.clock.now();
  return kernel.uow.run(async (tx) => {
    const person = await tx.people.byEmail(email);
    if (!person || person.status === "left") return undefined;
    await tx.people.linkChatIdentity(person.id, {
      platform: "slack",
      externalId: userId,
      tenantId: teamId,
      conversationRef: null,
    });
    await tx.log.append({
      at: now,
      actorId: person.id,
      platform: "slack",
      action: "chat_identity.linked",
      subjectType: "employee",
      subjectId: person.id,
      data: { platform: "slack", externalId: userId, by: "email" },
    });
    return { personId: person.id, locale: localeOf(person.locale, kernel.orgLocale) };
  });
}

/** The person's language now (after `lang` it has changed). */
export async function currentLocale(kernel: Kernel, personId: string): Promise<Locale> {
  const person = await kernel.uow.run((tx) => tx.people.byId(personId));
  return localeOf(person?.locale, kernel.orgLocale);
}

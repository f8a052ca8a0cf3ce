// Signing in to the dashboard without a password: `/keypost dashboard` (any chat) asks for a
// one-time link for the person who typed it; the browser trades the link for a session once. The
// secrets travel only in the link and the cookie; the database keeps their SHA-256 and decides
// (one conditional update) that a link is used once and that a session is still open.
import { createHash, randomBytes } from "node:crypto";
import { DomainError } from "../../domain/errors.ts";
import type { LinkRefusal } from "../../ports/dashboard-sessions.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";
import type { Locale } from "../../ports/locale.ts";
import { identify, type Kernel } from "../kernel/execute.ts";
import type { Invocation } from "../kernel/use-case.ts";
import { REPORT_ROLES } from "../reports/report-scope.ts";

/** How long a link may wait to be opened. */
export const LINK_TTL_MS = 5 * 60_000;
/** A session ends after this long without a page view. */
export const SESSION_IDLE_MS = 30 * 60_000;

export const sha256 = (secret: string): string => createHash("sha256").update(secret).digest("base64url");
const secret = (): string => randomBytes(32).toString("base64url");

export interface SignInLink {
  /** The secret to put in the link (never stored, never logged). */
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * A one-time link for the person. Only someone with a reporting role (the dashboard shows reports)
 * gets one: anyone else is refused NOT_AUTHORISED, and an unknown person UNKNOWN_USER.
 */
export async function issueSignInLink(kernel: Kernel, invocation: Invocation): Promise<SignInLink> {
  const now = kernel.clock.now();
  return kernel.uow.run(async (tx) => {
    const who = await identify(tx, invocation.personId, kernel.orgLocale, invocation.platform);
    if (!who.actor.grants.some((g) => REPORT_ROLES.includes(g.role))) throw new DomainError("NOT_AUTHORISED");
    const token = secret();
    const expiresAt = new Date(now.getTime() + LINK_TTL_MS);
    await tx.dashboard.createLink({ tokenHash: sha256(token), personId: who.person.id, createdAt: now, expiresAt });
    await tx.log.append({
      at: now,
      actorId: who.person.id,
      platform: invocation.platform,
      action: "dashboard.link_issued",
      subjectType: "Employee",
      subjectId: who.person.id,
      data: { expiresAt },
    });
    return { token, expiresAt };
  });
}

export type Redeemed =
  | { readonly ok: true; readonly sessionToken: string; readonly personId: string }
  | { readonly ok: false; readonly refusal: LinkRefusal; readonly locale: Locale };

/** The language of a link's person (profile, else the organisation's), for its pages and refusals. */
async function localeOf(kernel: Kernel, tx: TxPorts, personId: string | undefined): Promise<Locale> {
  const person = personId === undefined ? undefined : await tx.people.byId(personId);
  return person?.locale ?? kernel.orgLocale;
}

/** Whether a link can still be used, and in which language to say so; nothing changes. */
export async function checkSignInLink(
  kernel: Kernel,
  token: string,
): Promise<{ readonly state: "valid" | LinkRefusal; readonly locale: Locale }> {
  const now = kernel.clock.now();
  return kernel.uow.read(async (tx) => {
    const link = await tx.dashboard.findLink(sha256(token));
    const locale = await localeOf(kernel, tx, link?.personId);
    if (!link) return { state: "unknown", locale };
    if (link.usedAt !== null) return { state: "used", locale };
    return { state: link.expiresAt.getTime() > now.getTime() ? "valid" : "expired", locale };
  });
}

/** Trades a link's secret for a new session, once: a second try, or one after 5 minutes, is refused. */
export async function redeemSignInLink(kernel: Kernel, token: string): Promise<Redeemed> {
  const now = kernel.clock.now();
  return kernel.uow.run(async (tx) => {
    const used = await tx.dashboard.useLink(sha256(token), now);
    if (!used.ok) {
      const link = await tx.dashboard.findLink(sha256(token));
      return { ok: false, refusal: used.refusal, locale: await localeOf(kernel, tx, link?.personId) };
    }
    const person = await tx.people.byId(used.personId);
    if (!person || person.status === "left") return { ok: false, refusal: "unknown", locale: kernel.orgLocale };
    return { ok: true, sessionToken: await startSession(tx, used.personId, now, {}), personId: used.personId };
  });
}

/** Opens a session for the person (a link redeemed, an OpenID Connect sign-in) and logs it; returns its secret. */
export async function startSession(
  tx: TxPorts,
  personId: string,
  now: Date,
  data: Readonly<Record<string, string>>,
): Promise<string> {
  const sessionToken = secret();
  await tx.dashboard.openSession({ tokenHash: sha256(sessionToken), personId, at: now });
  await tx.log.append({
    at: now,
    actorId: personId,
    platform: "web",
    action: "dashboard.signed_in",
    subjectType: "Employee",
    subjectId: personId,
    data,
  });
  return sessionToken;
}

/** The person of an open session (seen within the idle time), which is then seen now. */
export function sessionPerson(kernel: Kernel, sessionToken: string): Promise<string | undefined> {
  const now = kernel.clock.now();
  return kernel.uow.run((tx) =>
    tx.dashboard.touchSession(sha256(sessionToken), now, new Date(now.getTime() - SESSION_IDLE_MS)),
  );
}

export function signOut(kernel: Kernel, sessionToken: string): Promise<void> {
  const now = kernel.clock.now();
  return kernel.uow.run((tx) => tx.dashboard.endSession(sha256(sessionToken), now));
}

// People as the core sees them: who someone is, where they sit, what they may do.
import type { Locale } from "./locale.ts";
import type { Grant, Role } from "../domain/access/roles.ts";

export type { Grant, Role };
export type Platform = "slack" | "teams";

export interface Person {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly email: string | null;
  readonly unitId: string;
  readonly unitPath: string;
  readonly unitTimeZone: string;
  readonly status: "active" | "on_leave" | "suspended" | "left";
  readonly locale: Locale | null;
  readonly grants: readonly Grant[];
}

export interface ChatIdentityRef {
  readonly platform: Platform;
  readonly externalId: string;
  readonly tenantId: string;
  readonly conversationRef: string | null;
  /** When the app was installed for this person (Teams); undefined = leave as stored. */
  readonly installedAt?: Date | null;
}

export interface ChatIdentityOwner extends ChatIdentityRef {
  readonly personId: string;
  readonly status: Person["status"];
  readonly locale: Locale | null;
}

/** What decides the one platform a person with several chat accounts gets notices on. */
export interface PlatformPreference {
  /** The platform they chose (`platform teams`); null when they never chose. */
  readonly chosen: Platform | null;
  /** The chat platform of the last notice they acknowledged, if any. */
  readonly lastAcknowledged: Platform | null;
}

export interface PeopleRepository {
  byId(id: string): Promise<Person | undefined>;
  /** The person and whether they are away on their own mandatory leave now (byId and isAway in one read). */
  standing(id: string): Promise<{ person: Person; away: boolean } | undefined>;
  /** `standing` of a chat account's person, with the account as stored (one read: decision 13.s9p-3). */
  standingByChat(
    platform: Platform,
    externalId: string,
  ): Promise<{ person: Person; away: boolean; identity: ChatIdentityRef } | undefined>;
  /** Everyone of `ids` who exists (in no particular order): one read for a page of notices' recipients. */
  byIds(ids: readonly string[]): Promise<Person[]>;
  byCode(code: string): Promise<Person | undefined>;
  byEmail(email: string): Promise<Person | undefined>;
  byChatIdentity(platform: Platform, externalId: string): Promise<Person | undefined>;
  /** A chat identity with the little an adapter's gate needs (one light read, no grants). */
  chatIdentity(platform: Platform, externalId: string): Promise<ChatIdentityOwner | undefined>;
  /** Stores (or refreshes) a chat identity, e.g. after a lookup by e-mail or a Teams installation. */
  linkChatIdentity(personId: string, identity: ChatIdentityRef): Promise<void>;
  identitiesOf(personId: string): Promise<ChatIdentityRef[]>;
  /** The chat identities of each of `personIds` (a person with none is absent from the map). */
  identitiesOfMany(personIds: readonly string[]): Promise<Map<string, ChatIdentityRef[]>>;
  /** The app was uninstalled: no proactive message can reach this identity any more. */
  forgetConversation(platform: Platform, externalId: string): Promise<void>;
  /**
   * Current employees (not left) in units under any of `unitPaths` whose code, name or English name
   * holds `text` (all of them when it is empty), by code, at most `limit`: what a picker offers.
   */
  search(text: string, unitPaths: readonly string[], limit: number): Promise<Person[]>;
  /**
   * Everyone holding `role` on a unit that covers `unitPath` (the unit itself or an ancestor), except
   * people away on their own mandatory leave: their authority is suspended, they are never reached as
   * a role (told of a sealed leave, asked to act, escalated to).
   */
  withRoleCovering(role: Role, unitPath: string): Promise<Person[]>;
  /** Everyone holding `role` on any unit (not left, not away on their own leave), by code: the weekly digest's readers. */
  withRole(role: Role): Promise<Person[]>;
  setLocale(personId: string, locale: Locale): Promise<void>;
  platformPreference(personId: string): Promise<PlatformPreference>;
  setPreferredPlatform(personId: string, platform: Platform): Promise<void>;
  setStatus(personId: string, status: Person["status"]): Promise<void>;
  /** Their own mandatory leave has started and not ended: their authority is suspended. */
  isAway(personId: string): Promise<boolean>;
}

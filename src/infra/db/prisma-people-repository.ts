import type {
  ChatIdentityOwner,
  ChatIdentityRef,
  Grant,
  PeopleRepository,
  Person,
  Platform,
  PlatformPreference,
  Role,
} from "../../ports/people-repository.ts";
import { AWAY_STATES } from "../../domain/leave/leave.machine.ts";
import { isLocale, type Locale } from "../../ports/locale.ts";
import { newId } from "../../ports/ids.ts";
import type { Tx } from "./database.ts";
import { pickerWhere } from "./picker-search.ts";
import { toDateOrNull, type SqlSession } from "./sql-session.ts";
import { selectChatIdentitiesOf } from "./sql/select-chat-identities-of.sql.ts";
import { selectChatIdentityOwner } from "./sql/select-chat-identity-owner.sql.ts";
import { selectHolderAway } from "./sql/select-holder-away.sql.ts";
import { selectPeopleWithGrants, type PersonGrantRow } from "./sql/select-people-with-grants.sql.ts";
import type { PressReads } from "./press-reads.ts";
import { selectPersonStanding } from "./sql/select-person-standing.sql.ts";
import { selectChatPersonStanding } from "./sql/select-chat-person-standing.sql.ts";

const include = { unit: true, roles: { include: { unit: { select: { path: true } } } } } as const;

/** An employee with their unit and grants (as Prisma's include and the joined statement give them). */
type Row = Omit<PersonGrantRow, "unitPath" | "unitTimeZone" | "grantRole" | "grantPath"> & {
  unit: { path: string; timeZone: string };
  roles: { role: string; unit: { path: string } }[];
};

function toPerson(row: Row): Person {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    email: row.email,
    unitId: row.unitId,
    unitPath: row.unit.path,
    unitTimeZone: row.unit.timeZone,
    status: row.status as Person["status"],
    locale: isLocale(row.locale) ? row.locale : null,
    grants: row.roles.map((g): Grant => ({ role: g.role as Role, unitPath: g.unit.path })),
  };
}

function toIdentityRef(r: {
  platform: string;
  externalId: string;
  tenantId: string;
  conversationRef: string | null;
  installedAt: Date | null;
}): ChatIdentityRef {
  return {
    platform: r.platform as Platform,
    externalId: r.externalId,
    tenantId: r.tenantId,
    conversationRef: r.conversationRef,
    installedAt: r.installedAt,
  };
}

/** Every ancestor path of a unit path, itself included: "/HO/BR1/" → ["/HO/", "/HO/BR1/"]. */
export function coveringPaths(unitPath: string): string[] {
  const parts = unitPath.split("/").filter(Boolean);
  return parts.map((_, i) => "/" + parts.slice(0, i + 1).join("/") + "/");
}

/** Rows of one statement (ordered by person, one per grant) → people with their grants. */
function peopleOf(rows: readonly PersonGrantRow[]): Person[] {
  const people: Person[] = [];
  for (let i = 0; i < rows.length;) {
    const first = rows[i]!;
    const grants: Row["roles"] = [];
    for (; i < rows.length && rows[i]!.id === first.id; i++) {
      const r = rows[i]!;
      if (r.grantRole !== null && r.grantPath !== null) grants.push({ role: r.grantRole, unit: { path: r.grantPath } });
    }
    people.push(toPerson({ ...first, unit: { path: first.unitPath, timeZone: first.unitTimeZone }, roles: grants }));
  }
  return people;
}

export class PrismaPeopleRepository implements PeopleRepository {
  /** `sql`: the hand-written statements of the hot path (every action identifies its actor). */
  constructor(
    private readonly db: Tx,
    private readonly sql: SqlSession,
    /** On PostgreSQL, where a press's claim leaves the actor it read (press-reads.ts). */
    private readonly pressReads?: PressReads,
  ) {}

  /** One statement (the busiest read: every action identifies its actor this way), not Prisma's four. */
  async byId(id: string): Promise<Person | undefined> {
    return (await this.byIds([id]))[0];
  }

  /** A page of recipients in the same one statement (per 512 ids). */
  async byIds(ids: readonly string[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    if (ids.length > 512) return [...(await this.byIds(ids.slice(0, 512))), ...(await this.byIds(ids.slice(512)))];
    return peopleOf(await selectPeopleWithGrants(this.sql, ids));
  }

  /** The person and whether they are away, in one statement (identifying an actor: every action). */
  async standing(id: string): Promise<{ person: Person; away: boolean } | undefined> {
    const rows = await selectPersonStanding(this.sql, id);
    const person = peopleOf(rows)[0];
    return person ? { person, away: Boolean(rows[0]!.away) } : undefined;
  }

  async standingByChat(
    platform: Platform,
    externalId: string,
  ): Promise<{ person: Person; away: boolean; identity: ChatIdentityRef } | undefined> {
    const read = () => selectChatPersonStanding(this.sql, platform, externalId);
    const rows = await (this.pressReads ? this.pressReads.actor(platform, externalId, read) : read());
    const person = peopleOf(rows)[0];
    if (!person) return undefined;
    const first = rows[0]!;
    const identity: ChatIdentityRef = {
      platform,
      externalId,
      tenantId: first.chatTenantId,
      conversationRef: first.chatConversationRef,
      installedAt: toDateOrNull(first.chatInstalledAt),
    };
    return { person, away: Boolean(first.away), identity };
  }

  async byCode(code: string): Promise<Person | undefined> {
    const row = await this.db.employee.findUnique({ where: { code }, include });
    return row ? toPerson(row) : undefined;
  }

  async byEmail(email: string): Promise<Person | undefined> {
    const row = await this.db.employee.findUnique({ where: { email: email.toLowerCase() }, include });
    return row ? toPerson(row) : undefined;
  }

  async byChatIdentity(platform: Platform, externalId: string): Promise<Person | undefined> {
    const identity = await this.db.chatIdentity.findUnique({
      where: { platform_externalId: { platform, externalId } },
      include: { employee: { include } },
    });
    return identity ? toPerson(identity.employee) : undefined;
  }

  async chatIdentity(platform: Platform, externalId: string): Promise<ChatIdentityOwner | undefined> {
    const row = await selectChatIdentityOwner(this.sql, platform, externalId);
    if (!row) return undefined;
    return {
      platform: row.platform as Platform,
      externalId: row.externalId,
      tenantId: row.tenantId,
      conversationRef: row.conversationRef,
      installedAt: toDateOrNull(row.installedAt),
      personId: row.personId,
      status: row.status as Person["status"],
      locale: isLocale(row.locale) ? row.locale : null,
    };
  }

  async linkChatIdentity(personId: string, identity: ChatIdentityRef): Promise<void> {
    const installed = identity.installedAt === undefined ? {} : { installedAt: identity.installedAt };
    const data = {
      employeeId: personId,
      tenantId: identity.tenantId,
      conversationRef: identity.conversationRef,
      ...installed,
    };
    await this.db.chatIdentity.upsert({
      where: { platform_externalId: { platform: identity.platform, externalId: identity.externalId } },
      create: { id: newId(), platform: identity.platform, externalId: identity.externalId, ...data },
      update:
        identity.conversationRef === null ? { employeeId: personId, tenantId: identity.tenantId, ...installed } : data,
    });
  }

  async forgetConversation(platform: Platform, externalId: string): Promise<void> {
    await this.db.chatIdentity.updateMany({
      where: { platform, externalId },
      data: { conversationRef: null, installedAt: null },
    });
  }

  async identitiesOf(personId: string): Promise<ChatIdentityRef[]> {
    const rows = await selectChatIdentitiesOf(this.sql, personId);
    return rows.map((r) => toIdentityRef({ ...r, installedAt: toDateOrNull(r.installedAt) }));
  }

  async identitiesOfMany(personIds: readonly string[]): Promise<Map<string, ChatIdentityRef[]>> {
    const byPerson = new Map<string, ChatIdentityRef[]>();
    if (personIds.length === 0) return byPerson;
    const rows = await this.db.chatIdentity.findMany({
      where: { employeeId: { in: [...personIds] } },
      orderBy: [{ employeeId: "asc" }, { platform: "asc" }],
    });
    for (const row of rows) {
      const list = byPerson.get(row.employeeId);
      if (list) list.push(toIdentityRef(row));
      else byPerson.set(row.employeeId, [toIdentityRef(row)]);
    }
    return byPerson;
  }

  async search(text: string, unitPaths: readonly string[], limit: number): Promise<Person[]> {
    const where = await pickerWhere(this.db, text, unitPaths);
    if (!where) return [];
    const rows = await this.db.employee.findMany({
      where: { status: { not: "left" }, ...where },
      include,
      orderBy: { code: "asc" },
      take: limit,
    });
    return rows.map(toPerson);
  }

  async withRoleCovering(role: Role, unitPath: string): Promise<Person[]> {
    return this.#holding({ role, unit: { path: { in: coveringPaths(unitPath) } } });
  }

  async withRole(role: Role): Promise<Person[]> {
    return this.#holding({ role });
  }

  async #holding(grant: { role: Role; unit?: { path: { in: string[] } } }): Promise<Person[]> {
    const rows = await this.db.employee.findMany({
      where: { status: { not: "left" }, roles: { some: grant } },
      include,
      orderBy: { code: "asc" },
    });
    if (rows.length === 0) return [];
    // Someone away on their own mandatory leave exercises no role: never reached as one (issue #17).
    const away = await this.db.leave.findMany({
      where: { holderId: { in: rows.map((r) => r.id) }, status: { in: [...AWAY_STATES] } },
      select: { holderId: true },
    });
    const isAway = new Set(away.map((l) => l.holderId));
    return rows.filter((r) => !isAway.has(r.id)).map(toPerson);
  }

  async platformPreference(personId: string): Promise<PlatformPreference> {
    const person = await this.db.employee.findUnique({ where: { id: personId }, select: { preferredPlatform: true } });
    const acknowledged = await this.db.notice.findFirst({
      where: { recipientId: personId, acknowledgedAt: { not: null }, platform: { in: ["slack", "teams"] } },
      orderBy: { acknowledgedAt: "desc" },
      select: { platform: true },
    });
    const platform = (p: string | null | undefined): Platform | null => (p === "slack" || p === "teams" ? p : null);
    return { chosen: platform(person?.preferredPlatform), lastAcknowledged: platform(acknowledged?.platform) };
  }

  async setPreferredPlatform(personId: string, platform: Platform): Promise<void> {
    await this.db.employee.update({ where: { id: personId }, data: { preferredPlatform: platform } });
  }

  async setLocale(personId: string, locale: Locale): Promise<void> {
    await this.db.employee.update({ where: { id: personId }, data: { locale } });
  }

  async setStatus(personId: string, status: Person["status"]): Promise<void> {
    await this.db.employee.update({ where: { id: personId }, data: { status } });
  }

  async isAway(personId: string): Promise<boolean> {
    return selectHolderAway(this.sql, personId);
  }
}

// A bank for the long scenarios (the quiet week, the year of ticks), declared as data and written
// in one batch per table: a calendar with its days, units, people with their role grants and one
// chat identity each, policies, a two-item checklist and key posts with their holders. The two
// scenarios used to seed near-identical banks row by row, each in its own code (decision 13.s9t-5).
// Rows of each table are written in the order given, so what a scenario reads back is the same.
import { randomUUID } from "node:crypto";
import type { Database } from "../../src/infra/db/database.ts";

export interface BankUnit {
  readonly code: string;
  readonly name: string;
  readonly nameEn?: string;
  readonly kind: string;
  /** The parent unit's code; none for the root. */
  readonly parent?: string;
  readonly timeZone: string;
  /** Whether the unit names the bank's calendar (a unit without one inherits its parent's). */
  readonly onCalendar: boolean;
}

export interface BankPerson {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly email: string;
  readonly unit: string;
  /** [role, unit code] */
  readonly grants?: readonly (readonly [string, string])[];
  readonly chat: {
    readonly platform: "slack" | "teams";
    readonly externalId: string;
    readonly tenantId: string;
    readonly conversationRef?: string | null;
  };
}

export interface BankPolicy {
  readonly code: string;
  readonly name: string;
  readonly category: string | null;
  readonly maxTenureMonths: number;
  readonly leaveEveryMonths: number;
  readonly leaveMinWorkingDays: number;
  readonly complianceLeadWorkingDays: number;
  readonly warningDays: string;
  readonly reminderHours: string;
  readonly escalateAfterHours: number;
}

export interface BankPost {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly unit: string;
  /** The holder's employee code and since when they hold the post. */
  readonly holder: string;
  readonly startDate: string;
  /** A policy's code, when the post has one of its own (else its category's). */
  readonly policy?: string;
}

export interface BankSpec {
  readonly calendar: {
    readonly code: string;
    readonly name: string;
    readonly days?: readonly { readonly date: string; readonly kind: "holiday" | "workday"; readonly name: string }[];
  };
  readonly units: readonly BankUnit[];
  readonly people: readonly BankPerson[];
  readonly policies: readonly BankPolicy[];
  readonly checklistCode: string;
  readonly posts: readonly BankPost[];
}

export interface BranchBank {
  /** Employee code → id. */
  readonly ids: ReadonlyMap<string, string>;
  readonly units: ReadonlyMap<string, { readonly id: string; readonly path: string }>;
}

export async function seedBranchBank(db: Database, spec: BankSpec): Promise<BranchBank> {
  const p = db.prisma;
  const calendarId = randomUUID();
  await p.calendar.create({
    data: { id: calendarId, code: spec.calendar.code, name: spec.calendar.name, weekendDays: "6,7" },
  });
  if (spec.calendar.days?.length)
    await p.calendarDay.createMany({ data: spec.calendar.days.map((d) => ({ id: randomUUID(), calendarId, ...d })) });

  const units = new Map<string, { id: string; path: string }>();
  const unitRows = spec.units.map((u) => {
    const parent = u.parent === undefined ? undefined : units.get(u.parent);
    if (u.parent !== undefined && !parent)
      throw new Error(`unit ${u.code}: parent ${u.parent} is not declared before it`);
    const unit = { id: randomUUID(), path: `${parent?.path ?? "/"}${u.code}/` };
    units.set(u.code, unit);
    return {
      id: unit.id,
      code: u.code,
      name: u.name,
      ...(u.nameEn === undefined ? {} : { nameEn: u.nameEn }),
      kind: u.kind,
      parentId: parent?.id ?? null,
      path: unit.path,
      timeZone: u.timeZone,
      ...(u.onCalendar ? { calendarId } : {}),
    };
  });
  await p.orgUnit.createMany({ data: unitRows });
  const unitId = (code: string) => units.get(code)?.id ?? fail(`unknown unit ${code}`);

  const ids = new Map(spec.people.map((person) => [person.code, randomUUID()] as const));
  const personId = (code: string) => ids.get(code) ?? fail(`unknown person ${code}`);
  await p.employee.createMany({
    data: spec.people.map((person) => ({
      id: personId(person.code),
      code: person.code,
      name: person.name,
      nameEn: person.nameEn,
      email: person.email,
      unitId: unitId(person.unit),
    })),
  });
  const grants = spec.people.flatMap((person) =>
    (person.grants ?? []).map(([role, scope]) => ({
      id: randomUUID(),
      employeeId: personId(person.code),
      role,
      unitId: unitId(scope),
    })),
  );
  if (grants.length) await p.roleGrant.createMany({ data: grants });
  await p.chatIdentity.createMany({
    data: spec.people.map((person) => ({
      id: randomUUID(),
      employeeId: personId(person.code),
      platform: person.chat.platform,
      externalId: person.chat.externalId,
      tenantId: person.chat.tenantId,
      conversationRef: person.chat.conversationRef ?? null,
    })),
  });

  const policies = new Map(spec.policies.map((policy) => [policy.code, randomUUID()] as const));
  await p.policy.createMany({ data: spec.policies.map((policy) => ({ id: policies.get(policy.code)!, ...policy })) });
  const checklistTemplateId = randomUUID();
  await p.checklistTemplate.create({
    data: {
      id: checklistTemplateId,
      code: spec.checklistCode,
      name: "Checklist",
      items: {
        create: [1, 2].map((seq) => ({ id: randomUUID(), seq, text: `检查项 ${seq}`, textEn: `Item ${seq}` })),
      },
    },
  });
  const posts = spec.posts.map((post) => ({ ...post, id: randomUUID() }));
  await p.keyPost.createMany({
    data: posts.map((post) => ({
      id: post.id,
      code: post.code,
      name: post.name,
      nameEn: post.nameEn,
      unitId: unitId(post.unit),
      category: "operations",
      riskPoints: "[]",
      checklistTemplateId,
      standardDefined: true,
      policyId: post.policy === undefined ? null : (policies.get(post.policy) ?? fail(`unknown policy ${post.policy}`)),
    })),
  });
  await p.assignment.createMany({
    data: posts.map((post) => ({
      id: randomUUID(),
      employeeId: personId(post.holder),
      postId: post.id,
      kind: "holder",
      startDate: post.startDate,
    })),
  });
  return { ids, units };
}

function fail(message: string): never {
  throw new Error(`branch bank: ${message}`);
}

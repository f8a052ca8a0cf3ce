// The setup check's facts from the database (ports/setup-gap-queries.ts): a handful of bulk reads.
import type { Policy } from "../../domain/policy/index.ts";
import type { SetupGapFacts, SetupGapQueries } from "../../ports/setup-gap-queries.ts";
import type { Prisma, Tx } from "./database.ts";
import { PrismaPolicyRepository } from "./prisma-policy-repository.ts";

export class PrismaSetupGapQueries implements SetupGapQueries {
  constructor(private readonly db: Prisma | Tx) {}

  async facts(): Promise<SetupGapFacts> {
    let defaults: Partial<Record<string, Policy>> = {};
    try {
      defaults = await new PrismaPolicyRepository(this.db).categoryDefaults();
    } catch {
      // several sets of defaults and no active preset: none applies
    }
    const posts = await this.db.keyPost.findMany({
      where: { active: true },
      select: { code: true, category: true, policy: { select: { code: true } }, unit: { select: { path: true } } },
    });
    const units = await this.db.orgUnit.findMany({
      select: { code: true, path: true, calendar: { select: { code: true } } },
    });
    const days = await this.db.calendarDay.findMany({ select: { date: true, calendar: { select: { code: true } } } });
    const calendarYears = new Map<string, number[]>();
    for (const day of days) {
      const year = Number(day.date.slice(0, 4));
      const years = calendarYears.get(day.calendar.code) ?? [];
      if (!years.includes(year)) years.push(year);
      calendarYears.set(day.calendar.code, years);
    }
    const holders = await this.db.assignment.findMany({
      where: { kind: "holder", endDate: null, post: { active: true } },
      select: {
        post: { select: { code: true, unit: { select: { path: true } } } },
        employee: { select: { code: true, identities: { select: { platform: true } } } },
      },
    });
    return {
      posts: posts.map((p) => ({
        code: p.code,
        category: p.category,
        policyCode: p.policy?.code ?? null,
        unitPath: p.unit.path,
      })),
      defaults,
      units: units.map((u) => ({ code: u.code, path: u.path, calendarCode: u.calendar?.code ?? null })),
      calendarYears,
      holders: holders.map((h) => ({
        employeeCode: h.employee.code,
        postCode: h.post.code,
        unitPath: h.post.unit.path,
        platforms: [...new Set(h.employee.identities.map((i) => i.platform))],
      })),
    };
  }
}

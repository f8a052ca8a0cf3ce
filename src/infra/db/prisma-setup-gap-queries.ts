// The setup check's facts from the database (ports/setup-gap-queries.ts): a handful of bulk reads
// for the doctor; the gaps within a scope counted in SQL for chat answers (reports/scope-gaps.sql.ts).
import type { Policy } from "../../domain/policy/index.ts";
import type { ScopedGap, ScopedGapQuery, SetupGapFacts, SetupGapQueries } from "../../ports/setup-gap-queries.ts";
import type { Prisma, Provider, Tx } from "./database.ts";
import { PrismaPolicyRepository } from "./prisma-policy-repository.ts";
import { selectScopedGaps } from "./reports/scope-gaps.sql.ts";

export class PrismaSetupGapQueries implements SetupGapQueries {
  constructor(
    private readonly db: Prisma | Tx,
    private readonly provider: Provider,
  ) {}

  /** The category defaults in force; none when there are several sets and no active preset. */
  async #defaults(): Promise<Partial<Record<string, Policy>>> {
    try {
      return await new PrismaPolicyRepository(this.db).categoryDefaults();
    } catch {
      return {}; // several sets of defaults and no active preset: none applies
    }
  }

  inScope(query: ScopedGapQuery): Promise<ScopedGap[]> {
    return selectScopedGaps(this.db, this.provider, query, async () => Object.keys(await this.#defaults()));
  }

  async facts(): Promise<SetupGapFacts> {
    const defaults = await this.#defaults();
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

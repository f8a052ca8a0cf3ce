// The application kernel over a real test database, with a clock the test moves.
import type { Database } from "../../src/infra/db/database.ts";
import { PrismaUnitOfWork } from "../../src/infra/db/prisma-unit-of-work.ts";
import { FixedClock } from "../../src/infra/fixed-clock.ts";
import type { Kernel } from "../../src/app/kernel/execute.ts";
import type { CardRegistry } from "../../src/app/kernel/card-registry.ts";

export function testKernel(db: Database, at: string, cards: CardRegistry = {}): Kernel & { clock: FixedClock } {
  return { uow: new PrismaUnitOfWork(db), clock: new FixedClock(at), orgLocale: "zh-CN", cards };
}

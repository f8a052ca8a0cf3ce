// The demo bank (samples/demo-bank) with a few leaves made through the use cases, as HR and
// compliance would: one sealed leave that has started (revealed), one sealed leave ahead (secret
// to all but HR, compliance and its audit team), one unsealed leave ahead. The reference instant
// is NOW (Wednesday 25 November 2026, Asia/Shanghai). The CSV rows are read here with csv-parse,
// so the tests can work out expected answers from the files themselves.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { expect } from "vitest";
import { cards } from "../../../src/app/catalog.ts";
import { execute, type Kernel } from "../../../src/app/kernel/execute.ts";
import { planLeave } from "../../../src/app/leave/plan-leave.ts";
import { recordComplianceNotice } from "../../../src/app/leave/record-compliance-notice.ts";
import { startLeave } from "../../../src/app/leave/start-leave.ts";
import { loadDemoBank } from "../../../src/cli/load-demo-bank.ts";
import type { FixedClock } from "../../../src/infra/fixed-clock.ts";
import type { TestDatabase } from "../../support/databases.ts";
import { testKernel } from "../../support/kernel.ts";

export const NOW = "2026-11-25T10:00:00+08:00";
export const TODAY = "2026-11-25";

const DIR = join(import.meta.dirname, "..", "..", "..", "samples", "demo-bank");
export function csv(kind: string): Record<string, string>[] {
  return parse(readFileSync(join(DIR, `${kind}.csv`), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as Record<string, string>[];
}

export interface Scenario {
  readonly kernel: Kernel & { clock: FixedClock };
  /** Employee id by code. */
  readonly ids: Record<string, string>;
  readonly leaves: {
    readonly started: string;
    readonly startedHead: string;
    readonly sealedAhead: string;
    readonly openAhead: string;
  };
}

/** The leaves the scenario makes, as plain data (post, holder, days, sealed). */
export const LEAVES = {
  started: {
    post: "P-BR1-02-VAULT",
    holder: "E038",
    substitute: "E036",
    start: "2026-11-23",
    end: "2026-11-27",
    sealed: true,
  },
  // The Shanghai branch's head (manager of BR2) is on leave: suspended, they may ask nothing.
  startedHead: {
    post: "P-BR2-HEAD",
    holder: "E021",
    substitute: "E022",
    start: "2026-11-23",
    end: "2026-11-27",
    sealed: true,
  },
  sealedAhead: {
    post: "P-BR2-01-TELLER",
    holder: "E044",
    substitute: "E045",
    start: "2026-12-07",
    end: "2026-12-11",
    sealed: true,
  },
  openAhead: {
    post: "P-BR1-01-TELLER",
    holder: "E026",
    substitute: "E027",
    start: "2026-12-07",
    end: "2026-12-11",
    sealed: false,
  },
} as const;

export async function demoScenario(db: TestDatabase): Promise<Scenario> {
  const kernel = testKernel(db, "2026-11-16T09:00:00+08:00", cards);
  await loadDemoBank(db, kernel.clock);
  const ids: Record<string, string> = {};
  for (const e of await db.prisma.employee.findMany({ select: { id: true, code: true } })) ids[e.code] = e.id;
  const as = (code: string) => ({ personId: ids[code]!, platform: "console" as const });
  const plan = async (l: (typeof LEAVES)[keyof typeof LEAVES]) => {
    const done = await execute(
      kernel,
      planLeave,
      {
        post: l.post,
        startDate: l.start,
        endDate: l.end,
        kind: "regular",
        trigger: "periodic",
        substitute: l.substitute,
        sealed: l.sealed,
      },
      as("E003"),
    );
    expect(done).toMatchObject({ ok: true });
    const row = await db.prisma.leave.findFirstOrThrow({
      where: {
        postId: (await db.prisma.keyPost.findUniqueOrThrow({ where: { code: l.post } })).id,
        startDate: l.start,
      },
    });
    return row.id;
  };
  const started = await plan(LEAVES.started);
  const startedHead = await plan(LEAVES.startedHead);
  for (const id of [started, startedHead])
    expect(await execute(kernel, recordComplianceNotice, { leaveId: id }, as("E006"))).toMatchObject({ ok: true });
  kernel.clock.set("2026-11-23T09:00:00+08:00");
  for (const id of [started, startedHead]) {
    const version = (await db.prisma.leave.findUniqueOrThrow({ where: { id } })).version;
    expect(await execute(kernel, startLeave, { leaveId: id, expectedVersion: version }, as("E003"))).toMatchObject({
      ok: true,
    });
  }
  kernel.clock.set(NOW);
  const sealedAhead = await plan(LEAVES.sealedAhead);
  const openAhead = await plan(LEAVES.openAhead);
  return { kernel, ids, leaves: { started, startedHead, sealedAhead, openAhead } };
}

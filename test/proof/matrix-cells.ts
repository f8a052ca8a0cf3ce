// One cell of the authorization matrix, tried and judged: shared by the leave and major-event suite
// (authorization-matrix.ts) and the audit and rectification suite (authorization-matrix-audit.ts).
// A cell runs a command as one person at the world's next instant and is checked against what the
// oracle expected: an allowed cell succeeds and moves its subject to the state the table names; a
// refused cell answers the rule's code, changes nothing, writes exactly one `<command>.refused`
// entry with that code (an unmapped user none: decision 17.13), and tells compliance exactly when
// the refusal's sentence says compliance has been told (and only for a suspended holder).
// The reads around a cell go together: one SQL statement for the log's end and compliance's
// notices and the subject's read beside it, once before the command and once after (13.s9t-4,
// 13.s10m-1). A stage's world is built once and kept; a cell that changes it gets it back.
// `matrixSuite` is the one frame the three suites run in: a database and a world per file,
// the cells, the printed figures and the two assertions.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Provider } from "../../src/infra/db/database.ts";
import type { LogPlatform } from "../../src/ports/audit-log.ts";
import type { Kernel } from "../../src/app/kernel/execute.ts";
import { testDatabase, type TestDatabase } from "../support/databases.ts";
import { worldSnapshot, type WorldSnapshot } from "../support/world-snapshot.ts";
import { MatrixWorld, type Expected } from "./leave-matrix.ts";

const PLATFORMS: readonly LogPlatform[] = ["slack", "teams", "console"];
const TOLD = /compliance has been told/i;
/** How many refused cells run at once on PostgreSQL. */
const LANES = 4;

export interface Figures {
  allowed: number;
  allowedAsRuled: number;
  refused: number;
  refusedAsRuled: number;
  mustLog: number;
  logged: number;
  toldWhereSaid: number;
}

export type CellOutcome = { ok: true } | { ok: false; code: string; message: { en: string } };

/** Tries one cell: `subject` reads what must not change when refused, and whose `status` an allowed cell moves to `exp.to` (null: not checked). */
export type TryCell = (
  label: string,
  exp: Expected,
  personId: string,
  name: string,
  run: (platform: LogPlatform, kernel: Kernel) => Promise<CellOutcome>,
  subject: () => Promise<unknown>,
  options?: CellOptions,
) => void;

export interface CellOptions {
  /**
   * The cell needs the stage's world as it was built (default: when allowed, since an allowed
   * cell changes its subject); false for cells that ran on the shared world before (settings, a question).
   */
  readonly pristine?: boolean;
}

export interface CellRunner {
  readonly figures: Figures;
  readonly wrong: string[];
  /**
   * Milliseconds: in the stages' cells (wall), and summed over the cells (which overlap on
   * PostgreSQL) in their commands, in the reads around them, keeping and putting back the world.
   */
  readonly spent: {
    readonly reads: number;
    readonly commands: number;
    readonly restores: number;
    readonly stages: number;
  };
  /**
   * One stage's cells, on the world as it is when called (the suite has just built the stage's
   * subject): the world is kept, `add` names the cells, and they run — first those that need no
   * pristine world (refusals change nothing but the log), then each pristine one on the kept world
   * put back (decision 13.s10m-1).
   */
  stage(add: (tryCell: TryCell) => void | Promise<void>): Promise<void>;
}

export function cellRunner(world: MatrixWorld, kept: WorldSnapshot): CellRunner {
  const p = world.db.prisma;
  const figures: Figures = {
    allowed: 0,
    allowedAsRuled: 0,
    refused: 0,
    refusedAsRuled: 0,
    mustLog: 0,
    logged: 0,
    toldWhereSaid: 0,
  };
  const wrong: string[] = [];
  const spent = { reads: 0, commands: 0, restores: 0, stages: 0 };
  /** What the refused cells wrote, found by their instants: the stage's totals must be no more. */
  const written = { entries: 0, told: 0 };
  let cell = 0;
  const one = async (...[label, exp, personId, name, run, subject]: Parameters<TryCell>): Promise<void> => {
    const platform = PLATFORMS[cell++ % PLATFORMS.length]!;
    // Each cell has an instant of its own, and a kernel whose clock stands there: what the cell
    // writes (its log entry, compliance's notice) is found by that instant, so cells can overlap.
    world.nextInstant();
    const at = world.now();
    const kernel = world.kernelAt(at);
    const toldKey = `employee:${personId}:suspended_attempt:v${at.getTime()}:`;
    let t = performance.now();
    const before = await subject();
    spent.reads += performance.now() - t;
    t = performance.now();
    const out = await run(platform, kernel);
    spent.commands += performance.now() - t;
    t = performance.now();
    const got = out.ok ? "allowed" : out.code;
    const want = exp.ok ? "allowed" : exp.code;
    if (exp.ok) {
      figures.allowed += 1;
      const [after, entries, toldNow] = await Promise.all([
        subject(),
        p.auditLogEntry.count({ where: { at } }),
        p.notice.count({ where: { kind: "suspended_attempt", dedupeKey: { startsWith: toldKey } } }),
      ]);
      written.entries += entries;
      written.told += toldNow;
      spent.reads += performance.now() - t;
      const moved = exp.to === null || (after as { status?: string }).status === exp.to;
      if (out.ok && moved) figures.allowedAsRuled += 1;
      else wrong.push(`${label}: expected allowed${exp.to ? ` → ${exp.to}` : ""}, got ${got} ${JSON.stringify(after)}`);
      return;
    }
    figures.refused += 1;
    // The entries written at the cell's instant, and compliance's notices of this attempt, beside the subject's read.
    const [after, entries, toldNow] = await Promise.all([
      subject(),
      p.auditLogEntry.findMany({ where: { at } }),
      p.notice.count({ where: { kind: "suspended_attempt", dedupeKey: { startsWith: toldKey } } }),
    ]);
    written.entries += entries.length;
    written.told += toldNow;
    spent.reads += performance.now() - t;
    if (got === want && JSON.stringify(after) === JSON.stringify(before)) figures.refusedAsRuled += 1;
    else
      wrong.push(
        `${label}: expected ${want}, got ${got}${JSON.stringify(after) === JSON.stringify(before) ? "" : " and it changed"}`,
      );
    if (exp.code !== "UNKNOWN_USER") {
      figures.mustLog += 1;
      const one = entries.length === 1 ? entries[0]! : undefined;
      if (
        one &&
        one.action === `${name}.refused` &&
        one.actorId === personId &&
        one.platform === platform &&
        (JSON.parse(one.data) as { code?: string }).code === exp.code
      )
        figures.logged += 1;
      else wrong.push(`${label}: refusal not logged once: ${entries.map((e) => `${e.action} ${e.data}`).join("; ")}`);
    } else if (entries.length > 0) wrong.push(`${label}: an unmapped user's attempt wrote ${entries.length} entries`);
    const says = !out.ok && TOLD.test(out.message.en);
    if (toldNow > 0 === says && toldNow > 0 === (exp.code === "SUSPENDED")) figures.toldWhereSaid += 1;
    else wrong.push(`${label}: compliance told ${toldNow}, the sentence ${says ? "says" : "does not say"} so`);
  };
  return {
    figures,
    wrong,
    spent,
    async stage(add) {
      const began = performance.now();
      const t = performance.now();
      await kept.take();
      spent.restores += performance.now() - t;
      const cells: { args: Parameters<TryCell>; pristine: boolean }[] = [];
      await add((...args) => cells.push({ args, pristine: args[6]?.pristine ?? args[1].ok }));
      // The world as kept is what every cell is judged against: refusals and the cells that need
      // no pristine world leave their subject as it was, so they go first; a pristine cell then gets
      // the kept world back (the cells before it wrote their log rows, or changed the subject).
      // On PostgreSQL the refusals overlap a few at a time (the server works while the cells wait);
      // SQLite has one connection, whose transactions a read beside them would see into: one at a time.
      const calm = cells.filter((c) => !c.pristine);
      const ends = () =>
        Promise.all([p.auditLogEntry.count(), p.notice.count({ where: { kind: "suspended_attempt" } })]);
      const [entriesBefore, toldBefore] = await ends();
      const counted = { ...written };
      let next = 0;
      const lane = async () => {
        while (next < calm.length) await one(...calm[next++]!.args);
      };
      await Promise.all(Array.from({ length: world.db.provider === "postgres" ? LANES : 1 }, lane));
      let touched = calm.length > 0;
      const [entriesAfter, toldAfter] = await ends();
      if (entriesAfter - entriesBefore !== written.entries - counted.entries)
        wrong.push(
          `a stage's cells wrote ${entriesAfter - entriesBefore} log entries, ${written.entries - counted.entries} at their instants`,
        );
      if (toldAfter - toldBefore !== written.told - counted.told)
        wrong.push(
          `a stage's cells told compliance ${toldAfter - toldBefore} times, ${written.told - counted.told} for their attempts`,
        );
      for (const { args } of cells.filter((c) => c.pristine)) {
        const t = performance.now();
        if (touched) await kept.restore();
        spent.restores += performance.now() - t;
        await one(...args);
        touched = true;
      }
      spent.stages += performance.now() - began;
    },
  };
}

/** What a suite's cells report besides the shared figures: the first half of its printed line. */
export type CellsOf = (world: MatrixWorld, runner: CellRunner, unmappedId: string) => Promise<string>;

/**
 * One matrix suite on one engine: a fresh database and matrix world for the file, the suite's cells
 * through one cell runner, then its line of figures printed and every cell required as ruled.
 */
export function matrixSuite(title: string, engine: Provider, claim: string, cells: CellsOf): void {
  describe(`${title} through the use cases on ${engine}`, () => {
    let db: TestDatabase;
    let world: MatrixWorld;
    let kept: WorldSnapshot;
    const unmappedId = randomUUID();
    beforeAll(async () => {
      db = await testDatabase(engine);
      world = await MatrixWorld.open(db);
      kept = await worldSnapshot(db);
    }, 120_000);
    afterAll(async () => {
      await kept?.close();
      await db?.drop();
    });

    it(
      claim,
      async () => {
        const runner = cellRunner(world, kept);
        const started = performance.now();
        const what = await cells(world, runner, unmappedId);
        const { figures, wrong, spent } = runner;
        const total = performance.now() - started;
        const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        console.log(
          `${what}; allowed ${figures.allowedAsRuled}/${figures.allowed}, refused ${figures.refusedAsRuled}/${figures.refused}, ` +
            `refusals logged ${figures.logged}/${figures.mustLog}, compliance told where said ${figures.toldWhereSaid}/${figures.refused}; ` +
            `the kept world put back ${kept.restores} times; time ${s(total)}: building the stages ` +
            `${s(total - spent.stages)}, their cells ${s(spent.stages)} (summed over the cells: commands ${s(spent.commands)}, ` +
            `reads ${s(spent.reads)}, keeping and putting back ${s(spent.restores)})`,
        );
        expect(wrong).toEqual([]);
        expect(figures.allowed).toBeGreaterThan(0);
      },
      1_500_000,
    );
  });
}

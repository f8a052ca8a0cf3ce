// The record pages' rules on both engines (records.query.ts): a post's history, an audit's record,
// its evidence pack and a subject's log, for compliance over the whole bank, for HR who planned a
// sealed leave, and for the sub-branch's manager, who may see the post and the audit of a started
// leave but not a sealed leave nor its audit, and neither the evidence pack nor the log.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAudit } from "../../../src/app/audit/close-audit.ts";
import { requestAudit } from "../../../src/app/audit/request-audit.ts";
import { signReport } from "../../../src/app/audit/sign-report.ts";
import { auditRecord, postHistory, subjectLog } from "../../../src/app/dashboard/records.query.ts";
import { envOf, identify } from "../../../src/app/kernel/execute.ts";
import type { Who as Viewer } from "../../../src/app/kernel/use-case.ts";
import type { ReportDeps } from "../../../src/app/reports/report-context.ts";
import { logRecordsOf } from "../../../src/infra/audit-log/log-records.ts";
import { reportDepsOf } from "../../../src/infra/db/reports/report-sources.ts";
import { dashboardRecordsOf } from "../../../src/infra/records/dashboard-records.ts";
import type { DashboardRecords } from "../../../src/ports/dashboard-records.ts";
import { ENGINES } from "../../support/databases.ts";
import { driveTo, makeWorld, ok, seedLeave, type Who, type World } from "../audit/audit-world.ts";

describe.each(ENGINES)("dashboard record pages on %s", (engine) => {
  let w: World;
  let dir: string;
  let deps: ReportDeps;
  let records: DashboardRecords;
  let auditId: string;
  let sealedLeaveId: string;
  let sealedAuditId: string;
  const viewer = (who: Who): Promise<Viewer> =>
    w.kernel.uow.read((tx) => identify(tx, w.ids[who], w.kernel.orgLocale, "web"));
  const env = () => ({ now: w.kernel.clock.now() });

  beforeAll(async () => {
    w = await makeWorld(engine);
    ({ auditId } = await driveTo(w, "opinion_given"));
    ok(await w.run(signReport, { auditId }, "executive"));
    ok(await w.run(closeAudit, { auditId }, "compliance"));
    sealedLeaveId = await seedLeave(w, { startDate: "2027-01-11", sealed: true });
    await w.db.prisma.leave.update({ where: { id: sealedLeaveId }, data: { endDate: "2027-01-22" } });
    ({ auditId: sealedAuditId } = await w.kernel.uow.run((tx) =>
      requestAudit(tx, envOf(w.kernel), {
        leaveId: sealedLeaveId,
        postId: w.bank.post.id,
        holderId: w.ids.holder,
        unitId: w.bank.units.SB1.id,
        unitPath: w.bank.units.SB1.path,
        sealedUntil: new Date("2027-01-10T16:00:00Z"),
      }),
    ));
    dir = mkdtempSync(join(tmpdir(), "keypost-records-"));
    const { privateKey } = generateKeyPairSync("ed25519");
    writeFileSync(join(dir, "key.pem"), privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    const log = await logRecordsOf(
      { KEYPOST_LOG_SIGNING_KEY_FILE: join(dir, "key.pem"), KEYPOST_LOG_CHECKPOINT_DIR: join(dir, "cp") },
      w.db,
    );
    deps = reportDepsOf(w.db);
    records = dashboardRecordsOf(w.db, log);
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("gives compliance the post's leaves and audits, the sealed ones too, the pack link and the verified log", async () => {
    const co = await viewer("compliance");
    const h = await postHistory(w.kernel, deps, co, env(), "P-TELLER-SB1");
    expect(h?.leaves.map((l) => l.id)).toContain(sealedLeaveId);
    expect(h?.audits.map((a) => a.fact.id).sort()).toEqual([auditId, sealedAuditId].sort());
    expect(h?.mayReadLog).toBe(true);
    const record = await auditRecord(deps, records, co, env(), auditId);
    expect(record?.evidence.items.map((i) => i.result)).toEqual(["pass", "exception", "not_applicable"]);
    expect(record?.mayDownload).toBe(true);
    const log = await subjectLog(deps, records, co, env(), `audit:${auditId}`);
    if (!log || log.log === "no-key") throw new Error("no log");
    expect(log.log.verdict.ok).toBe(true);
    const stored = await w.db.prisma.auditLogEntry.findMany({
      where: { subjectType: "audit", subjectId: auditId },
      orderBy: { seq: "asc" },
    });
    expect(log.log.entries.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
    const sealed = await subjectLog(deps, records, co, env(), `leave:${sealedLeaveId}`);
    expect(sealed).toBeDefined();
  });

  it("hides the sealed leave and its audit from the manager, and gives them no pack and no log", async () => {
    const mg = await viewer("manager");
    const h = await postHistory(w.kernel, deps, mg, env(), "P-TELLER-SB1");
    expect(h).toBeDefined();
    expect(h?.leaves.map((l) => l.id)).not.toContain(sealedLeaveId);
    expect(h?.audits.map((a) => a.fact.id)).toEqual([auditId]);
    expect(h?.mayReadLog).toBe(false);
    expect(await auditRecord(deps, records, mg, env(), sealedAuditId)).toBeUndefined();
    expect((await auditRecord(deps, records, mg, env(), auditId))?.mayDownload).toBe(false);
    expect(await subjectLog(deps, records, mg, env(), `audit:${auditId}`)).toBeUndefined();
    expect(await subjectLog(deps, records, mg, env(), `leave:${sealedLeaveId}`)).toBeUndefined();
  });

  it("says there is no signing key instead of an unproven log", async () => {
    const co = await viewer("compliance");
    const unsigned = dashboardRecordsOf(
      w.db,
      await logRecordsOf({ KEYPOST_LOG_CHECKPOINT_DIR: join(dir, "unsigned") }, w.db),
    );
    expect((await subjectLog(deps, unsigned, co, env(), `audit:${auditId}`))?.log).toBe("no-key");
    // The audit's record itself needs no key.
    expect((await auditRecord(deps, unsigned, co, env(), auditId))?.evidence.audit.id).toBe(auditId);
  });

  it("refuses a post outside the viewer's scope as if it did not exist", async () => {
    const other = await viewer("otherManager"); // manager of BR2
    expect(await postHistory(w.kernel, deps, other, env(), "P-TELLER-SB1")).toBeUndefined();
    expect(await postHistory(w.kernel, deps, other, env(), "NO-SUCH-POST")).toBeUndefined();
    expect(await auditRecord(deps, records, other, env(), auditId)).toBeUndefined();
  });
});

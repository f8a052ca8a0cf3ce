// The dashboard's record pages — a post's history, an audit's record, a subject's audit log — with
// the bot's rules: the post must be in the viewer's report scope (askWhoTookPost, as the bot's
// "who took post" answer), a leave shows only when the viewer may count it and an audit only when
// its leave does (reports/audits.ts), and the log and the evidence pack are compliance's, as
// `keypost export audit-log --as` (decision 19.2): the audit log names everyone who acted.
import { hasAnyRole, type Actor } from "../../domain/access/roles.ts";
import type { DashboardRecords, LogReader, SubjectLog } from "../../ports/dashboard-records.ts";
import type { AuditEvidence } from "../../ports/evidence-reads.ts";
import type { LeaveFact } from "../../ports/report-queries.ts";
import { ask } from "../home/query.ts";
import type { Kernel } from "../kernel/execute.ts";
import type { Who } from "../kernel/use-case.ts";
import { loadAudits, type AuditView } from "../reports/audits.ts";
import { askWhoTookPost } from "../reports/register-history.query.ts";
import { ReportContext, type ReportDeps, type ReportEnv } from "../reports/report-context.ts";
import type { WhoTookPost } from "../rotation/register-queries.ts";
import type { EmployeeFact } from "../../ports/report-queries.ts";

const LOG_ROLES = ["compliance", "compliance_head"] as const;

/** May the viewer read the audit log of a subject in this unit (and download evidence packs)? */
export function mayReadLog(viewer: Actor, unitPath: string): boolean {
  return !viewer.onLeave && hasAnyRole(viewer, [...LOG_ROLES], unitPath);
}

/** A grant on a top-level unit ("/HO/") covers the whole bank: such a reader sees every sealed leave. */
export function overWholeBank(viewer: Actor): boolean {
  return viewer.grants.some(
    (g) => ["hr", "compliance", "compliance_head"].includes(g.role) && g.unitPath.split("/").length === 3,
  );
}

function logReader(who: Who, entitled: readonly string[]): LogReader {
  return { name: who.person.code, seesSealed: overWholeBank(who.actor), entitled };
}

export interface PostHistory {
  readonly post: WhoTookPost["post"];
  readonly unitPath: string;
  /** The post's unit's time zone: instants are shown in it. */
  readonly timeZone: string;
  readonly holders: WhoTookPost["history"];
  /** The post's mandatory leaves the viewer may count, newest first. */
  readonly leaves: readonly LeaveFact[];
  readonly audits: readonly AuditView[];
  readonly people: ReadonlyMap<string, EmployeeFact>;
  /** Leaves whose log the viewer may read. */
  readonly mayReadLog: boolean;
}

/** A post's holders, leaves and audits; undefined when there is no such post in the viewer's scope. */
export async function postHistory(
  kernel: Kernel,
  deps: ReportDeps,
  who: Who,
  env: ReportEnv,
  postCode: string,
): Promise<PostHistory | undefined> {
  const answer = await ask(kernel, askWhoTookPost, { code: postCode }, { personId: who.person.id, platform: "web" });
  if (!answer.ok) return undefined;
  const post = answer.value.post;
  const unit = (await deps.queries.units()).find((u) => u.code === post.unitCode);
  if (!unit) return undefined;
  // Only the post's unit is read (ReportEnv.within narrows the reads, never what the viewer may see).
  const ctx = await ReportContext.load(deps, who.actor, { ...env, within: unit.path });
  if (!ctx.inScope(unit.id)) return undefined;
  const holderIds = [...new Set(answer.value.history.map((t) => t.holder.id))];
  const leaves = (await deps.queries.leavesOf(holderIds))
    .filter((l) => l.postId === post.id && ctx.counts(l))
    .sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0));
  const audits = (await loadAudits(ctx, {})).filter((a) => a.fact.postId === post.id);
  audits.sort((a, b) => ((a.fact.dueDate ?? "9999") < (b.fact.dueDate ?? "9999") ? 1 : -1));
  await ctx.loadPeople(leaves.flatMap((l) => [l.holderId, ...(l.substituteId ? [l.substituteId] : [])]));
  const people = new Map<string, EmployeeFact>();
  for (const l of leaves) for (const id of [l.holderId, l.substituteId]) if (id) people.set(id, ctx.person(id));
  for (const a of audits) people.set(a.fact.holderId, ctx.person(a.fact.holderId));
  return {
    post,
    unitPath: unit.path,
    timeZone: unit.timeZone,
    holders: answer.value.history,
    leaves,
    audits,
    people,
    mayReadLog: mayReadLog(who.actor, unit.path),
  };
}

export interface AuditRecord {
  readonly view: AuditView;
  readonly evidence: AuditEvidence;
  /** The evidence pack and the log are compliance's (in the audit's unit). */
  readonly mayDownload: boolean;
}

/** The audit as the reports count it for the viewer, reading only its unit (`unitCode`, when known). */
async function visibleAudit(deps: ReportDeps, viewer: Actor, env: ReportEnv, auditId: string, unitCode?: string) {
  const unit = unitCode === undefined ? undefined : (await deps.queries.units()).find((u) => u.code === unitCode);
  const ctx = await ReportContext.load(deps, viewer, unit ? { ...env, within: unit.path } : env);
  return { ctx, view: (await loadAudits(ctx, {})).find((a) => a.fact.id === auditId) };
}

/** An audit's record as the viewer may see it; undefined when it is not theirs to see (or none). */
export async function auditRecord(
  deps: ReportDeps,
  records: DashboardRecords,
  who: Who,
  env: ReportEnv,
  auditId: string,
): Promise<AuditRecord | undefined> {
  const evidence = await records.auditEvidence(auditId);
  if (!evidence) return undefined;
  const { ctx, view } = await visibleAudit(deps, who.actor, env, auditId, evidence.unit.code);
  if (!view) return undefined;
  return { view, evidence, mayDownload: mayReadLog(who.actor, ctx.unit(view.fact.unitId).path) };
}

export interface SubjectLogPage {
  readonly subject: { readonly type: "audit" | "leave"; readonly id: string };
  /** The post the subject belongs to (links back). */
  readonly postCode: string;
  readonly log: SubjectLog | "no-key";
  readonly people: ReadonlyMap<string, EmployeeFact>;
}

/**
 * One audit's or leave's log entries with the verdict of verifying them; undefined when the
 * subject is not one the viewer may see or they may not read the log.
 */
export async function subjectLog(
  deps: ReportDeps,
  records: DashboardRecords,
  who: Who,
  env: ReportEnv,
  subject: string,
): Promise<SubjectLogPage | undefined> {
  const match = /^(audit|leave):([0-9a-f-]{8,64})$/i.exec(subject);
  if (!match) return undefined;
  const type = match[1]!.toLowerCase() as "audit" | "leave";
  const id = match[2]!;
  const ctx = await ReportContext.load(deps, who.actor, env);
  let unitId: string;
  let postCode: string;
  if (type === "audit") {
    const view = (await loadAudits(ctx, {})).find((a) => a.fact.id === id);
    if (!view) return undefined;
    unitId = view.fact.unitId;
    postCode = view.fact.postCode;
  } else {
    const leave = (await deps.queries.leavesByIds([id])).find((l) => l.id === id);
    if (!leave || !ctx.inScope(leave.unitId) || !ctx.counts(leave)) return undefined;
    unitId = leave.unitId;
    postCode = (await deps.queries.posts([ctx.unit(leave.unitId).path])).find((p) => p.id === leave.postId)?.code ?? "";
  }
  if (!mayReadLog(who.actor, ctx.unit(unitId).path)) return undefined;
  const log = await records.subjectLog(`${type}:${id}`, logReader(who, [`${type}:${id}`]), env.now);
  const people = new Map<string, EmployeeFact>();
  if (log !== "no-key") {
    const ids = log.entries.flatMap((e) => (e.actorId ? [e.actorId] : []));
    await ctx.loadPeople(ids);
    for (const pid of ids) people.set(pid, ctx.person(pid));
  }
  return { subject: { type, id }, postCode, log, people };
}

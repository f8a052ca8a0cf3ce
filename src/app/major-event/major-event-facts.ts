// What the major-event use cases know about one report, and who may see it. A report is personal:
// only the reporter, and compliance and the compliance head over the reporter's unit, see it. HR
// sees only that a leave is required (no kind, no description); nobody else sees anything — not
// even that a report exists (NOT_FOUND rather than NOT_AUTHORISED).
import type { Actor } from "../../domain/access/roles.ts";
import { hasAnyRole } from "../../domain/access/roles.ts";
import { DomainError } from "../../domain/errors.ts";
import type { MajorEventContext } from "../../domain/major-event/major-event.machine.ts";
import type { MajorEventRecord } from "../../ports/major-event-repository.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { KeyPostRecord } from "../../ports/rotation-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";

export const COMPLIANCE = ["compliance", "compliance_head"] as const;
/** Log entries about a report are hidden from anyone outside HR, compliance and audit teams, for good. */
export const PERSONAL_UNTIL = new Date("9999-12-31T23:59:59.999Z");

export interface ReportFacts {
  readonly report: MajorEventRecord;
  readonly reporter: Person;
}

export async function loadReport(tx: TxPorts, id: string): Promise<ReportFacts> {
  const report = await tx.majorEvents.byId(id);
  const reporter = report ? await tx.people.byId(report.reporterId) : undefined;
  if (!report || !reporter) throw new DomainError("NOT_FOUND", { subject: "major_event" });
  return { report, reporter };
}

export function canSeeReport(viewer: Actor, facts: ReportFacts): boolean {
  return viewer.employeeId === facts.report.reporterId || hasAnyRole(viewer, COMPLIANCE, facts.reporter.unitPath);
}

/** Someone with no business near any report learns nothing; compliance elsewhere is told OUT_OF_SCOPE by the machine. */
export function assertMayAct(viewer: Actor, facts: ReportFacts): void {
  const officer = viewer.grants.some((g) => (COMPLIANCE as readonly string[]).includes(g.role));
  if (!officer && viewer.employeeId !== facts.report.reporterId)
    throw new DomainError("NOT_FOUND", { subject: "major_event" });
}

export function reportContext(facts: ReportFacts, actor: Actor | null): MajorEventContext {
  return { actor, unitPath: facts.reporter.unitPath, reporterId: facts.report.reporterId };
}

/** The key posts the reporter holds now: the posts a triggered leave would be about. */
export async function postsHeldBy(tx: TxPorts, personId: string): Promise<KeyPostRecord[]> {
  const open = (await tx.rotations.assignmentsOfEmployee(personId)).filter(
    (a) => a.kind === "holder" && a.endDate === null,
  );
  const posts: KeyPostRecord[] = [];
  for (const a of open) {
    const post = await tx.rotations.postById(a.postId);
    if (post) posts.push(post);
  }
  return posts;
}

// Unacknowledged notices older than the escalation time of the policy of the post they are about.
// A notice belongs to its subject's post unit (else to its recipient's unit). A notice tied to a
// mandatory leave counts only when the leave does; one tied to neither a post nor a leave (a
// major-event report, a person) only for HR and compliance over the recipient's unit, since its
// mere existence can tell more than a manager should know.
import { hasAnyRole } from "../../domain/access/roles.ts";
import { INSIDER_ROLES } from "../../domain/access/secrecy.ts";
import { daysBetween } from "../../domain/calendar/index.ts";
import type { Policy } from "../../domain/policy/index.ts";
import type { NoticeFact, PostFact } from "../../ports/report-queries.ts";
import type { ReportContext } from "./report-context.ts";
import type { WarningRow } from "./warning-rows.ts";

const HOUR_MS = 3_600_000;

export interface NoticeWarnings {
  /** Unacknowledged notices the viewer may count, of any age. */
  readonly unacknowledged: number;
  readonly rows: WarningRow[];
}

/** The strictest escalation time among the category defaults: for notices about no post. */
function fallbackPolicy(ctx: ReportContext): Pick<Policy, "escalateAfterHours" | "code"> | undefined {
  const defaults = Object.values(ctx.policies.defaults).filter((p): p is Policy => p !== undefined);
  return defaults.sort((a, b) => a.escalateAfterHours - b.escalateAfterHours)[0];
}

/** `postsInScope` is read only when a notice is about a post (most days none is: the scope's posts are many). */
export async function noticeWarnings(
  ctx: ReportContext,
  postsInScope: () => Promise<ReadonlyMap<string, PostFact>>,
): Promise<NoticeWarnings> {
  const notices = await ctx.deps.queries.unacknowledgedNotices(ctx.now);
  const posts = notices.some((n) => n.postId !== null) ? await postsInScope() : new Map<string, PostFact>();
  const leaveIds = [...new Set(notices.map((n) => n.leaveId).filter((id): id is string => id !== null))];
  const counted = new Set((await ctx.deps.queries.leavesByIds(leaveIds)).filter((l) => ctx.counts(l)).map((l) => l.id));
  const fallback = fallbackPolicy(ctx);
  const shown: { notice: NoticeFact; unitId: string; post: PostFact | undefined }[] = [];
  for (const notice of notices) {
    const post = notice.postId === null ? undefined : posts.get(notice.postId);
    if (notice.postId !== null && !post) continue; // a post outside the viewer's units (or inactive)
    const unitId = post?.unitId ?? notice.recipientUnitId;
    if (!ctx.inScope(unitId)) continue;
    if (
      notice.leaveId !== null
        ? !counted.has(notice.leaveId)
        : !post && !hasAnyRole(ctx.viewer, INSIDER_ROLES, ctx.unit(unitId).path)
    )
      continue;
    shown.push({ notice, unitId, post });
  }
  await ctx.loadPeople(shown.map((s) => s.notice.recipientId));
  const rows: WarningRow[] = [];
  for (const { notice, unitId, post } of shown) {
    const policy = post ? ctx.policyOf(post) : fallback;
    if (!policy) continue;
    const hours = (ctx.now.getTime() - notice.since.getTime()) / HOUR_MS;
    if (hours <= policy.escalateAfterHours) continue;
    const person = ctx.person(notice.recipientId);
    const date = ctx.localDateIn(unitId, notice.since);
    rows.push({
      kind: "notice_unacknowledged",
      unitCode: ctx.unit(unitId).code,
      postCode: post?.code ?? null,
      employeeCode: person.code,
      employeeName: person.name,
      subjectType: notice.subjectType,
      subjectId: notice.subjectId,
      date,
      daysLeft: daysBetween(ctx.todayOf(unitId), date),
      hours: Math.floor(hours),
      plannedLeaveStart: null,
      detail: `${notice.kind} (escalate after ${policy.escalateAfterHours} h)`,
    });
  }
  return { unacknowledged: shown.length, rows };
}

// The authorization matrix of the leave area, generated from the leave machine's table: every leave
// command (and the settings and a question, which every role may try) × eleven roles × every state
// of a sealed leave. `expected` is the oracle: the domain's own rules (`decide` over LEAVE_TABLE,
// `canSeeLeave`, `suspensionCheck`) applied to an actor built here from the role's description —
// never from the database — plus the few use-case rules the table does not hold, each named below.
// `MatrixWorld` builds the leaves through the real use cases, one fresh post and holder per leave,
// so that an allowed cell (which changes its leave) never disturbs another cell.
import { randomUUID } from "node:crypto";
import type { Actor, Grant, Role } from "../../src/domain/access/roles.ts";
import { canSeeLeave, type LeaveVisibility } from "../../src/domain/access/secrecy.ts";
import { suspensionCheck } from "../../src/domain/access/suspension.ts";
import type { ReasonCode } from "../../src/domain/errors.ts";
import {
  isAway,
  leaveMachine,
  type LeaveContext,
  type LeaveEvent,
  type LeaveState,
} from "../../src/domain/leave/leave.machine.ts";
import { decide, NEW, type New } from "../../src/domain/machine/machine.ts";
import { REPORT_ROLES } from "../../src/app/reports/report-scope.ts";
import type { MajorEventState } from "../../src/domain/major-event/major-event.machine.ts";
import { closeMajorEvent } from "../../src/app/major-event/close-major-event.ts";
import { fileMajorEvent } from "../../src/app/major-event/file-major-event.ts";
import { triageMajorEvent } from "../../src/app/major-event/triage-major-event.ts";
import { triggerLeaveFromMajorEvent } from "../../src/app/major-event/trigger-leave.ts";
import { formTeam } from "../../src/app/audit/form-team.ts";
import { confirmHandoverAll } from "../../src/app/handover/confirm-all.ts";
import { execute, envOf } from "../../src/app/kernel/execute.ts";
import type { Kernel } from "../../src/app/kernel/execute.ts";
import type { Outcome } from "../../src/app/kernel/outcome.ts";
import type { UseCase } from "../../src/app/kernel/use-case.ts";
import { acknowledgeLeave } from "../../src/app/leave/acknowledge-leave.ts";
import { assignSubstitute } from "../../src/app/leave/assign-substitute.ts";
import { beginLeaveAudit } from "../../src/app/leave/begin-audit.ts";
import { cancelLeave } from "../../src/app/leave/cancel-leave.ts";
import { closeLeaveCase } from "../../src/app/leave/close-leave.ts";
import { extendLeave } from "../../src/app/leave/extend-leave.ts";
import { planLeave } from "../../src/app/leave/plan-leave.ts";
import { leaveNoticeDelivered } from "../../src/app/leave/record-compliance-notice.ts";
import { recordComplianceNotice } from "../../src/app/leave/record-compliance-notice.ts";
import { returnLeave } from "../../src/app/leave/return-leave.ts";
import { startLeave } from "../../src/app/leave/start-leave.ts";
import { leaveCatalog } from "../../src/app/leave/leave.catalog.ts";
import { handoverCatalog } from "../../src/app/handover/handover.catalog.ts";
import { auditCatalog } from "../../src/app/audit/audit.catalog.ts";
import type { Database } from "../../src/infra/db/database.ts";
import { FixedClock } from "../../src/infra/fixed-clock.ts";
import { testKernel } from "../support/kernel.ts";
import { seedSmallBank, type SmallBank } from "../support/small-bank.ts";

/** The roles of the issue, each a person of the small bank (or made for the leave) seen by its relation to the leave. */
export const MATRIX_ROLES = [
  "holder",
  "holder_on_leave",
  "substitute",
  "auditor_of_this_audit",
  "auditor_of_another_audit",
  "manager_of_the_unit",
  "manager_of_another_unit",
  "hr",
  "compliance",
  "executive",
  "unmapped_user",
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/** The states a leave can be in, and NEW: no leave of the post yet (only `plan` is tried there). */
export const MATRIX_STATES: readonly (LeaveState | New)[] = [NEW, ...leaveMachine.states];

/** Every command a person can give about a leave: the leave area's use cases, by the event each fires. */
export const LEAVE_COMMANDS = {
  plan: planLeave,
  assign_substitute: assignSubstitute,
  record_compliance_notice: recordComplianceNotice,
  acknowledge: acknowledgeLeave,
  start: startLeave,
  begin_audit: beginLeaveAudit,
  extend: extendLeave,
  return: returnLeave,
  close: closeLeaveCase,
  cancel: cancelLeave,
} as const;
export type LeaveCommand = keyof typeof LEAVE_COMMANDS;
/** The machine's events no person can fire (the system does, when a handover is confirmed). */
export const SYSTEM_ONLY_EVENTS: readonly LeaveEvent[] = leaveMachine.events.filter(
  (event) => !(event in LEAVE_COMMANDS),
);

/** Paths of the small bank (seedSmallBank): HO → BR1 → SB1, and BR2. */
const HO = "/HO/";
const BR1 = "/HO/BR1/";
const SB1 = "/HO/BR1/SB1/";
const BR2 = "/HO/BR2/";

/** The grants of each role as the small bank gives them; the holder on leave is given every power in scope. */
export const ROLE_GRANTS: Readonly<Record<MatrixRole, readonly Grant[]>> = {
  holder: [],
  holder_on_leave: [
    { role: "hr", unitPath: BR1 },
    { role: "compliance", unitPath: HO },
    { role: "manager", unitPath: SB1 },
    { role: "executive", unitPath: HO },
  ],
  substitute: [],
  auditor_of_this_audit: [{ role: "auditor", unitPath: HO }],
  auditor_of_another_audit: [{ role: "auditor", unitPath: HO }],
  manager_of_the_unit: [{ role: "manager", unitPath: SB1 }],
  manager_of_another_unit: [{ role: "manager", unitPath: BR2 }],
  hr: [{ role: "hr", unitPath: BR1 }],
  compliance: [{ role: "compliance", unitPath: HO }],
  executive: [{ role: "executive", unitPath: HO }],
  unmapped_user: [],
};

/** Monday 2 March 2026, 10:00 in Shanghai: leaves are planned here for 9–13 March. */
export const PLAN_AT = "2026-03-02T02:00:00Z";
/** Monday 9 March 2026, 00:00 in Shanghai: the leaves' start instant. */
export const STARTS_AT = "2026-03-08T16:00:00.000Z";
/** Tuesday 10 March 2026, 10:00 in Shanghai: every cell is tried at this instant. */
export const MATRIX_AT = "2026-03-10T02:00:00Z";
/** What a `plan` cell asks for: a later leave of the cell's post, long enough and told early enough. */
const PLAN_DATES = { startDate: "2026-03-23", endDate: "2026-03-27" } as const;
const POLICY = { minWorkingDays: 5, complianceLeadWorkingDays: 2 } as const;

/** The facts of one leave a cell is tried on, as the oracle needs them. */
export interface CellLeave {
  readonly state: LeaveState | New;
  readonly leaveId: string | null;
  readonly postCode: string;
  readonly holderId: string;
  readonly substituteId: string;
  readonly auditTeam: readonly string[];
  /** Notices about the leave per recipient: how many there are and how many are still open. */
  readonly notices: ReadonlyMap<string, { readonly all: number; readonly open: number; readonly openPlanned: number }>;
}

export type Expected =
  { readonly ok: true; readonly to: string | null } | { readonly ok: false; readonly code: string };

/** States in which an event has happened already: a repeat is ALREADY_DONE (leave-transition.ts says the same). */
const DONE_IN: Readonly<Record<LeaveEvent, readonly LeaveState[]>> = {
  plan: [],
  assign_substitute: [],
  record_compliance_notice: ["compliance_notified", "started", "handed_over", "audit", "returning", "closed"],
  start: ["started", "handed_over", "audit", "returning", "closed"],
  record_handover: ["handed_over", "audit", "returning", "closed"],
  begin_audit: ["audit", "returning", "closed"],
  extend: [],
  return: ["returning", "closed"],
  close: ["closed"],
  cancel: ["cancelled"],
};
const OPEN_STATES: readonly LeaveState[] = [
  "planned",
  "compliance_notified",
  "started",
  "handed_over",
  "audit",
  "returning",
];

/** The actor the rules see, from the role's description alone (null: nobody in the register). */
export function actorFor(role: MatrixRole, ids: Readonly<Record<MatrixRole, string>>, leave: CellLeave): Actor | null {
  if (role === "unmapped_user") return null;
  const onLeave = role === "holder_on_leave" || (role === "holder" && leave.state !== NEW && isAway(leave.state));
  const unitPath = role === "manager_of_another_unit" ? BR2 : role === "hr" ? BR1 : SB1;
  return { employeeId: ids[role], unitPath, grants: ROLE_GRANTS[role], onLeave };
}

function visibility(leave: CellLeave, state: LeaveState): LeaveVisibility {
  return {
    holderId: leave.holderId,
    substituteId: leave.substituteId,
    unitPath: SB1,
    sealed: true,
    status: state,
    startsAt: new Date(STARTS_AT),
    auditTeam: leave.auditTeam,
  };
}

function context(actor: Actor, leave: CellLeave, state: LeaveState | New, substituteId: string): LeaveContext {
  return {
    actor,
    unitPath: SB1,
    holderId: leave.holderId,
    substitute: { employeeId: substituteId, onLeave: false },
    workingDays: 5,
    leadWorkingDays: 9,
    policy: POLICY,
    // A confirmed handover moves the leave on by itself: in a stored state the awaited one is never confirmed.
    handoverConfirmed: false,
    // The world gives every leave under audit a high finding.
    seriousFindings: state === "audit",
  };
}

const refused = (code: string): Expected => ({ ok: false, code });

/** What the rules say a role gets for a command on a leave in a state. */
export function expected(
  command: LeaveCommand,
  role: MatrixRole,
  leave: CellLeave,
  ids: Readonly<Record<MatrixRole, string>>,
  newSubstituteId: string,
): Expected {
  const actor = actorFor(role, ids, leave);
  if (actor === null) return refused("UNKNOWN_USER");
  const now = new Date(MATRIX_AT);
  const { state } = leave;
  const mine = leave.notices.get(actor.employeeId) ?? { all: 0, open: 0, openPlanned: 0 };
  // Use-case rule: acknowledging one's own notice is exempt from the suspension; then secrecy, then the notices.
  if (command === "acknowledge") {
    if (state === NEW || !canSeeLeave(actor, visibility(leave, state), now)) return refused("NOT_FOUND");
    if (mine.all === 0) return refused("NOT_FOUND");
    return mine.open === 0 ? refused("ALREADY_DONE") : { ok: true, to: state };
  }
  const suspended = suspensionCheck(actor, { name: `leave.${command}` });
  if (suspended) return refused(suspended);
  if (command === "plan") {
    const decision = decide(leaveMachine, NEW, "plan", context(actor, leave, NEW, leave.substituteId));
    if (!decision.ok) return refused(decision.code);
    // Use-case rule: one open leave per holder.
    if (state !== NEW && OPEN_STATES.includes(state)) return refused("ALREADY_DONE");
    return { ok: true, to: null };
  }
  if (state === NEW) throw new Error(`${command} needs a leave`);
  if (!canSeeLeave(actor, visibility(leave, state), now)) return refused("NOT_FOUND");
  // Use-case rule: after `planned`, recording the notice to compliance only acknowledges one's own notice.
  if (command === "record_compliance_notice" && state !== "planned")
    return mine.openPlanned > 0 ? { ok: true, to: state } : refused("ALREADY_DONE");
  const substituteId = command === "assign_substitute" ? newSubstituteId : leave.substituteId;
  const decision = decide(leaveMachine, state, command, context(actor, leave, state, substituteId));
  if (!decision.ok) {
    const already = decision.code === "INVALID_TRANSITION" && DONE_IN[command].includes(state);
    return refused(already ? "ALREADY_DONE" : decision.code);
  }
  return { ok: true, to: decision.to };
}

/** Settings: anyone in the register may choose their language, except a holder whose leave runs. */
export function expectedSetLocale(actor: Actor | null): Expected {
  if (actor === null) return refused("UNKNOWN_USER");
  return actor.onLeave ? refused("SUSPENDED") : { ok: true, to: null };
}

/** A question about the leave's unit ("status of SB1"): reporting roles in scope only, never a suspended holder. */
export function expectedQuestion(actor: Actor | null): Expected {
  if (actor === null) return refused("UNKNOWN_USER");
  if (actor.onLeave) return refused("SUSPENDED");
  const reporting = actor.grants.filter((g) => REPORT_ROLES.includes(g.role as Role));
  if (reporting.length === 0) return refused("NOT_AUTHORISED");
  return reporting.some((g) => SB1.startsWith(g.unitPath)) ? { ok: true, to: null } : refused("OUT_OF_SCOPE");
}

/** The raw input of a command on a cell's leave. */
export function inputOf(command: LeaveCommand, leave: CellLeave, newSubstituteCode: string): Record<string, unknown> {
  if (command === "plan")
    return { post: leave.postCode, ...PLAN_DATES, kind: "regular", trigger: "periodic", substitute: "E-SU" };
  const leaveId = leave.leaveId;
  if (command === "assign_substitute") return { leaveId, substitute: newSubstituteCode };
  if (command === "extend") return { leaveId, endDate: "2026-03-20", reason: "serious finding" };
  if (command === "cancel") return { leaveId, reason: "matrix" };
  return { leaveId };
}

export const MATRIX_CARDS = { ...leaveCatalog.cards, ...handoverCatalog.cards, ...auditCatalog.cards };

function must(outcome: Outcome, step: string): void {
  if (!outcome.ok) throw new Error(`${step} refused: ${outcome.code} ${JSON.stringify(outcome.detail ?? {})}`);
}

/**
 * The small bank, a holder on leave who holds every power in scope (so that only the suspension can
 * refuse them), an auditor on that holder's audit only, and a builder of leaves in any state.
 */
export class MatrixWorld {
  private posts = 0;
  /** The instant cells are tried at: MATRIX_AT, a second later for each cell (a suspended attempt is told once per instant). */
  private instant = new Date(MATRIX_AT).getTime();
  private constructor(
    readonly db: Database,
    readonly bank: SmallBank,
    readonly kernel: Kernel & { clock: { set(iso: string): void } },
    private readonly templateId: string | null,
  ) {}

  /** Over the small bank (seeded here unless given: an adapter's world has seeded it already). */
  static async open(db: Database, seeded?: SmallBank): Promise<MatrixWorld> {
    const bank = seeded ?? (await seedSmallBank(db));
    const post = await db.prisma.keyPost.findUniqueOrThrow({ where: { id: bank.post.id } });
    const world = new MatrixWorld(db, bank, testKernel(db, PLAN_AT, MATRIX_CARDS), post.checklistTemplateId);
    for (const grant of ROLE_GRANTS.holder_on_leave) {
      const unit = Object.values(bank.units).find((u) => u.path === grant.unitPath)!;
      await db.prisma.roleGrant.create({
        data: { id: randomUUID(), employeeId: bank.ids.incoming, role: grant.role, unitId: unit.id },
      });
    }
    await world.leaveIn("started", { holderId: bank.ids.incoming, team: ["E-A3", "E-A2"] });
    world.kernel.clock.set(MATRIX_AT);
    return world;
  }

  /** The instant cells are tried at now. */
  now(): Date {
    return new Date(this.instant);
  }

  /** A kernel over the world's database whose clock stands at `at` (a cell's own, so that cells can overlap). */
  kernelAt(at: Date): Kernel {
    return { ...this.kernel, clock: new FixedClock(at) };
  }

  /** Moves the clock one second on: the next cell's instant. */
  nextInstant(): void {
    this.instant += 1000;
    this.kernel.clock.set(new Date(this.instant).toISOString());
  }

  /** The person each role is, for a leave of `holderId` covered by `substituteId`. */
  idsFor(leave: Pick<CellLeave, "holderId" | "substituteId">, unmappedId: string): Record<MatrixRole, string> {
    const ids = this.bank.ids;
    return {
      holder: leave.holderId,
      holder_on_leave: ids.incoming,
      substitute: leave.substituteId,
      auditor_of_this_audit: ids.leader,
      auditor_of_another_audit: ids.member,
      manager_of_the_unit: ids.manager,
      manager_of_another_unit: ids.otherManager,
      hr: ids.hr,
      compliance: ids.compliance,
      executive: ids.executive,
      unmapped_user: unmappedId,
    };
  }

  private async employee(code: string): Promise<string> {
    const id = randomUUID();
    await this.db.prisma.employee.create({
      data: {
        id,
        code,
        name: code,
        nameEn: code,
        email: `${code.toLowerCase()}@bank.example`,
        unitId: this.bank.units.SB1.id,
      },
    });
    return id;
  }

  run(useCase: UseCase<unknown>, raw: unknown, personId: string): Promise<Outcome> {
    return execute(this.kernel, useCase, raw, { personId, platform: "console" });
  }

  /** A new post of SB1 with a new holder and a new substitute-to-be, and (unless NEW) a sealed leave driven to `state`. */
  async leaveIn(
    state: LeaveState | New,
    options: { holderId?: string; team?: readonly [string, string]; formTeam?: boolean } = {},
  ): Promise<CellLeave> {
    this.posts += 1;
    const n = String(this.posts).padStart(3, "0");
    const p = this.db.prisma;
    const holderId = options.holderId ?? (await this.employee(`E-MH${n}`));
    const substituteId = await this.employee(`E-MS${n}`);
    const substituteCode = `E-MS${n}`;
    const postId = randomUUID();
    const postCode = `P-MX-${n}`;
    await p.keyPost.create({
      data: {
        id: postId,
        code: postCode,
        name: "柜员",
        nameEn: "Teller",
        unitId: this.bank.units.SB1.id,
        category: "operations",
        checklistTemplateId: this.templateId,
        standardDefined: true,
      },
    });
    await p.assignment.create({
      data: { id: randomUUID(), employeeId: holderId, postId, kind: "holder", startDate: "2023-01-09" },
    });
    const team = options.team ?? ["E-A1", "E-A2"];
    const teamIds = await Promise.all(
      team.map(async (code) => (await p.employee.findUniqueOrThrow({ where: { code } })).id),
    );
    const base = { state, postCode, holderId, substituteId, auditTeam: teamIds };
    if (state === NEW) return { ...base, leaveId: null, notices: new Map() };

    const at = (iso: string) => this.kernel.clock.set(iso);
    const ids = this.bank.ids;
    at(PLAN_AT);
    must(
      await this.run(
        planLeave,
        {
          post: postCode,
          startDate: "2026-03-09",
          endDate: "2026-03-13",
          kind: "regular",
          trigger: "periodic",
          substitute: substituteCode,
        },
        ids.hr,
      ),
      "plan",
    );
    const leaveId = (await p.leave.findFirstOrThrow({ where: { postId } })).id;
    const auditId = (await p.audit.findFirstOrThrow({ where: { leaveId } })).id;
    if (options.formTeam !== false)
      must(
        await this.run(
          formTeam,
          {
            auditId,
            team: [
              { person: team[0], role: "team_leader" },
              { person: team[1], role: "lead_auditor" },
            ],
          },
          ids.compliance,
        ),
        "form the team",
      );
    const steps: [LeaveState, () => Promise<void>][] = [
      ["cancelled", async () => must(await this.run(cancelLeave, { leaveId, reason: "world" }, ids.hr), "cancel")],
      [
        "compliance_notified",
        async () => {
          await this.kernel.uow.run((tx) => leaveNoticeDelivered(tx, envOf(this.kernel), leaveId));
        },
      ],
      [
        "started",
        async () => {
          at("2026-03-09T01:00:00Z");
          must(await this.run(startLeave, { leaveId, witness: null }, ids.hr), "start");
        },
      ],
      [
        "handed_over",
        async () => {
          const handover = await p.handover.findFirstOrThrow({ where: { leaveId, purpose: "leave_start" } });
          must(await this.run(confirmHandoverAll, { handoverId: handover.id }, holderId), "holder confirms");
          must(await this.run(confirmHandoverAll, { handoverId: handover.id }, substituteId), "substitute confirms");
        },
      ],
      [
        "audit",
        async () => {
          must(await this.run(beginLeaveAudit, { leaveId }, ids.compliance), "begin the audit");
          await p.finding.create({
            data: {
              id: randomUUID(),
              auditId,
              seq: 1,
              severity: "high",
              description: "world",
              createdById: ids.leader,
            },
          });
        },
      ],
      [
        "returning",
        async () => {
          at("2026-03-09T03:00:00Z");
          must(await this.run(returnLeave, { leaveId }, ids.hr), "return");
        },
      ],
      [
        "closed",
        async () => {
          const handBack = await p.handover.findFirstOrThrow({ where: { leaveId, purpose: "leave_return" } });
          must(await this.run(confirmHandoverAll, { handoverId: handBack.id }, substituteId), "substitute hands back");
          must(await this.run(confirmHandoverAll, { handoverId: handBack.id }, holderId), "holder takes back");
        },
      ],
    ];
    const path: Record<LeaveState, LeaveState[]> = {
      planned: [],
      cancelled: ["cancelled"],
      compliance_notified: ["compliance_notified"],
      started: ["compliance_notified", "started"],
      handed_over: ["compliance_notified", "started", "handed_over"],
      audit: ["compliance_notified", "started", "handed_over", "audit"],
      returning: ["compliance_notified", "started", "handed_over", "audit", "returning"],
      closed: ["compliance_notified", "started", "handed_over", "audit", "returning", "closed"],
    };
    for (const [step, work] of steps) if (path[state].includes(step)) await work();
    at(new Date(this.instant).toISOString());
    const reached = await p.leave.findUniqueOrThrow({ where: { id: leaveId } });
    if (reached.status !== state) throw new Error(`the world's leave reached ${reached.status}, not ${state}`);
    return { ...base, leaveId, notices: await this.noticesAbout(leaveId) };
  }

  /** A new reporter (who holds a post of SB1) and their major-event report driven to `state` (NEW: none yet). */
  async reportIn(state: MajorEventState | New): Promise<{ reporter: CellLeave; reportId: string | null }> {
    const reporter = await this.leaveIn(NEW);
    if (state === NEW) return { reporter, reportId: null };
    const ids = this.bank.ids;
    must(
      await this.run(
        fileMajorEvent,
        { kind: "large_debt", description: `world report ${this.posts}`, occurredOn: "2026-03-01" },
        reporter.holderId,
      ),
      "file",
    );
    const reportId = (
      await this.db.prisma.majorEventReport.findFirstOrThrow({ where: { reporterId: reporter.holderId } })
    ).id;
    const decision = { reportId, note: "world note" };
    if (state !== "filed") must(await this.run(triageMajorEvent, decision, ids.compliance), "triage");
    if (state === "closed") must(await this.run(closeMajorEvent, decision, ids.compliance), "close");
    if (state === "leave_triggered")
      must(await this.run(triggerLeaveFromMajorEvent, decision, ids.compliance), "trigger a leave");
    const reached = await this.db.prisma.majorEventReport.findUniqueOrThrow({ where: { id: reportId } });
    if (reached.status !== state) throw new Error(`the world's report reached ${reached.status}, not ${state}`);
    return { reporter, reportId };
  }

  async noticesAbout(leaveId: string): Promise<CellLeave["notices"]> {
    const rows = await this.db.prisma.notice.findMany({ where: { subjectType: "leave", subjectId: leaveId } });
    const now = new Date(MATRIX_AT).getTime();
    const by = new Map<string, { all: number; open: number; openPlanned: number }>();
    for (const row of rows) {
      if (row.visibleFrom !== null && row.visibleFrom.getTime() > now) continue;
      const seen = by.get(row.recipientId) ?? { all: 0, open: 0, openPlanned: 0 };
      seen.all += 1;
      if (row.acknowledgedAt === null) seen.open += 1;
      if (row.acknowledgedAt === null && row.kind === "leave_planned") seen.openPlanned += 1;
      by.set(row.recipientId, seen);
    }
    return by;
  }
}

/** A reason code of the domain or the application, for the printed figures. */
export type AnyCode = ReasonCode | string;

// A seeded sample of the authorization matrix through each adapter, over real HTTP: a button of a
// leave, audit, rotation or handover card pressed in Slack (a signed interaction to /slack/events)
// and in Teams (an Adaptive Card Action.Execute to /api/messages with a Bot Connector token), by a
// person of each role, on a subject in each state. Each person is given the button as a card would (an action token for them); the
// outcome is read where it lands: the leave's state, the `<command>.refused` entry and its code in
// the audit log, and compliance's notices. The oracle is the one of the use-case matrix.
// KEYPOST_MATRIX_SEED picks another sample.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UseCase } from "../../src/app/kernel/use-case.ts";
import type { Database } from "../../src/infra/db/database.ts";
import { slackWorld, type SlackWorld } from "../adapters/slack/slack-harness.ts";
import { Agent, fetch } from "undici";
import { CLIENT_ID, fixture, TeamsWorld, teamsUser } from "../support/teams-world.ts";
import {
  expected,
  LEAVE_COMMANDS,
  MATRIX_ROLES,
  MatrixWorld,
  type CellLeave,
  type LeaveCommand,
  type MatrixRole,
} from "./leave-matrix.ts";
import { leaveMachine } from "../../src/domain/leave/leave.machine.ts";
import type { CastName } from "../support/small-bank.ts";
import {
  AUDIT_COMMANDS,
  AUDIT_ROLES,
  AUDIT_STAGES,
  auditActorFor,
  auditIdsFor,
  auditIn,
  expectedAudit,
  stageName,
  type AuditRole,
  type AuditStage,
} from "./audit-matrix.ts";
import {
  expectedHandover,
  expectedRotation,
  HANDOVER_STAGES,
  handoverIn,
  handoverStageName,
  ROTATION_COMMANDS,
  ROTATION_MATRIX_STATES,
  rotationIn,
  type HandoverStage,
} from "./rotation-handover-matrix.ts";
import { actorFor, type Expected } from "./leave-matrix.ts";
import type { RotationState } from "../../src/domain/rotation/rotation.machine.ts";
import { NEW } from "../../src/domain/machine/machine.ts";

/** The leave buttons a card carries with no form. */
const BUTTONS: readonly LeaveCommand[] = ["record_compliance_notice", "acknowledge", "start", "return", "cancel"];
const SEED = Number(process.env.KEYPOST_MATRIX_SEED ?? 17);
const SAMPLE = 14;

/** The cast member each role is (holder and substitute are made with each leave). */
const CAST_OF: Partial<Record<AuditRole, CastName>> = {
  compliance_head: "complianceHead",
  holder_on_leave: "incoming",
  auditor_of_this_audit: "leader",
  auditor_of_another_audit: "member",
  manager_of_the_unit: "manager",
  manager_of_another_unit: "otherManager",
  hr: "hr",
  compliance: "compliance",
  executive: "executive",
};

interface Cell {
  readonly state: (typeof leaveMachine.states)[number];
  readonly command: LeaveCommand;
  readonly role: MatrixRole;
}

/** The sample: seeded, and the cells the table allows for each button. */
function sample(seed: number): Cell[] {
  const cell = fc.record({
    state: fc.constantFrom(...leaveMachine.states),
    command: fc.constantFrom(...BUTTONS),
    role: fc.constantFrom(...MATRIX_ROLES),
  });
  return [...fc.sample(cell, { seed, numRuns: SAMPLE }), ...ALLOWED_BY_THE_TABLE];
}

/**
 * Cells the leave table allows (a random sample finds few: most cells are refusals), each button
 * once; the oracle still decides what each must answer.
 */
const ALLOWED_BY_THE_TABLE: readonly Cell[] = [
  { state: "planned", command: "record_compliance_notice", role: "compliance" },
  { state: "started", command: "acknowledge", role: "holder" },
  { state: "compliance_notified", command: "start", role: "hr" },
  { state: "audit", command: "return", role: "hr" },
  { state: "planned", command: "cancel", role: "hr" },
];

interface Pressing {
  /** Gives the person of `role` a chat account (made people have none); answers how to press as them. */
  as(role: AuditRole, personId: string, n: number): Promise<(token: string) => Promise<number>>;
  readonly db: Database;
  setClock(at: Date): void;
  settle(): Promise<void>;
}

/** A button of a card about an audit, a rotation or a handover (no form behind it). */
type MoreCell =
  | {
      readonly area: "audit";
      readonly stage: AuditStage;
      readonly command: "approve_plan" | "issue_notice" | "sign" | "close";
      readonly role: AuditRole;
    }
  | {
      readonly area: "rotation";
      readonly state: RotationState;
      readonly command: "approve" | "notify" | "cancel";
      readonly role: MatrixRole;
    }
  | {
      readonly area: "handover";
      readonly stage: HandoverStage;
      readonly command: "confirm_all";
      readonly role: MatrixRole;
    };
type AnyCell = ({ readonly area?: "leave" } & Cell) | MoreCell;

const MORE_SAMPLE = 8;

/** The new areas' sample: seeded, and cells their tables allow (a random sample finds few). */
function sampleMore(seed: number): MoreCell[] {
  const audit = fc.record({
    area: fc.constant("audit" as const),
    stage: fc.constantFrom(...AUDIT_STAGES),
    command: fc.constantFrom("approve_plan" as const, "issue_notice" as const, "sign" as const, "close" as const),
    role: fc.constantFrom(...AUDIT_ROLES),
  });
  const rotation = fc.record({
    area: fc.constant("rotation" as const),
    state: fc.constantFrom(...ROTATION_MATRIX_STATES),
    command: fc.constantFrom("approve" as const, "notify" as const, "cancel" as const),
    role: fc.constantFrom(...MATRIX_ROLES),
  });
  const handover = fc.record({
    area: fc.constant("handover" as const),
    stage: fc.constantFrom(...HANDOVER_STAGES),
    command: fc.constant("confirm_all" as const),
    role: fc.constantFrom(...MATRIX_ROLES),
  });
  const stage = (state: AuditStage["state"], leaveStarted = true) => ({ state, leaveStarted });
  const allowed: MoreCell[] = [
    { area: "audit", stage: stage("plan_drafted", false), command: "approve_plan", role: "compliance_head" },
    { area: "audit", stage: stage("plan_approved"), command: "issue_notice", role: "auditor_of_this_audit" },
    { area: "audit", stage: stage("opinion_given"), command: "sign", role: "executive" },
    { area: "audit", stage: stage("signed"), command: "close", role: "compliance" },
    { area: "rotation", state: "planned", command: "approve", role: "manager_of_the_unit" },
    { area: "rotation", state: "approved", command: "notify", role: "hr" },
    {
      area: "handover",
      stage: { purpose: "leave_start", state: "open", fromConfirmed: true },
      command: "confirm_all",
      role: "substitute",
    },
  ];
  return [...fc.sample(fc.oneof(audit, rotation, handover), { seed, numRuns: MORE_SAMPLE }), ...allowed];
}

/** One cell made ready to press: its subject built, the oracle's answer, the token's subject. */
interface Prepared {
  readonly label: string;
  readonly exp: Expected;
  readonly personId: string;
  readonly role: AuditRole;
  readonly action: string;
  readonly name: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly read: () => Promise<{ status: string; version: number }>;
}

async function prepare(world: MatrixWorld, cell: AnyCell, newSubstituteId: string): Promise<Prepared> {
  const p = world.db.prisma;
  const unmapped = randomUUID();
  if (cell.area === "audit") {
    const audit = await auditIn(world, cell.stage);
    const ids = auditIdsFor(world, audit, unmapped);
    const people = { leader: ids.auditor_of_this_audit, lead: world.bank.ids.lead, executive: ids.executive };
    const owner = await p.employee.findUniqueOrThrow({ where: { code: "E-MG" } });
    const exp = expectedAudit(
      cell.command,
      auditActorFor(cell.role, ids, audit),
      audit,
      { ...people, ownerId: owner.id },
      world.now(),
    );
    const name = (AUDIT_COMMANDS[cell.command] as unknown as UseCase<unknown>).name;
    return {
      label: `audit ${stageName(cell.stage)} × ${cell.command} × ${cell.role}`,
      exp,
      personId: ids[cell.role],
      role: cell.role,
      action: `audit.${cell.command}`,
      name,
      subjectType: "audit",
      subjectId: audit.auditId,
      read: () => p.audit.findUniqueOrThrow({ where: { id: audit.auditId } }),
    };
  }
  if (cell.area === "rotation") {
    const rotation = await rotationIn(world, cell.state);
    const ids = world.idsFor(rotation.post, unmapped);
    const exp = expectedRotation(cell.command, actorFor(cell.role, ids, rotation.post), rotation);
    return {
      label: `rotation ${cell.state} × ${cell.command} × ${cell.role}`,
      exp,
      personId: ids[cell.role],
      role: cell.role,
      action: `rotation.${cell.command}`,
      name: (ROTATION_COMMANDS[cell.command] as unknown as UseCase<unknown>).name,
      subjectType: "rotation",
      subjectId: rotation.rotationId,
      read: () => p.rotation.findUniqueOrThrow({ where: { id: rotation.rotationId } }),
    };
  }
  if (cell.area === "handover") {
    const handover = await handoverIn(world, cell.stage);
    const ids = world.idsFor(handover.leave, unmapped);
    const actor = actorFor(cell.role, ids, { ...handover.leave, state: handover.leaveState ?? NEW });
    return {
      label: `handover ${handoverStageName(cell.stage)} × ${cell.command} × ${cell.role}`,
      exp: expectedHandover(cell.command, actor, handover, world.now()),
      personId: ids[cell.role],
      role: cell.role,
      action: "handover.confirm_all",
      name: "handover.confirm_all",
      subjectType: "handover",
      subjectId: handover.handoverId,
      read: () =>
        p.handover
          .findUniqueOrThrow({ where: { id: handover.handoverId }, include: { confirms: true } })
          .then((h) => ({ status: h.status, version: h.version * 1000 + h.confirms.length })),
    };
  }
  const leave: CellLeave = await world.leaveIn(cell.state);
  const ids = world.idsFor(leave, unmapped);
  return {
    label: `${cell.state} × ${cell.command} × ${cell.role}`,
    exp: expected(cell.command, cell.role, leave, ids, newSubstituteId),
    personId: ids[cell.role],
    role: cell.role,
    action: `leave.${cell.command}`,
    name: (LEAVE_COMMANDS[cell.command] as unknown as UseCase<unknown>).name,
    subjectType: "leave",
    subjectId: leave.leaveId!,
    read: () => p.leave.findUniqueOrThrow({ where: { id: leave.leaveId! } }),
  };
}

async function check(
  pressing: Pressing,
  world: MatrixWorld,
  cells: readonly AnyCell[],
): Promise<{ wrong: string[]; allowed: number }> {
  const p = pressing.db.prisma;
  const wrong: string[] = [];
  const newSubstitute = await p.employee.findUniqueOrThrow({ where: { code: "E-XX" } });
  let n = 0;
  let allowed = 0;
  for (const cell of cells) {
    n += 1;
    const { label, exp, personId, role, action, name, subjectType, subjectId, read } = await prepare(
      world,
      cell,
      newSubstitute.id,
    );
    const row = await read();
    const token = await world.kernel.uow.run((tx) =>
      tx.tokens.issue({
        action,
        subjectType,
        subjectId,
        subjectVersion: row.version,
        recipientId: personId,
        args: {},
      }),
    );
    const press = await pressing.as(role, personId, n);
    world.nextInstant();
    pressing.setClock(world.now());
    const lastSeq = (await p.auditLogEntry.aggregate({ _max: { seq: true } }))._max.seq ?? 0;
    const toldBefore = await p.notice.count({ where: { kind: "suspended_attempt" } });
    const status = await press(token);
    await pressing.settle();
    if (status !== 200) wrong.push(`${label}: HTTP ${status}`);
    const after = await read();
    const refusals = await p.auditLogEntry.findMany({ where: { seq: { gt: lastSeq }, action: `${name}.refused` } });
    const told = (await p.notice.count({ where: { kind: "suspended_attempt" } })) - toldBefore;
    if (exp.ok) {
      allowed += 1;
      if (refusals.length > 0 || (exp.to !== null && after.status !== exp.to))
        wrong.push(`${label}: expected allowed → ${exp.to}, got ${after.status} ${refusals.map((r) => r.data).join()}`);
      continue;
    }
    if (after.version !== row.version) wrong.push(`${label}: refused (${exp.code}) but it changed`);
    const codes = refusals.map((r) => (JSON.parse(r.data) as { code: string }).code);
    const want = exp.code === "UNKNOWN_USER" ? [] : [exp.code];
    if (JSON.stringify(codes) !== JSON.stringify(want))
      wrong.push(`${label}: logged ${codes.join() || "nothing"}, want ${want.join() || "nothing"}`);
    if (told > 0 !== (exp.code === "SUSPENDED")) wrong.push(`${label}: compliance told ${told}`);
  }
  return { wrong, allowed };
}

/**
 * An activity as the Bot Connector posts it, on a connection of its own: between presses the world
 * builds a leave (seconds under load), past the server's keep-alive, and a reused socket it has just
 * closed would fail the request before the service saw it.
 */
async function postOnce(t: TeamsWorld, activity: Record<string, unknown>): Promise<number> {
  const dispatcher = new Agent({ pipelining: 0 });
  try {
    const response = await fetch(`${t.service.url}/api/messages`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${t.connector.sign({ aud: CLIENT_ID, serviceurl: activity.serviceUrl })}`,
      },
      body: JSON.stringify(activity),
      dispatcher,
    });
    await response.text();
    return response.status;
  } finally {
    await dispatcher.close();
  }
}

describe("the authorization matrix through Slack (signed HTTP) on postgres", () => {
  let w: SlackWorld;
  let world: MatrixWorld;
  beforeAll(async () => {
    w = await slackWorld("postgres", "2026-03-10T02:00:00Z");
    world = await MatrixWorld.open(w.service.db, w.bank);
  }, 120_000);
  afterAll(async () => w?.close());

  it("a seeded sample of cells answers as the rules say", async () => {
    const cells = [...sample(SEED), ...sampleMore(SEED)];
    const { wrong, allowed } = await check(
      {
        db: w.service.db,
        setClock: (at) => w.clock.set(at.toISOString()),
        settle: () => w.service.settled(),
        async as(role, personId, n) {
          const cast = CAST_OF[role];
          let user = cast ? w.user(cast) : `U0NOBODY${n}`;
          if (role === "holder" || role === "substitute") {
            user = `U0MX${String(n).padStart(5, "0")}`;
            await w.service.db.prisma.chatIdentity.create({
              data: { id: randomUUID(), employeeId: personId, platform: "slack", externalId: user, tenantId: "T0TEST" },
            });
          }
          return async (token) => (await w.press(user, "kp.press.0", token)).status;
        },
      },
      world,
      cells,
    );
    console.log(
      `authorization matrix through Slack: ${cells.length - wrong.length}/${cells.length} sampled cells as ruled (allowed ${allowed}, refused ${cells.length - allowed}; ${cells.filter((c) => "area" in c).length} of them on audits, rotations and handovers; seed ${SEED})`,
    );
    expect(wrong).toEqual([]);
  }, 900_000);
});

describe("the authorization matrix through Teams (Bot Connector token) on sqlite", () => {
  let t: TeamsWorld;
  let world: MatrixWorld;
  beforeAll(async () => {
    t = await TeamsWorld.start("sqlite", { at: "2026-03-10T02:00:00Z", credentials: true });
    world = await MatrixWorld.open(t.db, t.bank);
  }, 120_000);
  afterAll(async () => t?.close());

  it("a seeded sample of cells answers as the rules say", async () => {
    const cells = [...sample(SEED + 1), ...sampleMore(SEED + 1)];
    const { wrong, allowed } = await check(
      {
        db: t.db,
        setClock: (at) => t.clock.set(at.toISOString()),
        settle: async () => {},
        async as(role, personId, n) {
          const cast = CAST_OF[role];
          const hex = (0xfff000 + n).toString(16).padStart(12, "0");
          const made = {
            aadObjectId: `0b6e2f4a-3c1d-4e5f-9a8b-${hex}`,
            userId: `29:1made${n}-teams-user-id`,
            conversationId: `a:1made${n}-personal-conversation`,
            userName: `Made ${n}`,
          };
          if (role === "holder" || role === "substitute")
            await t.db.prisma.chatIdentity.create({
              data: {
                id: randomUUID(),
                employeeId: personId,
                platform: "teams",
                externalId: made.aadObjectId,
                tenantId: "",
              },
            });
          const user = cast ? teamsUser(cast) : made;
          return async (token) => {
            const vars = {
              ...t.vars("hr"),
              ...user,
              data: { kp: "press", token },
              verb: "press",
              title: "",
              trigger: "manual",
            };
            return postOnce(t, fixture("invoke.adaptive-card-action", vars));
          };
        },
      },
      world,
      cells,
    );
    console.log(
      `authorization matrix through Teams: ${cells.length - wrong.length}/${cells.length} sampled cells as ruled (allowed ${allowed}, refused ${cells.length - allowed}; ${cells.filter((c) => "area" in c).length} of them on audits, rotations and handovers; seed ${SEED + 1})`,
    );
    expect(wrong).toEqual([]);
  }, 900_000);
});

// A seeded sample of the authorization matrix through each adapter, over real HTTP: a button of a
// leave card pressed in Slack (a signed interaction to /slack/events) and in Teams (an Adaptive Card
// Action.Execute to /api/messages with a Bot Connector token), by a person of each role, on a leave
// in each state. Each person is given the button as a card would (an action token for them); the
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

/** The leave buttons a card carries with no form. */
const BUTTONS: readonly LeaveCommand[] = ["record_compliance_notice", "acknowledge", "start", "return", "cancel"];
const SEED = Number(process.env.KEYPOST_MATRIX_SEED ?? 17);
const SAMPLE = 14;

/** The cast member each role is (holder and substitute are made with each leave). */
const CAST_OF: Partial<Record<MatrixRole, CastName>> = {
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
  as(role: MatrixRole, personId: string, n: number): Promise<(token: string) => Promise<number>>;
  readonly db: Database;
  setClock(at: Date): void;
  settle(): Promise<void>;
}

async function check(
  pressing: Pressing,
  world: MatrixWorld,
  cells: readonly Cell[],
): Promise<{ wrong: string[]; allowed: number }> {
  const p = pressing.db.prisma;
  const wrong: string[] = [];
  const newSubstitute = await p.employee.findUniqueOrThrow({ where: { code: "E-XX" } });
  let n = 0;
  let allowed = 0;
  for (const { state, command, role } of cells) {
    n += 1;
    const leave: CellLeave = await world.leaveIn(state);
    const ids = world.idsFor(leave, randomUUID());
    const exp = expected(command, role, leave, ids, newSubstitute.id);
    const row = await p.leave.findUniqueOrThrow({ where: { id: leave.leaveId! } });
    const token = await world.kernel.uow.run((tx) =>
      tx.tokens.issue({
        action: `leave.${command}`,
        subjectType: "leave",
        subjectId: row.id,
        subjectVersion: row.version,
        recipientId: ids[role],
        args: {},
      }),
    );
    const press = await pressing.as(role, ids[role], n);
    world.nextInstant();
    pressing.setClock(world.now());
    const lastSeq = (await p.auditLogEntry.aggregate({ _max: { seq: true } }))._max.seq ?? 0;
    const toldBefore = await p.notice.count({ where: { kind: "suspended_attempt" } });
    const status = await press(token);
    await pressing.settle();
    const label = `${state} × ${command} × ${role}`;
    if (status !== 200) wrong.push(`${label}: HTTP ${status}`);
    const after = await p.leave.findUniqueOrThrow({ where: { id: row.id } });
    const name = (LEAVE_COMMANDS[command] as unknown as UseCase<unknown>).name;
    const refusals = await p.auditLogEntry.findMany({ where: { seq: { gt: lastSeq }, action: `${name}.refused` } });
    const told = (await p.notice.count({ where: { kind: "suspended_attempt" } })) - toldBefore;
    if (exp.ok) {
      allowed += 1;
      if (refusals.length > 0 || (exp.to !== null && after.status !== exp.to))
        wrong.push(`${label}: expected allowed → ${exp.to}, got ${after.status} ${refusals.map((r) => r.data).join()}`);
      continue;
    }
    if (after.version !== row.version) wrong.push(`${label}: refused (${exp.code}) but the leave changed`);
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
    const cells = sample(SEED);
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
      `authorization matrix through Slack: ${cells.length - wrong.length}/${cells.length} sampled cells as ruled (allowed ${allowed}, refused ${cells.length - allowed}; seed ${SEED})`,
    );
    expect(wrong).toEqual([]);
  }, 300_000);
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
    const cells = sample(SEED + 1);
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
      `authorization matrix through Teams: ${cells.length - wrong.length}/${cells.length} sampled cells as ruled (allowed ${allowed}, refused ${cells.length - allowed}; seed ${SEED + 1})`,
    );
    expect(wrong).toEqual([]);
  }, 300_000);
});

import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/access/roles.ts";
import type { ReasonCode } from "../../src/domain/errors.ts";
import { DomainError } from "../../src/domain/errors.ts";
import type {
  Confirmation,
  HandoverContext,
  HandoverEvent,
  HandoverSheet,
  HandoverState,
  SettledHandover,
} from "../../src/domain/handover/handover.machine.ts";
import {
  HANDOVER_EVENTS,
  HANDOVER_STATES,
  answeredPeriod,
  checkConfirmation,
  handoverMachine,
  handoverProgress,
} from "../../src/domain/handover/handover.machine.ts";
import { decide } from "../../src/domain/machine/machine.ts";
import type { Expected } from "./matrix.ts";
import { matrix } from "./matrix.ts";
import { UNIT, everyRole, holder, hr, manager, onLeave, stranger, substitute } from "./people.ts";

const sheet: HandoverSheet = {
  status: "open",
  purpose: "leave_start",
  fromId: holder.employeeId,
  toId: substitute.employeeId,
  witnessId: null,
  itemSeqs: [1, 2],
};

const fact = (side: Confirmation["side"], employeeId: string, itemSeq: number): Confirmation => ({
  side,
  employeeId,
  itemSeq,
});

const allConfirmed: readonly Confirmation[] = [
  fact("from", holder.employeeId, 1),
  fact("from", holder.employeeId, 2),
  fact("to", substitute.employeeId, 0),
];

function ctx(patch: Partial<HandoverContext> = {}): HandoverContext {
  return { actor: null, unitPath: UNIT, sheet, confirmations: allConfirmed, ...patch };
}

const EXPECTED: Expected<HandoverState, HandoverEvent> = {
  new: { open: "open" },
  open: { confirm: "confirmed", cancel: "cancelled" },
  confirmed: {},
  cancelled: {},
};

const ACTOR: Record<HandoverEvent, Actor | null> = { open: null, confirm: null, cancel: hr };

describe("handover: every state × every event", () => {
  it.each(matrix(HANDOVER_STATES, HANDOVER_EVENTS, EXPECTED))("$state + $event → $to", ({ state, event, to }) => {
    const decision = decide(handoverMachine, state, event, ctx({ actor: ACTOR[event] }));
    if (to === undefined) expect(decision).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    else expect(decision).toMatchObject({ ok: true, to });
  });

  it.each(matrix(HANDOVER_STATES, HANDOVER_EVENTS, EXPECTED))(
    "$state + $event by a person on leave is SUSPENDED",
    ({ state, event, to }) => {
      const decision = decide(handoverMachine, state, event, ctx({ actor: onLeave(everyRole) }));
      expect(decision).toMatchObject({ ok: false, code: to === undefined ? "INVALID_TRANSITION" : "SUSPENDED" });
    },
  );
});

describe("handover guards", () => {
  const cases: readonly (readonly [
    string,
    HandoverState | "new",
    HandoverEvent,
    Partial<HandoverContext>,
    ReasonCode | null,
  ])[] = [
    ["HR opens one by hand", "new", "open", { actor: hr }, null],
    ["a manager opens one", "new", "open", { actor: manager }, "NOT_AUTHORISED"],
    ["confirm with a side missing", "open", "confirm", { confirmations: allConfirmed.slice(1) }, "HANDOVER_INCOMPLETE"],
    ["confirm by a person (the system closes it)", "open", "confirm", { actor: substitute }, "NOT_AUTHORISED"],
    ["cancel by the system", "open", "cancel", { actor: null }, null],
    ["cancel by a stranger", "open", "cancel", { actor: stranger }, "NOT_AUTHORISED"],
  ];
  it.each(cases)("%s", (_name, state, event, patch, code) => {
    const decision = decide(handoverMachine, state, event, ctx(patch));
    if (code === null) expect(decision.ok).toBe(true);
    else expect(decision).toMatchObject({ ok: false, code });
  });

  it("confirming fixes the period and tells both sides", () => {
    expect(decide(handoverMachine, "open", "confirm", ctx())).toMatchObject({
      ok: true,
      effects: [
        { kind: "fix_period" },
        { kind: "notify", to: "from", notice: "handover_confirmed" },
        { kind: "notify", to: "to", notice: "handover_confirmed" },
      ],
    });
  });
});

describe("handoverProgress", () => {
  it("is complete when each side confirmed every item, one by one or all at once (item 0)", () => {
    expect(handoverProgress(sheet, allConfirmed)).toEqual({ complete: true, missing: [] });
  });

  it("lists what each side still owes", () => {
    expect(handoverProgress(sheet, [fact("from", holder.employeeId, 2)])).toEqual({
      complete: false,
      missing: [
        { side: "from", itemSeq: 1 },
        { side: "to", itemSeq: 1 },
        { side: "to", itemSeq: 2 },
      ],
    });
  });

  it("waits for a named witness", () => {
    const witnessed = { ...sheet, witnessId: manager.employeeId };
    expect(handoverProgress(witnessed, allConfirmed)).toEqual({
      complete: false,
      missing: [
        { side: "witness", itemSeq: 1 },
        { side: "witness", itemSeq: 2 },
      ],
    });
    expect(handoverProgress(witnessed, [...allConfirmed, fact("witness", manager.employeeId, 0)]).complete).toBe(true);
  });

  it("ignores facts signed by someone who is not that side", () => {
    const forged = [fact("from", stranger.employeeId, 0), fact("to", holder.employeeId, 0)];
    expect(handoverProgress(sheet, forged).complete).toBe(false);
  });

  it("asks for item 0 when the sheet has no items", () => {
    expect(handoverProgress({ ...sheet, itemSeqs: [] }, [])).toEqual({
      complete: false,
      missing: [
        { side: "from", itemSeq: 0 },
        { side: "to", itemSeq: 0 },
      ],
    });
  });
});

describe("checkConfirmation", () => {
  const attempt = (side: Confirmation["side"], itemSeq: number) => ({ side, itemSeq });

  it("lets each side confirm its own items once", () => {
    expect(checkConfirmation(substitute, sheet, [], attempt("to", 1))).toBeNull();
    expect(checkConfirmation(substitute, sheet, [fact("to", substitute.employeeId, 1)], attempt("to", 1))).toBe(
      "ALREADY_CONFIRMED",
    );
    expect(checkConfirmation(substitute, sheet, [fact("to", substitute.employeeId, 0)], attempt("to", 2))).toBe(
      "ALREADY_CONFIRMED",
    );
  });

  it("refuses anyone confirming a side that is not theirs", () => {
    expect(checkConfirmation(stranger, sheet, [], attempt("to", 1))).toBe("NOT_A_PARTY");
    expect(checkConfirmation(substitute, sheet, [], attempt("from", 1))).toBe("NOT_A_PARTY");
    expect(checkConfirmation(manager, sheet, [], attempt("witness", 0))).toBe("NOT_A_PARTY");
  });

  it("refuses an item the sheet does not have", () => {
    expect(checkConfirmation(substitute, sheet, [], attempt("to", 3))).toBe("NOT_FOUND");
  });

  it("answers STALE_ACTION once the handover is no longer open", () => {
    expect(checkConfirmation(substitute, { ...sheet, status: "confirmed" }, [], attempt("to", 1))).toBe("STALE_ACTION");
    expect(checkConfirmation(substitute, { ...sheet, status: "cancelled" }, [], attempt("to", 1))).toBe("STALE_ACTION");
  });

  it("lets the holder on leave hand the post over as part of acknowledging their leave notice", () => {
    expect(checkConfirmation(onLeave(holder), sheet, [], attempt("from", 1))).toBeNull();
  });

  it("refuses every other confirmation by a person on leave", () => {
    expect(checkConfirmation(onLeave(substitute), sheet, [], attempt("to", 1))).toBe("SUSPENDED");
    const rotation = { ...sheet, purpose: "rotation" as const };
    expect(checkConfirmation(onLeave(holder), rotation, [], attempt("from", 1))).toBe("SUSPENDED");
    const handBack = {
      ...sheet,
      purpose: "leave_return" as const,
      fromId: substitute.employeeId,
      toId: holder.employeeId,
    };
    expect(checkConfirmation(onLeave(holder), handBack, [], attempt("to", 1))).toBe("SUSPENDED");
    const witnessed = { ...sheet, witnessId: manager.employeeId };
    expect(checkConfirmation(onLeave(manager), witnessed, [], attempt("witness", 1))).toBe("SUSPENDED");
  });
});

describe("answeredPeriod", () => {
  const takeover: SettledHandover = {
    purpose: "leave_start",
    fromId: holder.employeeId,
    toId: substitute.employeeId,
    periodStart: "2026-03-02",
  };
  const handBack: SettledHandover = {
    purpose: "leave_return",
    fromId: substitute.employeeId,
    toId: holder.employeeId,
    periodStart: "2026-03-16",
  };

  it("runs from the takeover to the hand-back, for the substitute", () => {
    expect(answeredPeriod(takeover, handBack)).toEqual({
      employeeId: substitute.employeeId,
      periodStart: "2026-03-02",
      periodEnd: "2026-03-16",
    });
  });

  it("refuses a hand-back that does not answer the takeover", () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof DomainError ? error.code : "other";
      }
      return null;
    };
    expect(code(() => answeredPeriod(handBack, takeover))).toBe("HANDOVER_MISMATCH");
    expect(code(() => answeredPeriod(takeover, { ...handBack, fromId: stranger.employeeId }))).toBe(
      "HANDOVER_MISMATCH",
    );
    expect(code(() => answeredPeriod(takeover, { ...handBack, periodStart: "2026-03-01" }))).toBe("HANDOVER_MISMATCH");
    expect(code(() => answeredPeriod(takeover, { ...handBack, periodStart: null }))).toBe("HANDOVER_INCOMPLETE");
  });
});

// A message keeps its own kind after a press: HR has two notices about one overdue rotation, a
// "Mandatory leave required" and a "Rotation overdue" (the latter with Cancel). Pressing
// Acknowledge on the first answers that same card, as it is now — never the other notice.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Card } from "../../../src/ports/card.ts";
import { pressAction } from "../../../src/app/kernel/press-action.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { ACTIONS, makeWorld, type World } from "./rotation-world.ts";

describe.each(ENGINES)("the card a press answers on %s", (engine) => {
  let db: TestDatabase;
  let w: World;
  beforeEach(async () => {
    db = await testDatabase(engine);
    w = await makeWorld(db, "2026-01-10T02:00:00Z"); // past the teller's tenure limit
  });
  afterEach(async () => db.drop());

  it("Acknowledge on 'Mandatory leave required' answers that card, not the later 'Rotation overdue'", async () => {
    expect(await w.scan()).toMatchObject({ overdue: 1 });
    const rotation = await db.prisma.rotation.findFirstOrThrow({ where: { postId: w.posts.teller } });
    const mine = await db.prisma.notice.findMany({
      where: { recipientId: w.ids.hr, subjectId: rotation.id, platform: "slack" },
      orderBy: { createdAt: "asc" },
    });
    expect(mine.map((n) => n.kind)).toEqual(expect.arrayContaining(["leave_required", "rotation_overdue"]));
    const leaveRequired = JSON.parse(mine.find((n) => n.kind === "leave_required")!.card) as Card;
    const ack = leaveRequired.actions.find((a) => a.label.en === "Acknowledge")!;

    const outcome = await pressAction(
      w.kernel,
      ACTIONS,
      { token: ack.token },
      { personId: w.ids.hr, platform: "slack" },
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.card?.title.en).toBe("Mandatory leave required");
    expect(outcome.card?.actions.map((a) => a.label.en)).not.toContain("Cancel");
  });
});

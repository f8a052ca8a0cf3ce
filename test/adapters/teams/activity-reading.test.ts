// An incoming Teams activity is read in one zod pass (adapters/teams/activity.schema.ts
// `readActivity`, decision 13.s14q-2) and answers exactly as the two passes it replaced: the
// documented shape (`activityProblem`: a 400 naming the first broken field) and then Keypost's
// reading (`incomingActivity`: what the handlers get, or a refusal in the handler). Checked on the
// real payload fixtures and on each of them broken one field at a time; and through the service,
// a card press's handler does not parse the activity again (the SDK hands an invoke's handler the
// request's body as is; a message it rebuilds as a MessageActivity, which its handler still parses).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  activityProblem,
  incomingActivity,
  readActivity,
  type ActivityReading,
} from "../../../adapters/teams/activity.schema.ts";
import { fixture, teamsUser, TeamsWorld } from "../../support/teams-world.ts";

type Json = Parameters<typeof fixture>[1][string];

/** The two passes as teams-app.ts made them before. */
function twoPasses(body: unknown): ActivityReading {
  const field = activityProblem(body);
  if (field !== undefined) return { field };
  const read = incomingActivity.safeParse(body);
  return read.success ? { activity: read.data } : { refused: true };
}

const VARS: Record<string, Json> = {
  ...teamsUser("hr"),
  activityId: "f:1",
  serviceUrl: "https://smba.trafficmanager.net/apac/",
  tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
  botId: "28:keypost-bot",
  locale: "zh-CN",
  text: "help",
  title: "Acknowledge",
  verb: "press",
  trigger: "manual",
  data: { a: "ack", id: "n1" },
};
const FIXTURES = [
  "message.personal",
  "invoke.adaptive-card-action",
  "installation-update.add",
  "installation-update.remove",
  "conversation-update.bot-added",
] as const;

const long = (n: number) => "x".repeat(n);
/** One field broken (or stretched to a limit) at a time: [path, value]. */
const CHANGES: readonly [string, unknown][] = [
  ["type", ""],
  ["type", 5],
  ["channelId", ""],
  ["serviceUrl", "ftp://smba.trafficmanager.net/"],
  ["serviceUrl", "not a url"],
  ["serviceUrl", " https://smba.trafficmanager.net/apac/"],
  ["serviceUrl", "http://localhost:3978"],
  ["from", 5],
  ["from.id", ""],
  ["from.id", "29:é"],
  ["from.name", long(512)],
  ["from.name", long(513)],
  ["from.role", 7],
  ["recipient.name", long(513)],
  ["recipient.aadObjectId", "has space"],
  ["conversation.conversationType", long(64)],
  ["conversation.conversationType", long(65)],
  ["conversation.isGroup", "yes"],
  ["conversation.name", 3],
  ["conversation.tenantId", ""],
  ["channelData", "x"],
  ["channelData.tenant", { id: "tenant\u00e9" }],
  ["channelData.tenant", { id: "t1", extra: true }],
  ["channelData.tenant", 4],
  ["timestamp", []],
  ["entities", [1]],
  ["membersAdded", [{ id: "29:a", name: long(513) }]],
  ["membersAdded", [{ id: "29:a", role: 1 }]],
  ["membersRemoved", [{ id: "" }]],
  ["locale", 1],
  ["value", { action: { type: "Action.Submit" } }],
  ["value.action.verb", 9],
  ["value.action.data", "x"],
];

function changed(body: Record<string, Json>, path: string, value: unknown): Record<string, Json> {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split(".");
  let at = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== "object" || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
  return copy as Record<string, Json>;
}

describe("reading a Teams activity in one pass", () => {
  it("answers as the two passes did, on every fixture and on each broken one field at a time", () => {
    const kinds = new Set<string>();
    for (const name of FIXTURES) {
      const body = fixture(name, VARS);
      for (const variant of [body, ...CHANGES.map(([path, value]) => changed(body, path, value))]) {
        const expected = twoPasses(variant);
        kinds.add(Object.keys(expected)[0]!);
        expect([name, readActivity(variant)]).toEqual([name, expected]);
      }
    }
    // Each way an activity can read was met: read, a field named (400), refused in the handler.
    expect([...kinds].sort()).toEqual(["activity", "field", "refused"]);
  });

  describe("through the service", () => {
    let world: TeamsWorld;
    beforeAll(async () => {
      world = await TeamsWorld.start("sqlite", { at: "2026-03-02T02:00:00Z" });
    });
    afterAll(async () => world.close());

    it("does not parse a card press read at the request again in its handler; a refused one is still refused there", async () => {
      const parses = vi.spyOn(incomingActivity, "safeParse");
      try {
        const answer = await world.invoke("hr", { a: "refresh" }, "refresh", "", "automatic");
        expect(answer.status).toBe(200);
        expect(parses).not.toHaveBeenCalled();
        // Documented, but not as Keypost reads it: the handler parses it and refuses it (400 BadRequest).
        const odd = fixture("invoke.adaptive-card-action", world.vars("hr", { data: {}, verb: "press", title: "" }));
        (odd.conversation as Record<string, Json>).conversationType = long(65);
        const refused = await world.post(odd);
        expect(parses).toHaveBeenCalledTimes(1);
        expect(refused.body).toMatchObject({ statusCode: 400, value: { code: "BadRequest" } });
      } finally {
        parses.mockRestore();
      }
    });
  });
});

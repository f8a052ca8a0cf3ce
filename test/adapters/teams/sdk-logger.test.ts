// The Teams SDK's log lines go through Keypost's log without what the SDK passes along whole: its
// "Handling activity" line carried the incoming activity — a person's display name and what they
// typed — at debug level (decision 17.s9f-2).
import { describe, expect, it } from "vitest";
import { sdkLogger } from "../../../adapters/teams/sdk-logger.ts";
import { createLogger } from "../../../src/infra/logger.ts";

describe("the Teams SDK's logger", () => {
  it("writes an activity as its type and id, never its text or the person's name", () => {
    const lines: string[] = [];
    const log = sdkLogger(createLogger("debug", (line) => lines.push(line)));
    log.debug("Handling activity", {
      type: "message",
      id: "f:42",
      text: "who is on leave in SB1",
      from: { id: "29:1abc", name: "Tom Teller", aadObjectId: "0b6e2f4a" },
    });
    log.child("jwt").debug("validated service token for activity f:42");
    log.warn("odd", { error: "x", detail: "Tom Teller" }, new Error("boom"));
    const all = lines.join("\n");
    expect(all).toContain("teams-sdk: Handling activity (message f:42)");
    expect(all).toContain("teams-sdk/jwt: validated service token for activity f:42");
    expect(all).toContain("teams-sdk: odd (object: error, detail) boom");
    expect(all).not.toMatch(/Tom Teller|who is on leave/);
  });
});

// Which one platform a notice goes to for a person with accounts on several (issue #14, decision
// 14.15): the one they chose, else the one they last acknowledged a notice on, else Slack before
// Teams — never a platform they have no account on, and without a choice a reachable one first.
import { describe, expect, it } from "vitest";
import { noticePlatform } from "../../../src/app/kernel/notify.ts";

describe("the platform a notice goes to", () => {
  const both = ["teams", "slack"] as const;
  it("is the chosen one", () => {
    expect(noticePlatform(both, { chosen: "teams", lastAcknowledged: "slack" })).toBe("teams");
    expect(noticePlatform(both, { chosen: "slack", lastAcknowledged: "teams" })).toBe("slack");
  });
  it("else where they last acknowledged a notice", () => {
    expect(noticePlatform(both, { chosen: null, lastAcknowledged: "teams" })).toBe("teams");
  });
  it("else Slack, then Teams, whatever the order of the accounts", () => {
    expect(noticePlatform(both, { chosen: null, lastAcknowledged: null })).toBe("slack");
    expect(noticePlatform(["slack", "teams"], { chosen: null, lastAcknowledged: null })).toBe("slack");
  });
  it("never a platform without an account (an account removed after the choice)", () => {
    expect(noticePlatform(["teams"], { chosen: "slack", lastAcknowledged: "slack" })).toBe("teams");
  });
  it("without a choice, a Teams account whose app was never installed does not count", () => {
    const none = { chosen: null, lastAcknowledged: null };
    expect(noticePlatform(both, { ...none, lastAcknowledged: "teams" }, { reachable: ["slack"] })).toBe("slack");
    expect(noticePlatform(both, none, { reachable: ["teams"] })).toBe("teams");
    expect(noticePlatform(both, { chosen: "teams", lastAcknowledged: null }, { reachable: ["slack"] })).toBe("teams");
  });
  it("only a platform the service delivers to, even over a choice; none known = any", () => {
    const none = { chosen: null, lastAcknowledged: null };
    expect(noticePlatform(both, none, { delivered: ["teams"] })).toBe("teams");
    expect(noticePlatform(both, { chosen: "slack", lastAcknowledged: null }, { delivered: ["teams"] })).toBe("teams");
    expect(noticePlatform(both, { chosen: "teams", lastAcknowledged: null }, { delivered: [] })).toBe("teams");
    expect(noticePlatform(both, none, { delivered: ["slack", "teams"] })).toBe("slack");
  });
});

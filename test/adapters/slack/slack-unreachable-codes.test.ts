// Every Slack error the notifier answers `failed` for because the person cannot be reached is one
// finding per person (decision 17.s9f-1): the escalation must read each such code as about the
// person, and say it in words — else each failed notice becomes its own finding, as
// channel_not_found and not_in_channel did (288 findings for 4 people in the faulty-platforms run).
import { describe, expect, it } from "vitest";
import { UNREACHABLE_ERRORS } from "../../../adapters/slack/slack-errors.ts";
import { deliveryReasonText, isAboutThePerson } from "../../../src/app/delivery/delivery-reason.ts";

describe("Slack's unreachable codes", () => {
  it.each([...UNREACHABLE_ERRORS])("%s is about the person, in words", (code) => {
    expect(isAboutThePerson(code)).toBe(true);
    expect(deliveryReasonText(code).en).not.toMatch(/reason code is in the log/);
  });

  it("Teams 403/404 (teams_unreachable) is about the person too", () => {
    expect(isAboutThePerson("teams_unreachable: teams 403 BotNotInConversationRoster: …")).toBe(true);
    expect(isAboutThePerson("teams 413 MessageSizeTooBig")).toBe(false);
  });
});

// Which input a refusal is shown next to, and in which words: the real schemas' issues (an
// evidence link that is not https, a missing field) become a problem code with a sentence in
// both languages (never the schema's English), and a NOT_FOUND lands on the input holding the
// code that was not found.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formRefusal } from "../../../src/app/cards/form-refusal.ts";
import { evidenceUrl } from "../../../src/app/audit/audit-inputs.ts";
import { markForm, TEAM_FORM } from "../../../src/app/audit/audit-forms.ts";
import { refusal } from "../../../src/app/kernel/execute.ts";
import { issueDetail } from "../../../src/app/kernel/input-problem.ts";

describe("formRefusal", () => {
  it("puts a non-https evidence link next to its input, in the reader's words", () => {
    const parsed = z.object({ note: z.string(), evidenceUrl }).safeParse({ note: "", evidenceUrl: "http://x.example" });
    expect(parsed.success).toBe(false);
    const detail = issueDetail(parsed.error!.issues[0]);
    expect(detail).toMatchObject({ field: "evidenceUrl", problem: "https" });
    const form = markForm({ seq: 2 } as never, "pass");
    const out = formRefusal(refusal("INVALID_INPUT", detail), form.inputs, { evidenceUrl: "http://x.example" });
    expect(out).toEqual({
      field: "evidenceUrl",
      message: {
        "zh-CN": "请填写以 https:// 开头、带域名的链接。",
        en: "Give a link that starts with https:// and names a host.",
      },
    });
    expect(refusal("INVALID_INPUT", detail).message["zh-CN"]).not.toMatch(/evidence|must|link/i);
  });

  it("finds the input holding an unknown code, and leaves state refusals to the card", () => {
    const values = { leader: "E-A1", lead: "E-A2", members: "E-A3, e998" };
    const out = formRefusal(refusal("NOT_FOUND", { person: "E998" }), TEAM_FORM.inputs, values);
    expect(out?.field).toBe("members");
    expect(out?.message.en).toBe('No current employee has the code "E998".');
    expect(formRefusal(refusal("STALE_ACTION"), TEAM_FORM.inputs, values)).toBeUndefined();
    expect(formRefusal(refusal("TEAM_INCOMPLETE"), TEAM_FORM.inputs, values)?.field).toBe("leader");
  });
});

// Every use case of the catalog has words for a reader (compliance told that a holder on leave
// tried it): a new use case without a label fails here, not in front of a compliance officer.
import { describe, expect, it } from "vitest";
import { useCases } from "../../../src/app/catalog.ts";
import { ACTION_LABEL, actionLabel } from "../../../src/app/kernel/action-labels.ts";

describe("action labels", () => {
  it("names every use case of the catalog in both languages", () => {
    expect([...useCases.keys()].filter((name) => !Object.hasOwn(ACTION_LABEL, name))).toEqual([]);
    for (const label of Object.values(ACTION_LABEL)) {
      expect(label["zh-CN"]).toMatch(/[\u4e00-\u9fff]/u);
      expect(label.en).not.toMatch(/[\u4e00-\u9fff_]/u);
    }
  });

  it("reads an unknown name as an action, not as its code", () => {
    expect(actionLabel("nothing.known")).toEqual({ "zh-CN": "一项操作", en: "an action" });
  });
});

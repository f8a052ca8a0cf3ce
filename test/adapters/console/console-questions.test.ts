// Questions typed in `keypost chat`: a line that is no console command is asked (question.ask) and
// its card is shown; its buttons (More, candidates) are pressed by number like any other action.
// Over the demo bank with the question scenario's leaves, on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actions } from "../../../src/app/catalog.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { csv, demoScenario, LEAVES, type Scenario } from "../../app/questions/demo-scenario.ts";
import { chat, numberOf } from "./console-session.ts";

describe.each(ENGINES)("questions in the terminal chat on %s", (engine) => {
  let db: TestDatabase;
  let s: Scenario;
  beforeAll(async () => {
    db = await testDatabase(engine);
    s = await demoScenario(db);
  }, 120_000);
  afterAll(async () => db?.drop());

  /** In an English conversation people are named in English: "Lei Lin (E038)". */
  const nameEn = (code: string) => csv("employees").find((e) => e.code === code)!.name_en!;

  it("a manager asks who is on leave, in Chinese and in English; the sealed leave ahead stays out", async () => {
    const out = await chat(s.kernel, actions, s.ids.E017!, ["谁在休假", "who is on leave in december", "q"], {
      lang: "en",
    });
    // The table's columns are cut to the terminal's width: the name shows, its code may not.
    expect(out).toContain(nameEn(LEAVES.started.holder));
    expect(out).toContain(nameEn(LEAVES.openAhead.holder));
    expect(out).not.toContain(LEAVES.sealedAhead.holder);
    expect(out).not.toContain(nameEn(LEAVES.sealedAhead.holder));
    expect(out.trimEnd().endsWith("Bye.")).toBe(true);
  });

  it("More shows the next page; a candidate button answers for the person chosen", async () => {
    const first = await chat(s.kernel, actions, s.ids.E003!, ["rotations due within 400 days"], { lang: "en" });
    expect(first).toContain("More (page 2 of");
    const paged = await chat(
      s.kernel,
      actions,
      s.ids.E003!,
      ["rotations due within 400 days", numberOf(first, "More"), "q"],
      { lang: "en" },
    );
    expect(paged).toContain("✓ Page 2");
    expect(paged).toMatch(/Page 2 of \d+, \d+ in all/);
    const choose = await chat(s.kernel, actions, s.ids.E003!, ["status of wang"], { lang: "en" });
    expect(choose).toContain("Which person do you mean by “wang”?");
    const picked = await chat(s.kernel, actions, s.ids.E003!, ["status of wang", numberOf(choose, "Wei Wang"), "q"], {
      lang: "en",
    });
    expect(picked).toContain("Wei Wang (E001)");
  });

  it("help mentions questions; a staff member without a reporting role is told plainly", async () => {
    const out = await chat(s.kernel, actions, s.ids.E026!, ["?", "who is on leave", "q"], { lang: "en" });
    expect(out).toContain("anything else   a question in words");
    expect(out).toContain("✗ You are not authorised to do that.");
  });
});

// Never silently wrong in chat (issue #14), on both engines: an answer that leaves posts without a
// policy, units whose calendar does not cover the next 12 months or holders no chat can reach out
// of its figures says so first, in both languages, within the asker's units — and says nothing
// once the gap is closed. The bank is imported with `keypost import`, as a bank would.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask } from "../../../src/app/home/query.ts";
import { askQuestion } from "../../../src/app/questions/ask-question.query.ts";
import type { CliIo } from "../../../src/cli/command.ts";
import { main } from "../../../src/cli/main.ts";
import { openDatabase, type Database } from "../../../src/infra/db/database.ts";
import type { Card } from "../../../src/ports/card.ts";
import { ENGINES, emptyDatabaseUrl } from "../../support/databases.ts";
import { testKernel } from "../../support/kernel.ts";

const NOW = "2026-06-01T02:00:00Z";

const days = (calendar: string, years: number[]) => years.map((y) => `${calendar},${y}-10-01,holiday,国庆节`);
export const GAP_BANK: Record<string, string> = {
  "calendar.csv": ["calendar,date,kind,name", ...days("CN", [2026, 2027]), ...days("OLD", [2025, 2026])].join("\n"),
  "policies.csv": [
    "code,name,max_tenure_months,leave_every_months,leave_min_working_days,compliance_lead_working_days",
    "teller-24,Tellers: 24 months,24,12,5,2",
  ].join("\n"),
  "units.csv": [
    "code,name,kind,parent_code,time_zone,calendar_code",
    "HO,总行,head_office,,Asia/Shanghai,CN",
    "BR1,北京分行,branch,HO,,",
    "BR2,上海分行,branch,HO,,OLD",
  ].join("\n"),
  "employees.csv": [
    "code,name,unit_code,roles,slack_user_id,teams_aad_object_id",
    "E0,合规,HO,compliance@HO,U00000000,",
    "E9,经理,BR1,manager@BR1,U00000009,",
    "E1,甲,BR1,,U00000001,",
    "E2,乙,BR1,,,",
    "E3,丙,BR2,,,00000000-0000-4000-8000-000000000003",
  ].join("\n"),
  "posts.csv": [
    "code,name,unit_code,category,policy_code",
    "P1,柜员一,BR1,operations,teller-24",
    "P2,柜员二,BR1,operations,",
    "P3,行长,BR2,authority,",
  ].join("\n"),
  "assignments.csv": [
    "employee_code,post_code,start_date",
    "E1,P1,2025-01-02",
    "E2,P2,2020-01-02",
    "E3,P3,2025-01-02",
  ].join("\n"),
};

function capture(): CliIo {
  return { interactive: false, out: () => undefined, err: () => undefined };
}

describe.each(ENGINES)("setup gaps stated in chat answers on %s", (engine) => {
  let url: string;
  let remove: () => Promise<void>;
  let db: Database;
  let ids: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), "keypost-gap-bank-"));
  const importFiles = async (...names: string[]) =>
    expect(
      await main(["import", ...names.map((n) => join(dir, n))], capture(), { DATABASE_URL: url, LOG_LEVEL: "silent" }),
    ).toBe(0);

  beforeAll(async () => {
    ({ url, remove } = await emptyDatabaseUrl(engine));
    for (const [name, text] of Object.entries(GAP_BANK)) writeFileSync(join(dir, name), text + "\n");
    await importFiles(...Object.keys(GAP_BANK));
    db = openDatabase(url);
    ids = Object.fromEntries((await db.prisma.employee.findMany()).map((e) => [e.code, e.id]));
  });
  afterAll(async () => {
    await db?.close();
    await remove();
  });

  const question = async (who: string, text: string): Promise<Card> => {
    const answer = await ask(testKernel(db, NOW), askQuestion, { text }, { personId: ids[who]!, platform: "slack" });
    if (!answer.ok) throw new Error(answer.code);
    return answer.value;
  };
  const notes = (card: Card, lang: "en" | "zh-CN" = "en") =>
    (card.text?.[lang] ?? "").split("\n").filter((l) => l.startsWith("⚠"));

  it("rotations: the posts without a policy, instead of a bare 'none overdue'", async () => {
    const card = await question("E0", "overdue rotations");
    expect(card.table?.rows ?? []).toHaveLength(0); // E2 is years over, but P2 has no policy
    expect(notes(card)).toEqual(["⚠ 2 posts have no policy: P2, P3 — not counted here"]);
    expect(notes(await question("E0", "哪些岗位轮岗超期了"), "zh-CN")).toEqual([
      "⚠ 2 个关键岗位没有制度参数：P2、P3——此处的数字未计入它们",
    ]);
    // A manager of BR1 hears about BR1's post only.
    expect(notes(await question("E9", "overdue rotations"))).toEqual(["⚠ 1 post has no policy: P2 — not counted here"]);
  });

  it("key figures: policies and calendars; notices: holders nobody can reach", async () => {
    expect(notes(await question("E0", "key figures"))).toEqual([
      "⚠ 2 posts have no policy: P2, P3 — not counted here",
      "⚠ 1 unit's calendar does not cover the next 12 months: BR2 (OLD)",
    ]);
    expect(notes(await question("E9", "key figures"))).toEqual(["⚠ 1 post has no policy: P2 — not counted here"]);
    expect(notes(await question("E0", "unacknowledged notices"))).toEqual([
      "⚠ 1 key-post holder has no chat account, so no notice reaches them: E2",
    ]);
    // One person's status: the gaps of what the card shows (E2 and their post P2), not the bank's.
    expect(notes(await question("E0", "status of E2"))).toEqual([
      "⚠ 1 post has no policy: P2 — not counted here",
      "⚠ 1 key-post holder has no chat account, so no notice reaches them: E2",
    ]);
    // Answers that depend on none of these say nothing.
    expect(notes(await question("E0", "open audits"))).toEqual([]);
  });

  it("a policy given to one post shows in the very next answer", async () => {
    expect(notes(await question("E0", "overdue rotations"))).toEqual([
      "⚠ 2 posts have no policy: P2, P3 — not counted here",
    ]);
    writeFileSync(
      join(dir, "p3-policy.csv"),
      GAP_BANK["posts.csv"]!.replace("P3,行长,BR2,authority,", "P3,行长,BR2,authority,teller-24") + "\n",
    );
    await importFiles("p3-policy.csv");
    expect(notes(await question("E0", "overdue rotations"))).toEqual(["⚠ 1 post has no policy: P2 — not counted here"]);
  });

  it("says nothing once the gaps are closed", async () => {
    writeFileSync(
      join(dir, "defaults.csv"),
      [
        "code,name,category,max_tenure_months,leave_every_months,leave_min_working_days",
        "bank.authority,Authority,authority,36,12,5",
        "bank.operations,Operations,operations,48,12,5",
        "bank.oversight,Oversight,oversight,60,12,5",
      ].join("\n") + "\n",
    );
    writeFileSync(join(dir, "fix-units.csv"), GAP_BANK["units.csv"]!.replace(",OLD", ",CN") + "\n");
    writeFileSync(
      join(dir, "fix-employees.csv"),
      GAP_BANK["employees.csv"]!.replace("E2,乙,BR1,,,", "E2,乙,BR1,,U00000002,") + "\n",
    );
    await importFiles("defaults.csv", "fix-units.csv", "fix-employees.csv");
    const card = await question("E0", "overdue rotations");
    expect(notes(card)).toEqual([]);
    expect((card.table?.rows ?? []).map((r) => r[1]!.en)).toEqual(["P2"]);
    expect(notes(await question("E0", "key figures"))).toEqual([]);
    expect(notes(await question("E0", "unacknowledged notices"))).toEqual([]);
  });
});

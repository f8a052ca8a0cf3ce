// question.ask over the demo bank on both engines: answers checked against expectations worked out
// here from the CSV files and the scenario's plain data (never through the answer code), with the
// secrecy cases (a sealed leave ahead: absent for managers in lists and counts, present for HR and
// compliance), scope cases, ambiguous names answered with candidate buttons, and "more" pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Card } from "../../../src/ports/card.ts";
import { actions } from "../../../src/app/catalog.ts";
import { ask } from "../../../src/app/home/query.ts";
import { pressAction } from "../../../src/app/kernel/press-action.ts";
import { askQuestion } from "../../../src/app/questions/ask-question.query.ts";
import { ENGINES, testDatabase, type TestDatabase } from "../../support/databases.ts";
import { csv, demoScenario, LEAVES, TODAY, type Scenario } from "./demo-scenario.ts";

const units = csv("units");
const employees = csv("employees");
const posts = csv("posts");
const holdings = csv("assignments").filter((a) => a.kind === "holder" && !a.end_date);

/** Unit codes in the subtree of `code` (from units.csv). */
function subtree(code: string): Set<string> {
  const out = new Set([code]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units) {
      if (!u.parent_code || !out.has(u.parent_code) || out.has(u.code!)) continue;
      out.add(u.code!);
      grew = true;
    }
  }
  return out;
}
const unitOfPost = (post: string) => posts.find((p) => p.code === post)!.unit_code!;
const nameOf = (code: string) => employees.find((e) => e.code === code)!.name!;

/** cn-bank preset: cash, accounting and vault posts 12 months; every other post its category's 36. */
const TENURE: Record<string, number> = { "cn-bank-cash": 12, "cn-bank-accounting": 12, "cn-bank-vault": 12, "": 36 };
function deadline(start: string, months: number): string {
  const [y, m, d] = start.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}
function rotationsDue(unitCode: string, days: number | null): string[] {
  const horizon = days === null ? TODAY : new Date(Date.parse(TODAY) + days * 86_400_000).toISOString().slice(0, 10);
  return holdings
    .filter((h) => subtree(unitCode).has(unitOfPost(h.post_code!)))
    .filter((h) => {
      const limit = deadline(h.start_date!, TENURE[posts.find((p) => p.code === h.post_code)!.policy_code!]!);
      // "Due within N days" is not yet past: the overdue are their own list.
      return days === null ? limit < TODAY : limit >= TODAY && limit <= horizon;
    })
    .map((h) => h.employee_code!)
    .sort();
}

/** Every table row's first cell's code ("Chao Yang (E026)" → "E026"). */
const codesIn = (card: Card) =>
  (card.table?.rows ?? []).map((r) => r[0]!.en.split(" ").at(-1)!.replace(/[()]/g, "")).sort();
const field = (card: Card, label: string) => card.fields.find((f) => f.label.en === label)?.value.en;

describe.each(ENGINES)("question.ask over the demo bank on %s", (engine) => {
  let db: TestDatabase;
  let s: Scenario;
  beforeAll(async () => {
    db = await testDatabase(engine);
    s = await demoScenario(db);
  }, 120_000);
  afterAll(async () => db?.drop());

  async function card(asker: string, text: string, extra: Record<string, unknown> = {}): Promise<Card> {
    const answer = await ask(
      s.kernel,
      askQuestion,
      { text, ...extra },
      { personId: s.ids[asker]!, platform: "console" },
    );
    if (!answer.ok) throw new Error(`${asker} asking ${text}: ${answer.code}`);
    return answer.value;
  }

  const leavesSeenBy = (unitCode: string, insider: boolean, from: string, to: string) =>
    Object.values(LEAVES)
      .filter((l) => subtree(unitCode).has(unitOfPost(l.post)) && l.start <= to && l.end >= from)
      .filter((l) => insider || !l.sealed || l.start <= TODAY)
      .map((l) => l.holder)
      .sort();

  it.each([
    ["E017", "BR1", false],
    ["E025", "BR1-01", false],
    ["E034", "BR1-02", false],
    ["E043", "BR2-01", false],
    ["E003", "HO", true],
  ] as const)("who is on leave today, as %s (%s)", async (asker, unit, insider) => {
    for (const text of ["谁在休假", "who is on leave now"])
      expect(codesIn(await card(asker, text))).toEqual(leavesSeenBy(unit, insider, TODAY, TODAY));
  });

  it.each([
    ["E003", "HO", true],
    ["E004", "BR2", true],
    ["E005", "HO", true],
    ["E017", "BR1", false],
    ["E052", "BR2-02", false],
    ["E043", "BR2-01", false],
  ] as const)(
    "who is on leave in December, as %s: the sealed leave ahead only for HR and compliance",
    async (asker, unit, insider) => {
      const expected = leavesSeenBy(unit, insider, "2026-12-01", "2026-12-31");
      expect(codesIn(await card(asker, "12月谁休假"))).toEqual(expected);
      expect(codesIn(await card(asker, "who's off next month"))).toEqual(expected);
      expect(field(await card(asker, "on leave 2026-12"), "Total")).toBe(String(expected.length));
      if (asker === "E043") expect(expected).not.toContain(LEAVES.sealedAhead.holder);
      if (asker === "E004") expect(expected).toContain(LEAVES.sealedAhead.holder);
    },
  );

  it("secrecy in counts and statuses: the sealed leave's audit and leave are absent for the Pudong manager, present for HR", async () => {
    const manager = await card("E043", "status of Pudong branch");
    const hr = await card("E004", "浦东支行怎么样");
    expect(field(manager, "Open audits")).toBe("0");
    expect(field(hr, "Open audits")).toBe("1");
    expect(codesIn(await card("E043", "open audits"))).toEqual([]);
    expect((await card("E004", "浦东支行进行中的审计")).table?.rows.map((r) => r[0]!.en)).toEqual([
      LEAVES.sealedAhead.post,
    ]);
    expect(field(await card("E043", `${nameOf(LEAVES.sealedAhead.holder)}的状态`), "Mandatory leave")).toBe("None");
    expect(field(await card("E004", `${nameOf(LEAVES.sealedAhead.holder)}的状态`), "Mandatory leave")).toContain(
      LEAVES.sealedAhead.start,
    );
    // The person's audits are read by holder (decision 16.s9d-1): the sealed leave's audit still only for HR.
    expect(field(await card("E043", `${nameOf(LEAVES.sealedAhead.holder)}的状态`), "Off-post audits")).toBe("None");
    expect(field(await card("E004", `${nameOf(LEAVES.sealedAhead.holder)}的状态`), "Off-post audits")).toContain(
      LEAVES.sealedAhead.post,
    );
  });

  it.each([
    ["E025", "BR1-01"],
    ["E017", "BR1"],
    ["E003", "HO"],
  ] as const)("overdue rotations and rotations due within 30 days, as %s", async (asker, unit) => {
    expect(codesIn(await card(asker, "overdue rotations"))).toEqual(rotationsDue(unit, null));
    expect(codesIn(await card(asker, "轮岗超期的有哪些"))).toEqual(rotationsDue(unit, null));
    const due = await card(asker, "who is due for rotation in 30 days");
    expect(new Set(codesIn(due))).toEqual(new Set(rotationsDue(unit, 30)));
    // The due list names how many are already overdue, so none is hidden.
    expect(field(due, "Also overdue (ask “overdue rotations”)")).toBe(String(rotationsDue(unit, null).length));
  });

  it("a long list comes a page at a time; the More button re-asks for the next page, once, for its own asker", async () => {
    const expected = rotationsDue("HO", 400);
    expect(expected.length).toBeGreaterThan(10);
    const first = await card("E003", "rotations due within 400 days");
    expect(first.table?.rows).toHaveLength(10);
    const more = first.actions.find((a) => a.label.en.startsWith("More"))!;
    expect(more).toBeDefined();
    // Someone else pressing it: refused, nothing shown.
    expect(
      await pressAction(s.kernel, actions, { token: more.token }, { personId: s.ids.E025!, platform: "console" }),
    ).toMatchObject({ ok: false, code: "NOT_AUTHORISED" });
    const second = await pressAction(
      s.kernel,
      actions,
      { token: more.token },
      { personId: s.ids.E003!, platform: "console" },
    );
    expect(second.ok).toBe(true);
    const pages = [...codesIn(first), ...(second.ok && second.card ? codesIn(second.card) : [])];
    expect(new Set(pages).size).toBe(Math.min(expected.length, 20));
    expect(pages.every((c) => expected.includes(c))).toBe(true);
    expect(
      await pressAction(s.kernel, actions, { token: more.token }, { personId: s.ids.E003!, platform: "console" }),
    ).toMatchObject({ ok: false, code: "ALREADY_DONE" });
  });

  it("an ambiguous name gets candidate buttons, not a guess; pressing one answers for that person", async () => {
    const wangs = employees
      .filter((e) => /wang/i.test(e.name_en!))
      .map((e) => e.code!)
      .sort();
    expect(wangs.length).toBeGreaterThan(1);
    const choice = await card("E003", "status of wang");
    expect(choice.fields).toEqual([]);
    expect(choice.actions.map((a) => a.label.en.split(" ").find((w) => /^E\d+$/.test(w))).sort()).toEqual(wangs);
    const pick = choice.actions.find((a) => a.label.en.includes(wangs[1]!))!;
    const pressed = await pressAction(
      s.kernel,
      actions,
      { token: pick.token },
      { personId: s.ids.E003!, platform: "console" },
    );
    expect(pressed.ok && pressed.card && field(pressed.card, "Person")).toContain(wangs[1]);
  });

  it("tolerant names: exact Chinese, English in any order and case, a romanisation variant, a code", async () => {
    for (const text of ["杨超的状态", "status of chao yang", "Yang CHAO status", "E026 status", "how is Chao Yang"]) {
      const person = (await card("E017", text)).fields.find((f) => f.label.en === "Person")?.value;
      expect(person, text).toEqual({ "zh-CN": "杨超（E026）", en: "Chao Yang (E026)" });
    }
    expect(field(await card("E003", "status of Wei Wong"), "Person")).toBe("Wei Wang (E001)");
  });

  it("scope: a sub-branch manager is refused another branch and anyone outside their units", async () => {
    const out = await ask(
      s.kernel,
      askQuestion,
      { text: "浦东支行怎么样" },
      { personId: s.ids.E025!, platform: "console" },
    );
    expect(out).toMatchObject({ ok: false, code: "OUT_OF_SCOPE" });
    // Someone the bank has elsewhere is outside the asker's units (not "not found"); nobody at all is not found.
    expect(
      await ask(
        s.kernel,
        askQuestion,
        { text: `${nameOf("E044")}的状态` },
        { personId: s.ids.E025!, platform: "console" },
      ),
    ).toMatchObject({ ok: false, code: "OUT_OF_SCOPE" });
    expect(
      await ask(
        s.kernel,
        askQuestion,
        { text: "who holds P-BR2-01-TELLER" },
        { personId: s.ids.E025!, platform: "console" },
      ),
    ).toMatchObject({ ok: false, code: "OUT_OF_SCOPE" });
    expect((await card("E025", "欧阳锋的状态")).title.en).toContain("No person named");
    expect(field(await card("E043", `${nameOf("E044")}的状态`), "Person")).toContain("E044");
  });

  it("the whole bank named is a unit named: refused to a sub-branch's manager, answered to the head office", async () => {
    for (const text of ["全行超期未轮岗名单", "list overdue rotations for the whole bank pls"]) {
      const out = await ask(s.kernel, askQuestion, { text }, { personId: s.ids.E043!, platform: "console" });
      expect(out, text).toMatchObject({ ok: false, code: "OUT_OF_SCOPE" });
      expect(codesIn(await card("E001", text)), text).toEqual(rotationsDue("HO", null));
    }
    // Not named, the asker's own units are answered as before.
    expect(codesIn(await card("E043", "超期未轮岗名单"))).toEqual(rotationsDue("BR2-01", null));
  });

  it("a horizon named by a month or quarter reaches its last day, and the title says that day", async () => {
    const days = (Date.parse("2027-03-31") - Date.parse(TODAY)) / 86_400_000;
    for (const text of ["who is due in March", "三月份到期的轮岗", "3月底前到期的轮岗", "rotations due by end of Q1"]) {
      const answer = await card("E001", text);
      expect(codesIn(answer), text).toEqual(rotationsDue("HO", days));
      expect(answer.title.en, text).toBe(`Rotations due by 2027-03-31 (within ${days} days)`);
      expect(answer.title["zh-CN"], text).toBe(`截至 2027-03-31 到期（${days} 天内）的轮岗`);
    }
  });

  it("a post's code typed without its prefix is that unit's post of that role", async () => {
    for (const text of ["who is the br2-01-teller now", "BR2-01-TELLER 现在是谁"])
      expect(codesIn(await card("E043", text)), text).toEqual(["E044"]);
  });

  it("a unit's status lists its holders who stand out, in the reader's language, a started leave shown", async () => {
    const haidian = await card("E034", "status of Haidian");
    const all = holdings
      .filter((h) => unitOfPost(h.post_code!) === "BR1-02")
      .map((h) => h.employee_code!)
      .sort();
    // Those on leave, overdue or due within 90 days; the others are counted, and listed when asked for.
    const standOut = [
      ...new Set([...rotationsDue("BR1-02", null), ...rotationsDue("BR1-02", 90), LEAVES.started.holder]),
    ]
      .filter((c) => all.includes(c))
      .sort();
    expect(standOut.length).toBeLessThan(all.length);
    expect(codesIn(haidian)).toEqual(standOut);
    expect(field(haidian, "Key-post holders")).toBe(String(all.length));
    for (const text of ["who holds key posts in Haidian", "海淀支行关键岗位人员名单", "haidian key post holders"])
      expect(codesIn(await card("E034", text)), text).toEqual(all);
    expect(field(await card("E034", "海淀支行有几个关键岗位"), "Total")).toBe(
      String(posts.filter((p) => p.unit_code === "BR1-02" && p.active === "true").length),
    );
    const started = haidian.table!.rows.find((r) => r[0]!.en.includes(LEAVES.started.holder))!;
    expect(started[3]!.en).toContain("on leave");
    for (const cell of haidian.table!.rows.flat()) expect(cell.en).not.toMatch(/[\u4e00-\u9fff]/);
    // The sealed leave ahead is not marked for the Pudong manager, whose holders are all listed.
    const pudong = await card("E043", "浦东支行的情况");
    expect(pudong.table!.rows.map((r) => r[3]!["zh-CN"]).join()).not.toContain("休假");
  });

  it("a post asked by its code is that post, in any case (issue #17), and a person's rotation date by name", async () => {
    const holder = holdings.find((h) => h.post_code === "P-BR1-01-TELLER")!.employee_code!;
    for (const text of ["who took over P-BR1-01-TELLER", "who holds p-br1-01-teller", "朝阳支行柜员是谁"])
      expect(field(await card("E017", text), "Holds it now"), text).toContain(holder);
    const due = await card("E025", `${nameOf(holder)}什么时候该轮岗`);
    expect(field(due, "Rotation due")).toMatch(/^2026-12-05 /);
  });

  it("one person's dates asked as a manager would: how long they may stay, since when, mandatory leave due", async () => {
    const h = holdings.find((x) => x.post_code === "P-BR1-01-TELLER")!;
    const limit = deadline(h.start_date!, 12);
    for (const text of [`${nameOf(h.employee_code!)}还能在岗多久`, "how much longer can Chao Yang stay put"])
      expect(field(await card("E025", text), "Rotation due"), text).toMatch(new RegExp(`^${limit} `));
    for (const text of [`${nameOf(h.employee_code!)}什么时候上岗的`, "since when has Chao Yang held the post"])
      expect(field(await card("E025", text), "Key posts (since → rotation limit)"), text).toContain(
        `(${h.start_date} →`,
      );
    // No leave yet: the leave clock runs from the holding's start, every 12 months.
    for (const text of [`${nameOf(h.employee_code!)}什么时候该休强制休假`, "when is Chao Yang's mandatory leave due"])
      expect(field(await card("E025", text), "Next mandatory leave due"), text).toMatch(
        new RegExp(`^${deadline(h.start_date!, 12)} `),
      );
    // A leave taken (started and ended) restarts the clock from its last day.
    const vault = await card("E034", `${nameOf(LEAVES.started.holder)}下次强制休假最晚哪天开始`);
    expect(field(vault, "Next mandatory leave due")).toMatch(new RegExp(`^${deadline(LEAVES.started.end, 12)} `));
  });

  it("a corrected subject is answered about the one named last, and the answer says how it was read", async () => {
    const corrected = await card("E005", "张建华 no wait 李勇 的轮岗截止日");
    expect(field(corrected, "Person")).toContain("E022");
    expect(corrected.footer?.["zh-CN"]).toContain("李勇");
    expect(field(await card("E003", "status of Na Wang, sorry I meant Yong Li"), "Person")).toContain("E022");
  });

  it("a client named with one slip, in either language, is found within the asker's units, not refused", async () => {
    const clients = csv("clients");
    const c = clients.find((x) => x.code === "C001")!;
    for (const text of ["who serves Beijing Hengtong Tradng", "北京恒通商贸有线公司由谁服务"])
      expect(field(await card("E025", text), "Now"), text).toContain(c.manager_code!);
    // The same legal name in two sub-branches, typed in part: both, each with its manager.
    const namesakes = clients.filter((x) => x.name_en!.startsWith("Beijing Dongfang Textiles"));
    const both = await card("E017", "who serves Beijing Dongfang Textiles");
    expect(both.table!.rows.map((r) => r[0]!.en).sort()).toEqual(namesakes.map((x) => x.code).sort());
  });

  it("lists narrowed to a role or a category of post: holders, overdue, due, and the posts counted", async () => {
    const ofRole = (zh: string) => posts.filter((p) => p.name!.includes(zh) && p.active === "true");
    const heldIn = (ps: typeof posts) =>
      holdings
        .filter((h) => ps.some((p) => p.code === h.post_code))
        .map((h) => h.employee_code!)
        .sort();
    const tellers = ofRole("柜员");
    for (const text of ["who are the tellers", "全行的柜员是谁"])
      expect(codesIn(await card("E003", text)), text).toEqual(heldIn(tellers));
    const overdueTellers = rotationsDue("HO", null).filter((c) => heldIn(tellers).includes(c));
    expect(codesIn(await card("E003", "which tellers are overdue for rotation"))).toEqual(overdueTellers);
    expect(field(await card("E003", "how many teller posts are key posts"), "Total")).toBe(String(tellers.length));
    const operations = posts.filter((p) => p.category === "operations" && p.active === "true");
    expect(field(await card("E003", "操作类关键岗位有几个"), "Total")).toBe(String(operations.length));
    // A role nobody holds in the asker's units is an empty list, not another unit's post.
    expect(codesIn(await card("E043", "who are the risk officers"))).toEqual([]);
  });

  it("mandatory leave owed: overdue and due within N days as the early warnings count them, the leave clock restarted by a leave taken", async () => {
    // The leave clock: the end of the last leave that has started, else the holding's start; every 12 months.
    const taken = new Map<string, string>([LEAVES.started, LEAVES.startedHead].map((l) => [l.holder, l.end]));
    const dueOf = (h: (typeof holdings)[number]) => deadline(taken.get(h.employee_code!) ?? h.start_date!, 12);
    const horizon = new Date(Date.parse(TODAY) + 60 * 86_400_000).toISOString().slice(0, 10);
    const overdue = holdings
      .filter((h) => dueOf(h) < TODAY)
      .map((h) => h.employee_code!)
      .sort();
    const due60 = holdings
      .filter((h) => dueOf(h) >= TODAY && dueOf(h) <= horizon)
      .map((h) => h.employee_code!)
      .sort();
    expect(overdue).not.toContain(LEAVES.started.holder);
    for (const text of ["who is overdue for mandatory leave", "强制休假逾期的人员"])
      expect(codesIn(await card("E003", text)), text).toEqual(overdue);
    for (const text of ["mandatory leave due within 60 days", "60天内应休强制休假的人"])
      expect(codesIn(await card("E003", text)), text).toEqual(due60);
    // Nobody took a qualifying leave in the last 12 months but the two whose leave started.
    const uncovered = await card("E003", "who has had no mandatory leave in the last 12 months");
    expect(codesIn(uncovered)).not.toContain(LEAVES.started.holder);
    expect(codesIn(uncovered).length).toBeGreaterThan(0);
  });

  it("clients counted per unit, and both rotation lists at once", async () => {
    const clients = csv("clients");
    for (const text of ["how many clients in pudong", "浦东支行有多少客户"])
      expect(field(await card("E003", text), "Total"), text).toBe(
        String(clients.filter((c) => c.unit_code === "BR2-01").length),
      );
    expect(field(await card("E043", "how many clients do we have"), "Total")).toBe(
      String(clients.filter((c) => subtree("BR2-01").has(c.unit_code!)).length),
    );
    const both = [...rotationsDue("BR1", null), ...rotationsDue("BR1", 30)].sort();
    for (const text of ["who is overdue or due within 30 days", "超期和即将到期（30天内）的"])
      expect(codesIn(await card("E017", text)), text).toEqual(both);
  });

  it("a typo is read as the nearest keyword and the answer says which reading it used", async () => {
    const typed = await card("E017", "who is overdeu for rotaton in haidian");
    expect(codesIn(typed)).toEqual(rotationsDue("BR1-02", null));
    expect(typed.footer?.en).toBe("I read this as: overdue rotations in Haidian Sub-branch");
    expect((await card("E017", "海淀论岗超期")).footer?.["zh-CN"]).toBe("按此理解：海淀支行轮岗已超期");
    expect((await card("E017", "who is overdue for rotation in haidian")).footer).toBeUndefined();
  });

  it("an unsure reading names a unit: its status, and the answer says it read it so", async () => {
    const guessed = await card("E017", "haidian again");
    expect(guessed.footer?.en).toBe("I read this as: a unit's status in Haidian Sub-branch");
    expect((await card("E017", "status of haidian")).footer).toBeUndefined();
  });

  it("who runs a unit is its manager by role; the holders ranked by time in post", async () => {
    const managers = (unit: string) =>
      csv("employees")
        .filter((e) => (e.roles ?? "").split(";").includes(`manager@${unit}`))
        .map((e) => e.code!);
    for (const text of ["who runs the pudong sub-branch", "谁是浦东支行的负责人"])
      expect(codesIn(await card("E003", text)), text).toEqual(managers("BR2-01"));
    const longest = await card("E017", "who has been in post longest");
    expect(longest.footer).toBeUndefined();
    expect(codesIn(longest)).toHaveLength(1);
  });

  it("the register's history: who serves a client, who holds a post", async () => {
    const clients = csv("clients");
    const c = clients[0]!;
    expect(field(await card("E017", `who serves client ${c.code}`), "Now")).toContain(c.manager_code!);
    const holder = holdings.find((h) => h.post_code === "P-BR2-01-TELLER")!;
    expect(field(await card("E004", "谁接了浦东支行柜员"), "Holds it now")).toContain(holder.employee_code!);
  });

  it("a person's clients counted, namesake clients answered together, a post's holder with their rotation date", async () => {
    const clients = csv("clients");
    const rm = clients[0]!.manager_code!;
    const theirs = clients.filter((c) => c.manager_code === rm);
    for (const text of [`${nameOf(rm)}名下有多少客户`, `how many clients does ${rm} serve`]) {
      const answer = await card("E001", text);
      expect(field(answer, "Total"), text).toBe(String(theirs.length));
      for (const cell of answer.table!.rows.flat()) expect(cell.en).not.toMatch(/[\u4e00-\u9fff]/);
    }
    // The same legal name booked in two sub-branches: both, each with its own manager.
    const name = clients.map((c) => c.name!).find((n, i, all) => all.indexOf(n) !== i)!;
    const namesakes = clients.filter((c) => c.name === name);
    expect(namesakes.length).toBeGreaterThan(1);
    const both = await card("E017", `${name}由谁服务`);
    expect(both.table!.rows.map((r) => r[0]!.en).sort()).toEqual(namesakes.map((c) => c.code!).sort());
    for (const c of namesakes)
      expect(
        both
          .table!.rows.flat()
          .map((x) => x.en)
          .join(),
      ).toContain(c.manager_code!);
    // A post named by its role and unit in a rotation question: its holder and their date.
    const head = holdings.find((h) => h.post_code === "P-BR1-HEAD")!;
    const dated = await card("E001", "北京分行行长任期什么时候到");
    expect(field(dated, "Holds it now")).toContain(head.employee_code!);
    expect(field(dated, "Rotation due")).toBe(deadline(head.start_date!, 36));
  });

  it("a unit's staff counted: everyone whose home unit is there, on leave or not, the sealed leave's holder like anyone", async () => {
    const staffOf = (unit: string) =>
      employees
        .filter((e) => subtree(unit).has(e.unit_code!) && e.status !== "left")
        .map((e) => e.code!)
        .sort();
    for (const text of [
      "how many staff in pudong",
      "浦东支行有多少员工",
      "headcount pudong",
      "how many employes at pudong",
    ]) {
      const answer = await card("E043", text);
      expect(field(answer, "Total"), text).toBe(String(staffOf("BR2-01").length));
      // The holder whose sealed leave is ahead is staff like the others: the count tells nothing of it.
      expect(answer.table!.rows.map((r) => r[0]!.en).join(), text).toContain(LEAVES.sealedAhead.holder);
    }
    // HR sees the sealed leave, the Pudong manager does not: their answers are the same, so it tells nothing.
    const asHr = await card("E004", "how many staff in pudong");
    const asManager = await card("E043", "how many staff in pudong");
    expect(JSON.stringify([asHr.fields, asHr.table])).toBe(JSON.stringify([asManager.fields, asManager.table]));
    expect(field(await card("E017", "how many employees in beijing branch incl sub-branches"), "Total")).toBe(
      String(staffOf("BR1").length),
    );
    expect(
      await ask(
        s.kernel,
        askQuestion,
        { text: "how many staff in pudong" },
        { personId: s.ids["E025"]!, platform: "console" },
      ),
    ).toMatchObject({
      ok: false,
      code: "OUT_OF_SCOPE",
    });
  });

  it("who covers for someone: their leave's substitute, the sealed leave ahead only for HR and compliance", async () => {
    const nameEn = (code: string) => employees.find((e) => e.code === code)!.name_en!;
    const { openAhead, started, sealedAhead } = LEAVES;
    for (const text of [
      `who covers for ${nameEn(openAhead.holder)}`,
      `${nameOf(openAhead.holder)}的代岗人是谁`,
      `谁替${nameOf(openAhead.holder)}顶岗`,
      `who is ${nameEn(openAhead.holder)}'s substitute`,
    ])
      expect(codesIn(await card("E025", text)), text).toEqual([openAhead.substitute]);
    // A sealed leave that has started is revealed: its substitute is told.
    expect(codesIn(await card("E034", `${nameOf(started.holder)}休假期间谁代岗`))).toEqual([started.substitute]);
    // The sealed leave ahead: nothing for the Pudong manager (as for someone with no leave), its substitute for HR.
    const manager = await card("E043", `who is standing in for ${nameEn(sealedAhead.holder)}`);
    expect(codesIn(manager)).toEqual([]);
    expect(JSON.stringify(manager)).not.toContain(sealedAhead.substitute);
    expect(JSON.stringify(manager)).not.toContain(sealedAhead.start);
    expect(codesIn(await card("E004", `who is standing in for ${nameEn(sealedAhead.holder)}`))).toEqual([
      sealedAhead.substitute,
    ]);
    expect(
      await ask(
        s.kernel,
        askQuestion,
        { text: `who covers for ${nameEn(openAhead.holder)}` },
        { personId: s.ids["E043"]!, platform: "console" },
      ),
    ).toMatchObject({ ok: false, code: "OUT_OF_SCOPE" });
  });

  it("a unit's name with a slip is read and said; one post's policy names its holder and rotation date", async () => {
    const typed = await card("E017", "chaoyan overdue rotations");
    expect(codesIn(typed)).toEqual(rotationsDue("BR1-01", null));
    expect(typed.footer?.en).toBe("I read this as: overdue rotations in Chaoyang Sub-branch");
    const head = holdings.find((h) => h.post_code === "P-BR1-HEAD")!;
    for (const text of ["北京分行行长岗位的任职期限", "tenure limit of the beijing branch head post"]) {
      const policy = await card("E001", text);
      expect(field(policy, "Holder"), text).toContain(head.employee_code!);
      expect(field(policy, "Rotation due"), text).toBe(deadline(head.start_date!, 36));
    }
  });

  it("suspension: a manager on mandatory leave may ask nothing about their units (only for help), and is refused as SUSPENDED", async () => {
    const head = { personId: s.ids[LEAVES.startedHead.holder]!, platform: "console" as const };
    for (const text of ["谁在休假", "status of Shanghai branch", "key figures"])
      expect(await ask(s.kernel, askQuestion, { text }, head)).toMatchObject({ ok: false, code: "SUSPENDED" });
    expect(await ask(s.kernel, askQuestion, { text: "help" }, head)).toMatchObject({
      ok: true,
      value: { title: { en: "What you can ask" } },
    });
    // The same manager's units are answered to HR over the branch, their own leave included.
    expect(codesIn(await card("E004", "谁在休假"))).toContain(LEAVES.startedHead.holder);
  });

  it("not understood: the help card with examples, in both languages", async () => {
    for (const text of ["今天天气怎么样", "asdfgh jkl", "book a meeting room"]) {
      const help = await card("E017", text);
      expect(help.title.en).toBe("I did not understand that");
      expect(help.text?.["zh-CN"]).toContain("谁在休假");
    }
  });
});

// The web dashboard in a real browser: Debian's Chromium driven by playwright-core against the
// running service (the demo bank, a sealed leave planned by HR). Signs in with the link the chat
// command gives, reads every chart's numbers from the page and compares them with the report
// functions `keypost export` runs, checks that an outsider sees the sealed leave nowhere (pages,
// charts, CSV), refuses reused and expired links, and saves screenshots for the README.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeChatCommand } from "../../../src/app/chat-commands/chat-command.router.ts";
import { dashboardOverview, trendInstants } from "../../../src/app/dashboard/dashboard.query.ts";
import { execute } from "../../../src/app/kernel/execute.ts";
import { planLeave } from "../../../src/app/leave/plan-leave.ts";
import { auditTimelinessReport } from "../../../src/app/reports/audit-timeliness.report.ts";
import { leaveCoverageReport } from "../../../src/app/reports/leave-coverage.report.ts";
import { rectificationClosureReport } from "../../../src/app/reports/rectification-closure.report.ts";
import type { Figure, ReportDeps } from "../../../src/app/reports/report-context.ts";
import { rotationComplianceReport } from "../../../src/app/reports/rotation-compliance.report.ts";
import type { Actor } from "../../../src/domain/access/roles.ts";
import { loadConfig } from "../../../src/infra/config.ts";
import { reportDepsOf } from "../../../src/infra/db/reports/report-sources.ts";
import { loadDemoBank } from "../../../src/cli/load-demo-bank.ts";
import { silentLogger } from "../../../src/infra/logger.ts";
import { startService, type Service } from "../../../src/main.ts";
import { FixedClock } from "../../../src/infra/fixed-clock.ts";
import { testDatabase, type TestDatabase } from "../../support/databases.ts";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SHOTS = join(import.meta.dirname, "..", "..", "..", "docs", "screenshots");
const AT = "2026-12-04T02:00:00Z"; // Friday 10:00 in Shanghai
/** The sealed leave's first day: it must appear for compliance and nowhere for the outsider. */
const SEALED_START = "2026-12-14";
const PAGES = ["/app", "/app/warnings", "/app/trend", "/app/unit?code=BR1-01"];

let db: TestDatabase;
let service: Service;
let browser: Browser;
let deps: ReportDeps;
const clock = new FixedClock(AT);
const ids: Record<string, string> = {};

async function personId(code: string): Promise<string> {
  const person = await service.kernel.uow.read((tx) => tx.people.byCode(code));
  if (!person) throw new Error(`no ${code}`);
  return person.id;
}

async function actor(code: string): Promise<Actor> {
  const a = await deps.queries.actorByCode(code);
  if (!a) throw new Error(`no ${code}`);
  return a;
}

/** The link `/keypost dashboard` answers, as the person would get it in chat. */
async function linkFor(code: string): Promise<string> {
  const reply = await routeChatCommand({ kernel: service.kernel }, "dashboard", {
    personId: await personId(code),
    platform: "slack",
  });
  expect(reply.kind).toBe("text");
  const text = reply.kind === "text" ? reply.text.en : "";
  const url = /https?:\/\/\S+/.exec(text)?.[0];
  expect(url, text).toBeDefined();
  return url!;
}

async function signIn(code: string, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(await linkFor(code));
  await page.getByRole("button").first().click();
  await page.waitForURL(/\/app$/);
  return context;
}

interface Mark {
  key: string;
  numerator: number;
  denominator: number;
}

async function marks(page: Page, chart: string, selector: string): Promise<Mark[]> {
  return page.locator(`[data-chart="${chart}"] ${selector}`).evaluateAll((nodes) =>
    nodes.map((n) => ({
      key: n.getAttribute("data-key") ?? "",
      numerator: Number(n.getAttribute("data-numerator")),
      denominator: Number(n.getAttribute("data-denominator")),
    })),
  );
}

const nd = (f: Figure) => ({ numerator: f.numerator, denominator: f.denominator });

/** Per unit from the report's own rows: the n/d a bar must show. */
function perUnit(rows: readonly { unitCode: string }[], counts: (r: never) => boolean): Map<string, Mark> {
  const out = new Map<string, Mark>();
  for (const r of rows) {
    const m = out.get(r.unitCode) ?? { key: r.unitCode, numerator: 0, denominator: 0 };
    out.set(r.unitCode, {
      ...m,
      numerator: m.numerator + (counts(r as never) ? 1 : 0),
      denominator: m.denominator + 1,
    });
  }
  return out;
}

async function everyText(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  let all = "";
  for (const path of PAGES) {
    const response = await page.goto(path.startsWith("http") ? path : `${service.url}${path}`);
    expect(response?.status(), path).toBe(200);
    all += await page.content();
    for (const href of await page.locator("a.csv").evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
      const csv = await context.request.get(`${service.url}${href}`);
      expect(csv.status(), String(href)).toBe(200);
      all += await csv.text();
    }
  }
  await page.close();
  return all;
}

describe("the web dashboard in Chromium", () => {
  beforeAll(async () => {
    db = await testDatabase("sqlite");
    await loadDemoBank(db, clock);
    service = await startService(
      loadConfig({ PORT: "0", DATABASE_URL: db.url, KEYPOST_SCHEDULER: "off", LOG_LEVEL: "silent" }),
      { clock, log: silentLogger },
    );
    deps = reportDepsOf(service.db);
    for (const code of ["E003", "E005", "E006", "E025", "E026"]) ids[code] = await personId(code);
    // HR plans a sealed mandatory leave for the Chaoyang teller: compliance sees it, the
    // sub-branch's manager must not until it starts.
    const planned = await execute(
      service.kernel,
      planLeave,
      { post: "P-BR1-01-TELLER", startDate: SEALED_START, endDate: "2026-12-18", kind: "regular", trigger: "periodic" },
      { personId: ids.E003!, platform: "slack" },
    );
    expect(planned.ok, JSON.stringify(planned)).toBe(true);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await db?.drop();
  });

  it("signs in with the link of the dashboard command and shows the person's language", async () => {
    const context = await signIn("E006"); // compliance, zh-CN (the organisation's default)
    const page = context.pages()[0]!;
    await expect(page.locator("h1").textContent()).resolves.toBe("全行概览");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("zh-CN");
    const cookie = (await context.cookies()).find((c) => c.name === "keypost_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/app" });
    await context.close();
  });

  it("draws every chart with the report figures (overview by unit, 12-month trend)", async () => {
    const viewer = await actor("E006");
    const now = { now: clock.now() };
    const context = await signIn("E006");
    const page = context.pages()[0]!;
    const rotation = await rotationComplianceReport(deps, viewer, now);
    const leave = await leaveCoverageReport(deps, viewer, now);
    const audits = await auditTimelinessReport(deps, viewer, now);
    const rect = await rectificationClosureReport(deps, viewer, now);
    const groups = (g: readonly (Figure & { unitCode: string })[]) => {
      const out = new Map<string, Mark>();
      for (const f of g) {
        const m = out.get(f.unitCode) ?? { key: f.unitCode, numerator: 0, denominator: 0 };
        out.set(f.unitCode, { ...m, numerator: m.numerator + f.numerator, denominator: m.denominator + f.denominator });
      }
      return [...out.values()].filter((m) => m.denominator > 0).sort((a, b) => (a.key < b.key ? -1 : 1));
    };
    const sorted = (m: Map<string, Mark>) => [...m.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(await marks(page, "units-rotation", ".bar")).toEqual(groups(rotation.byUnitCategory));
    expect(await marks(page, "units-leave", ".bar")).toEqual(groups(leave.byUnitCategory));
    expect(await marks(page, "units-audits", ".bar")).toEqual(
      sorted(perUnit(audits.rows, (r: { onTime: boolean }) => r.onTime)),
    );
    expect(await marks(page, "units-rectification", ".bar")).toEqual(
      sorted(perUnit(rect.rows, (r: { closed: boolean }) => r.closed)),
    );
    expect((await marks(page, "units-rotation", ".bar")).length).toBeGreaterThan(3);
    const tiles = await page
      .locator(".tile")
      .evaluateAll((ts) =>
        ts.map((t) => [
          t.getAttribute("data-figure"),
          Number(t.getAttribute("data-numerator")),
          Number(t.getAttribute("data-denominator")),
        ]),
      );
    expect(tiles).toEqual([
      ["rotation", rotation.total.numerator, rotation.total.denominator],
      ["leave", leave.total.numerator, leave.total.denominator],
      ["audits", audits.total.numerator, audits.total.denominator],
      ["rectification", rect.total.numerator, rect.total.denominator],
    ]);

    await page.goto(`${service.url}/app/trend`);
    const instants = trendInstants(clock.now());
    expect(instants).toHaveLength(12);
    const expected = { rotation: [] as Mark[], leave: [] as Mark[], audits: [] as Mark[], rectification: [] as Mark[] };
    for (const at of instants) {
      const e = { now: at };
      const key = at.toISOString().slice(0, 7);
      expected.rotation.push({ key, ...nd((await rotationComplianceReport(deps, viewer, e)).total) });
      expected.leave.push({ key, ...nd((await leaveCoverageReport(deps, viewer, e)).total) });
      expected.audits.push({ key, ...nd((await auditTimelinessReport(deps, viewer, e)).total) });
      expected.rectification.push({ key, ...nd((await rectificationClosureReport(deps, viewer, e)).total) });
    }
    // A figure with nothing to count in any month is said in words, not drawn as an empty frame.
    for (const f of ["rotation", "leave", "audits", "rectification"] as const)
      expect(await marks(page, `trend-${f}`, ".point"), f).toEqual(
        expected[f].every((m) => m.denominator === 0) ? [] : expected[f],
      );
    expect(await marks(page, "trend-rotation", ".point")).toHaveLength(12);
    // The last point is the overview's total.
    expect(expected.rotation.at(-1)).toMatchObject(nd(rotation.total));
    await context.close();
  }, 120_000);

  it("shows compliance the sealed leave, and an outsider nowhere — text, charts or CSV", async () => {
    const insider = await signIn("E006");
    const seen = await everyText(insider);
    expect(seen).toContain(SEALED_START);
    await insider.close();

    const outsider = await signIn("E025"); // manager of BR1-01, where the teller works
    const text = await everyText(outsider);
    expect(text).not.toContain(SEALED_START);
    // Its numbers are the reports' as the manager sees them: the planned leave is not counted.
    const o = await dashboardOverview(deps, await actor("E025"), { now: clock.now() });
    const asCompliance = await leaveCoverageReport(deps, await actor("E006"), { now: clock.now() });
    const tellerRow = asCompliance.rows.find((r) => r.postCode === "P-BR1-01-TELLER");
    expect(tellerRow?.planned?.startDate).toBe(SEALED_START);
    const asManager = await leaveCoverageReport(deps, await actor("E025"), { now: clock.now() });
    expect(asManager.rows.find((r) => r.postCode === "P-BR1-01-TELLER")?.planned).toBeNull();
    expect(o.coveredOrPlanned).toEqual(asManager.coveredOrPlanned);
    const page = outsider.pages()[0]!;
    await page.goto(`${service.url}/app`);
    const csv = await outsider.request.get(`${service.url}/app?csv=figures`);
    const planned = (await csv.text()).split("\n").find((l) => l.includes("incl. planned"));
    expect(planned).toBe(
      `Leave coverage incl. planned,leave-coverage,${o.coveredOrPlanned.numerator},${o.coveredOrPlanned.denominator},${o.coveredOrPlanned.ratio === null ? "" : Number(o.coveredOrPlanned.ratio.toFixed(6))}`,
    );
    await outsider.close();
  }, 120_000);

  it("refuses a link used twice, in the person's language", async () => {
    const link = await linkFor("E025"); // English
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/app$/);
    const again = await browser.newContext();
    const other = await again.newPage();
    const response = await other.goto(link);
    expect(response?.status()).toBe(410);
    await expect(other.locator("[data-refusal]").getAttribute("data-refusal")).resolves.toBe("used");
    await expect(other.locator("[data-refusal]").textContent()).resolves.toContain("already been used");
    const post = await again.request.post(`${service.url}/app/sign-in`, {
      form: { token: new URL(link).searchParams.get("token")! },
    });
    expect(post.status()).toBe(410);
    const blocked = await again.request.get(`${service.url}/app`);
    expect(blocked.status()).toBe(401);
    await first.close();
    await again.close();
  });

  it("saves screenshots of the main pages in both languages (laptop and phone)", async () => {
    const context = await signIn("E006");
    const page = context.pages()[0]!;
    for (const locale of ["zh-CN", "en"] as const) {
      if (locale === "en") {
        await page.goto(`${service.url}/app`);
        await page.getByRole("button", { name: /English/ }).click();
        await page.waitForURL(/\/app$/);
        await expect(page.locator("h1").textContent()).resolves.toBe("The bank at a glance");
      }
      for (const [name, path] of [
        ["overview", "/app"],
        ["warnings", "/app/warnings"],
        ["trend", "/app/trend"],
        ["unit", "/app/unit?code=BR1-01"],
      ] as const) {
        await page.goto(`${service.url}${path}`);
        await page.screenshot({ path: join(SHOTS, `${name}-${locale}.png`), fullPage: true });
      }
    }
    await context.close();
    const phone = await signIn("E005", { width: 390, height: 844 });
    await phone.pages()[0]!.screenshot({ path: join(SHOTS, "overview-phone-en.png"), fullPage: true });
    await phone.close();
  }, 120_000);

  it("refuses a link opened after 5 minutes, in the person's language", async () => {
    const link = await linkFor("E003"); // HR, Chinese (E006 chose English above)
    clock.advance(5 * 60_000 + 1000);
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(link);
    expect(response?.status()).toBe(410);
    await expect(page.locator("[data-refusal]").getAttribute("data-refusal")).resolves.toBe("expired");
    await expect(page.locator("[data-refusal]").textContent()).resolves.toContain("已过期");
    await context.close();
  });
});

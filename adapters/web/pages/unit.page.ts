// A unit's page: the four figures, the holders with their tenure limits and the warnings of the
// unit and the units under it — the same reports run within its subtree (ReportEnv.within), so
// they read only that part of the bank. A unit outside the viewer's scope is 404. The holders are
// read a page at a time (unit-holders.query.ts): the head office's page lists ~19 000.
import {
  dashboardOverview,
  dashboardWarnings,
  DASHBOARD_FIGURES,
  unitsInScope,
} from "../../../src/app/dashboard/dashboard.query.ts";
import { unitHolders } from "../../../src/app/dashboard/unit-holders.query.ts";
import { pct } from "../charts.svg.ts";
import { html } from "../html.ts";
import { FIGURE_NAME, MSG } from "../web-messages.ts";
import { pageWindow, type WebTable } from "../web-table.ts";
import { asOfText, say, type Page } from "./page-context.ts";
import { warningsTable } from "./warnings.page.ts";

export const unitPage: Page = async (ctx) => {
  const code = ctx.url.searchParams.get("code") ?? "";
  const unit = (await unitsInScope(ctx.reports, ctx.who.actor)).find((u) => u.code === code);
  if (!unit)
    return {
      title: MSG.unitTitle,
      status: 404,
      tables: [],
      body: () =>
        html`<h1>${say(ctx, MSG.unitTitle)}</h1>
          <p class="notice" role="alert">${say(ctx, MSG.unknownUnit)}</p>`,
    };
  // The reports read only this unit and the units under it (ReportEnv.within); secrecy is the viewer's.
  const env = { now: ctx.now, within: unit.path };
  const o = await dashboardOverview(ctx.reports, ctx.who.actor, env);
  // The holders: only the page shown is read and built (the head office has ~19 000); the CSV has all.
  const window = pageWindow(ctx.url, "holders");
  let holderPage = await unitHolders(ctx.reports, ctx.who.actor, env, window ?? undefined);
  if (window && holderPage.rows.length === 0 && holderPage.total > 0)
    holderPage = await unitHolders(ctx.reports, ctx.who.actor, env, { first: 0, count: window.count });
  const warnings = await dashboardWarnings(ctx.reports, ctx.who.actor, env);
  const holders: WebTable = {
    id: "holders",
    caption: MSG.holders,
    columns: [
      { key: "unit_code", label: MSG.unit },
      { key: "post_code", label: MSG.post },
      { key: "category", label: MSG.category },
      { key: "employee_code", label: MSG.employee },
      { key: "employee_name", label: { "zh-CN": "姓名", en: "Name" } },
      { key: "start_date", label: MSG.startDate },
      { key: "deadline", label: MSG.deadline },
      { key: "days_over", label: { "zh-CN": "超期天数", en: "Days over" }, numeric: true },
    ],
    ...(window ? { window: { first: holderPage.first, total: holderPage.total } } : {}),
    rows: holderPage.rows.map((r) => [
      r.unitCode,
      { text: r.postCode, href: `/app/post?code=${encodeURIComponent(r.postCode)}` },
      r.category,
      r.employeeCode,
      r.employeeName,
      r.startDate,
      r.deadline,
      r.daysOver,
    ]),
  };
  const unitWarnings = warningsTable(ctx, warnings.rows);
  return {
    title: { "zh-CN": `${unit.name}（${unit.code}）`, en: `${unit.name} (${unit.code})` },
    tables: [holders, unitWarnings],
    body: (t) =>
      html`<h1>${unit.name} <span class="muted">${unit.code}</span></h1>
        <p class="asof">${asOfText(ctx, unit.timeZone)}</p>
        <section class="tiles" aria-label="${say(ctx, MSG.total)}">
          ${DASHBOARD_FIGURES.map((f) => {
            const fig = o.totals[f];
            return html`<div
              class="tile"
              data-figure="${f}"
              data-numerator="${fig.numerator}"
              data-denominator="${fig.denominator}"
            >
              <div>${say(ctx, FIGURE_NAME[f])}</div>
              <div class="value">${pct(fig)}</div>
              <div class="hint">${fig.numerator} / ${fig.denominator}</div>
            </div>`;
          })}
        </section>
        <h2>${say(ctx, MSG.holders)}</h2>
        ${t("holders")}
        <h2>${say(ctx, MSG.warningsTitle)}</h2>
        ${t("warnings")}`,
  };
};

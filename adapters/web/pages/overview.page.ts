// The bank at a glance: the four figures for the viewer's scope, then the same four by unit, as
// bar charts and as a table — every number is dashboardOverview's, i.e. the reports'.
import { dashboardOverview, DASHBOARD_FIGURES, FIGURE_REPORT } from "../../../src/app/dashboard/dashboard.query.ts";
import { barChart, pct } from "../charts.svg.ts";
import { html } from "../html.ts";
import { FIGURE_HINT, FIGURE_NAME, MSG } from "../web-messages.ts";
import type { WebTable } from "../web-table.ts";
import { asOfText, figureCells, figureColumns, say, type Page } from "./page-context.ts";

export const overviewPage: Page = async (ctx) => {
  const o = await dashboardOverview(ctx.reports, ctx.who.actor, { now: ctx.now });
  const figures: WebTable = {
    id: "figures",
    caption: MSG.total,
    columns: [
      { key: "figure", label: MSG.figure },
      { key: "report", label: { "zh-CN": "报表", en: "Report" } },
      { key: "numerator", label: MSG.numerator, numeric: true },
      { key: "denominator", label: MSG.denominator, numeric: true },
      { key: "ratio", label: MSG.ratio, numeric: true, percent: true },
    ],
    rows: DASHBOARD_FIGURES.map((f) => [
      say(ctx, FIGURE_NAME[f]),
      FIGURE_REPORT[f],
      o.totals[f].numerator,
      o.totals[f].denominator,
      o.totals[f].ratio,
    ]).concat([
      [
        say(ctx, MSG.coveredOrPlanned),
        "leave-coverage",
        o.coveredOrPlanned.numerator,
        o.coveredOrPlanned.denominator,
        o.coveredOrPlanned.ratio,
      ],
    ]),
  };
  const units: WebTable = {
    id: "units",
    caption: MSG.byUnit,
    columns: [
      { key: "unit_code", label: MSG.unit },
      { key: "unit_name", label: { "zh-CN": "名称", en: "Name" } },
      ...figureColumns(DASHBOARD_FIGURES),
    ],
    rows: o.units.map((l) => [
      { text: l.unit.code, href: `/app/unit?code=${encodeURIComponent(l.unit.code)}` },
      l.unit.name,
      ...figureCells(l.figures, DASHBOARD_FIGURES),
    ]),
  };
  return {
    title: MSG.overviewTitle,
    current: "overview",
    tables: [figures, units],
    body: (table) =>
      html`<h1>${say(ctx, MSG.overviewTitle)}</h1>
        <p class="asof">${asOfText(ctx, ctx.timeZone)}</p>
        <section class="tiles" aria-label="${say(ctx, MSG.total)}">
          ${DASHBOARD_FIGURES.map(
            (f) =>
              html`<div
                class="tile"
                data-figure="${f}"
                data-numerator="${o.totals[f].numerator}"
                data-denominator="${o.totals[f].denominator}"
              >
                <div>${say(ctx, FIGURE_NAME[f])}</div>
                <div class="value">${pct(o.totals[f])}</div>
                <div class="hint">
                  ${o.totals[f].numerator} / ${o.totals[f].denominator} — ${say(ctx, FIGURE_HINT[f])}
                </div>
              </div>`,
          )}
        </section>
        <h2>${say(ctx, MSG.byUnit)}</h2>
        <div class="charts">
          ${DASHBOARD_FIGURES.map(
            (f) =>
              html`<figure>
                <figcaption>${say(ctx, FIGURE_NAME[f])}</figcaption>
                ${barChart(
                  `units-${f}`,
                  `${say(ctx, FIGURE_NAME[f])} — ${say(ctx, MSG.byUnit)}`,
                  o.chart
                    .filter((l) => l.figures[f].denominator > 0)
                    .map((l) => ({ key: l.unit.code, label: l.unit.code, figure: l.figures[f] })),
                  say(ctx, MSG.nothing),
                )}
              </figure>`,
          )}
        </div>
        <h2>${say(ctx, MSG.total)}</h2>
        ${table("figures")}
        <h2>${say(ctx, MSG.byUnit)}</h2>
        ${table("units")}`,
  };
};

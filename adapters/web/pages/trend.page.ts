// The trend over 12 months: each point is the four reports run as of that day of the month
// (dashboardTrend), drawn as lines and listed in a table.
import { dashboardTrend, DASHBOARD_FIGURES } from "../../../src/app/dashboard/dashboard.query.ts";
import { localDateOf } from "../../../src/domain/calendar/index.ts";
import { lineChart } from "../charts.svg.ts";
import { html } from "../html.ts";
import { FIGURE_NAME, MSG } from "../web-messages.ts";
import type { WebTable } from "../web-table.ts";
import { asOfText, figureCells, figureColumns, say, type Page } from "./page-context.ts";

export const trendPage: Page = async (ctx) => {
  const points = await dashboardTrend(ctx.reports, ctx.who.actor, { now: ctx.now });
  const day = (at: Date) => localDateOf(at, ctx.timeZone);
  const table: WebTable = {
    id: "trend",
    caption: MSG.trendTitle,
    columns: [{ key: "as_of", label: MSG.date }, ...figureColumns(DASHBOARD_FIGURES)],
    rows: points.map((p) => [day(p.at), ...figureCells(p.figures, DASHBOARD_FIGURES)]),
  };
  return {
    title: MSG.trendTitle,
    current: "trend",
    tables: [table],
    body: (t) =>
      html`<h1>${say(ctx, MSG.trendTitle)}</h1>
        <p class="asof">${asOfText(ctx, ctx.timeZone)}</p>
        <p class="muted">${say(ctx, MSG.trendNote)}</p>
        <div class="charts">
          ${DASHBOARD_FIGURES.map(
            (f) =>
              html`<figure>
                <figcaption>${say(ctx, FIGURE_NAME[f])}</figcaption>
                ${lineChart(
                  `trend-${f}`,
                  `${say(ctx, FIGURE_NAME[f])} — ${say(ctx, MSG.trendTitle)}`,
                  points.map((p) => ({ label: day(p.at).slice(0, 7), figure: p.figures[f] })),
                  say(ctx, MSG.nothing),
                )}
              </figure>`,
          )}
        </div>
        ${t("trend")}`,
  };
};

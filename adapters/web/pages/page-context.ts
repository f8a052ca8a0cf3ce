// What every dashboard page is given: the signed-in person (as the access rules see them), their
// language, the clock's instant, the reports' read side, and the request's path and query.
import type { DashboardFigure, Figures } from "../../../src/app/dashboard/dashboard.query.ts";
import { pick, type Bilingual, type Locale } from "../../../src/ports/locale.ts";
import type { Kernel } from "../../../src/app/kernel/execute.ts";
import { personLabel as labelOf } from "../../../src/app/people/person-label.ts";
import { localTime, RECORD_WORDS } from "../../../src/app/records/audit-report.html.ts";
import type { DashboardRecords } from "../../../src/ports/dashboard-records.ts";
import type { Who } from "../../../src/app/kernel/use-case.ts";
import type { ReportDeps } from "../../../src/app/reports/report-context.ts";
import type { Html } from "../html.ts";
import type { Shell } from "../layout.ts";
import type { WebColumn, WebTable } from "../web-table.ts";
import { FIGURE_NAME, MSG } from "../web-messages.ts";

export interface PageContext {
  readonly kernel: Kernel;
  readonly reports: ReportDeps;
  /** Audit records, evidence packs and the log (src/ports/dashboard-records.ts). */
  readonly records: DashboardRecords;
  readonly who: Who;
  readonly locale: Locale;
  readonly now: Date;
  /** The viewer's own unit's time zone: instants are shown in it. */
  readonly timeZone: string;
  /** The path asked for, with its query (links back, CSV links). */
  readonly url: URL;
}

export interface PageResult {
  readonly title: Bilingual;
  readonly current?: Shell["current"];
  readonly body: (tables: (id: string) => Html) => Html;
  readonly tables: readonly WebTable[];
  /** 404 when what was asked for is not in the viewer's scope. */
  readonly status?: number;
}

export type Page = (ctx: PageContext) => Promise<PageResult>;

export const say = (ctx: PageContext, text: Bilingual): string => pick(text, ctx.locale);

/** "As of" in the viewer's own unit's time zone, with the zone named. */
export function asOfText(ctx: PageContext, timeZone: string): string {
  const when = new Intl.DateTimeFormat(ctx.locale === "en" ? "en-GB" : "zh-CN", {
    timeZone,
    dateStyle: "medium",
    timeStyle: "short",
  }).format(ctx.now);
  return `${say(ctx, MSG.asOf)}: ${when} (${timeZone})`;
}

/** Columns n / d / ratio for each figure. */
export function figureColumns(figures: readonly DashboardFigure[]): WebColumn[] {
  return figures.flatMap((f) => [
    {
      key: `${f}_numerator`,
      label: { "zh-CN": `${FIGURE_NAME[f]["zh-CN"]}·分子`, en: `${FIGURE_NAME[f].en} · n` },
      numeric: true,
    },
    {
      key: `${f}_denominator`,
      label: { "zh-CN": `${FIGURE_NAME[f]["zh-CN"]}·分母`, en: `${FIGURE_NAME[f].en} · d` },
      numeric: true,
    },
    { key: `${f}_ratio`, label: FIGURE_NAME[f], numeric: true, percent: true },
  ]);
}

export function figureCells(figures: Figures, which: readonly DashboardFigure[]): (number | null)[] {
  return which.flatMap((f) => [figures[f].numerator, figures[f].denominator, figures[f].ratio]);
}

/** A person as every surface names them (src/app/people/person-label.ts), in the viewer's language. */
export function personLabel(
  ctx: PageContext,
  p: { readonly code: string; readonly name: string; readonly nameEn?: string | null } | undefined,
): string {
  if (!p) return "—";
  if (p.name === "") return p.code;
  return pick(labelOf({ code: p.code, name: p.name, nameEn: p.nameEn ?? null }), ctx.locale);
}

/** A stored word (result, severity, state, kind) in the viewer's language; unknown words as they are. */
export function word(ctx: PageContext, w: string | null | undefined): string {
  if (w === null || w === undefined || w === "") return "—";
  const label = RECORD_WORDS[w];
  return label ? say(ctx, label) : w;
}

/** An instant as local time in a zone ("2026-12-07 10:00"); empty when none. */
export function localWhen(d: Date | null | undefined, timeZone: string): string {
  return d ? localTime(d, timeZone) : "";
}

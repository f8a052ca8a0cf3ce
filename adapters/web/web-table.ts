// A table the dashboard shows and lets download: columns with a stable CSV name and a label in
// the person's language, rows of plain values. The HTML and the CSV come from the same rows.
import { tableToCsv } from "../../src/app/reports/report-export.ts";
import { pick, type Bilingual, type Locale } from "../../src/ports/locale.ts";
import { html, type Html } from "./html.ts";
import { MSG } from "./web-messages.ts";

export type Cell = string | number | null | { readonly text: string; readonly href: string };

export interface WebColumn {
  /** The CSV header: stable, like the export's columns. */
  readonly key: string;
  readonly label: Bilingual;
  readonly numeric?: boolean;
  /** A ratio shown as a percentage (the CSV keeps the number). */
  readonly percent?: boolean;
}

export interface WebTable {
  /** Names the table in the page's `?csv=` link. */
  readonly id: string;
  readonly caption: Bilingual;
  readonly columns: readonly WebColumn[];
  readonly rows: readonly (readonly Cell[])[];
  /**
   * Set when `rows` are one page of a longer table the page read from the database (`pageWindow`):
   * they are rows [first, first + rows.length) of `total`. The CSV is then asked with all rows.
   */
  readonly window?: { readonly first: number; readonly total: number };
}

/** A page shows at most this many rows of a table at a time (`?page.<table>=n`); its CSV has them all. */
export const SHOWN_ROWS = 500;

/** The rows a page of table `id` shows (`page.<id>` in the query), for a page that reads only those; null for a CSV (all rows). */
export function pageWindow(url: URL, id: string): { readonly first: number; readonly count: number } | null {
  if (url.searchParams.get("csv") === id) return null;
  const asked = Number(url.searchParams.get(`page.${id}`) ?? "1");
  return { first: Number.isInteger(asked) && asked >= 1 ? (asked - 1) * SHOWN_ROWS : 0, count: SHOWN_ROWS };
}

/** The part of a long table to show: `page.<id>` in the query, 1 when absent or out of range. */
function pageOf(table: WebTable, url: URL): { readonly page: number; readonly pages: number } {
  if (table.window) {
    const pages = Math.max(1, Math.ceil(table.window.total / SHOWN_ROWS));
    return { page: Math.floor(table.window.first / SHOWN_ROWS) + 1, pages };
  }
  const pages = Math.max(1, Math.ceil(table.rows.length / SHOWN_ROWS));
  const asked = Number(url.searchParams.get(`page.${table.id}`) ?? "1");
  return { page: Number.isInteger(asked) && asked >= 1 && asked <= pages ? asked : 1, pages };
}

function pageHref(url: URL, table: WebTable, page: number): string {
  const next = new URL(url);
  next.searchParams.set(`page.${table.id}`, String(page));
  return next.pathname + next.search;
}

const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

const plain = (c: Cell): string | number | null => (c !== null && typeof c === "object" ? c.text : c);

export function tableCsv(table: WebTable): string {
  return tableToCsv({ columns: table.columns.map((c) => c.key), rows: table.rows.map((r) => r.map(plain)) });
}

export function renderTable(table: WebTable, locale: Locale, path: string): Html {
  const t = (b: Bilingual) => pick(b, locale);
  const url = new URL(path, "http://dashboard.invalid");
  const { page, pages } = pageOf(table, url);
  const first = (page - 1) * SHOWN_ROWS;
  const shown = table.window ? table.rows : table.rows.slice(first, first + SHOWN_ROWS);
  const total = table.window?.total ?? table.rows.length;
  // The CSV link carries no page: it is the whole table.
  const csvUrl = new URL(url);
  for (const key of [...csvUrl.searchParams.keys()]) if (key.startsWith("page.")) csvUrl.searchParams.delete(key);
  const csvPath = csvUrl.pathname + csvUrl.search;
  const sep = csvPath.includes("?") ? "&" : "?";
  return html`<div class="scroll">
      <table id="table-${table.id}" data-table="${table.id}">
        <caption>
          ${t(table.caption)}
        </caption>
        <thead>
          <tr>
            ${table.columns.map((c) => html`<th scope="col" ${c.numeric ? html` class="num"` : ""}>${t(c.label)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${
            total === 0
              ? html`<tr>
                  <td colspan="${table.columns.length}">${t(MSG.nothing)}</td>
                </tr>`
              : shown.map(
                  (r) =>
                    html`<tr>
                      ${r.map((c, i) => {
                        const cls = table.columns[i]?.numeric ? html` class="num"` : "";
                        if (c !== null && typeof c === "object")
                          return html`<td${cls}><a href="${c.href}">${c.text}</a></td>`;
                        if (table.columns[i]?.percent)
                          return html`<td${cls}>${typeof c === "number" ? percent(c) : "—"}</td>`;
                        return html`<td${cls}>${c === null ? "" : String(c)}</td>`;
                      })}
                    </tr>`,
                )
          }
        </tbody>
      </table>
    </div>
    ${
      pages > 1
        ? html`<nav class="pager" aria-label="${t(MSG.pages)}" data-page="${page}" data-pages="${pages}">
            <span>${t(MSG.rowsOf(first + 1, first + shown.length, total))}</span>
            ${page > 1 ? html`<a rel="prev" href="${pageHref(url, table, page - 1)}">${t(MSG.previousPage)}</a>` : ""}
            ${page < pages ? html`<a rel="next" href="${pageHref(url, table, page + 1)}">${t(MSG.nextPage)}</a>` : ""}
          </nav>`
        : ""
    }
    <a class="csv" href="${csvPath}${sep}csv=${table.id}" download="${table.id}.csv"
      >${t(MSG.downloadCsv)} (${t(table.caption)})</a
    >`;
}

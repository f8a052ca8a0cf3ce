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
}

/** A page shows at most this many rows of a table; its CSV has them all. */
export const SHOWN_ROWS = 500;

const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

const plain = (c: Cell): string | number | null => (c !== null && typeof c === "object" ? c.text : c);

export function tableCsv(table: WebTable): string {
  return tableToCsv({ columns: table.columns.map((c) => c.key), rows: table.rows.map((r) => r.map(plain)) });
}

export function renderTable(table: WebTable, locale: Locale, path: string): Html {
  const t = (b: Bilingual) => pick(b, locale);
  const sep = path.includes("?") ? "&" : "?";
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
            table.rows.length === 0
              ? html`<tr>
                  <td colspan="${table.columns.length}">${t(MSG.nothing)}</td>
                </tr>`
              : table.rows.slice(0, SHOWN_ROWS).map(
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
      table.rows.length > SHOWN_ROWS
        ? html`<p class="muted" data-shown="${SHOWN_ROWS}" data-rows="${table.rows.length}">
            ${t(MSG.moreRows(SHOWN_ROWS, table.rows.length))}
          </p>`
        : ""
    }
    <a class="csv" href="${path}${sep}csv=${table.id}" download="${table.id}.csv"
      >${t(MSG.downloadCsv)} (${t(table.caption)})</a
    >`;
}
